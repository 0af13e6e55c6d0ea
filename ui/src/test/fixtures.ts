// Backend answers the tests reuse, typed as the bindings type them.
import type {
  AppInfo,
  Appointment,
  Location,
  PatientCard,
  PatientSummary,
  Provider,
  VendorStatus,
} from "../api/backend";

export const appInfo = (overrides: Partial<AppInfo> = {}): AppInfo => ({
  name: "Frontdesk",
  version: "0.1.0",
  dataDir: "/home/rosa/.local/share/health.frontdesk.desk",
  practiceName: null,
  demo: false,
  problem: null,
  ...overrides,
});

export const notConfigured = (): VendorStatus[] =>
  (["cxone", "zoom", "nextech", "nexhealth", "wellhive"] as const).map((vendor) => ({
    vendor,
    state: "notConfigured",
    asOf: null,
    lastError: null,
  }));

export const connected = (): VendorStatus[] =>
  (["cxone", "zoom", "nextech", "nexhealth", "wellhive"] as const).map((vendor) => ({
    vendor,
    state: "ok",
    asOf: "2026-11-21T13:50:00Z",
    lastError: null,
  }));

export const CHICAGO: Location = {
  id: "nexhealth:loc-1",
  vendor: "nexhealth",
  externalId: "loc-1",
  name: "Lakeside Clinic",
  timeZone: "America/Chicago",
  address: null,
  phone: null,
};

export const DR_LEE: Provider = {
  id: "nexhealth:prov-lee",
  displayName: "Dr. Ana Lee",
  designation: "MD",
  links: [{ vendor: "nexhealth", externalId: "prov-lee" }],
  asOf: "2026-11-21T13:50:00Z",
};

export const DR_PATEL: Provider = {
  id: "nexhealth:prov-patel",
  displayName: "Dr. Raj Patel",
  designation: "OD",
  links: [{ vendor: "nexhealth", externalId: "prov-patel" }],
  asOf: "2026-11-21T13:50:00Z",
};

export const appointment = (overrides: Partial<Appointment> = {}): Appointment => ({
  id: "nexhealth:4411",
  vendor: "nexhealth",
  externalId: "4411",
  patientId: "pat-nguyen",
  patientExternalId: "np-77",
  providerId: DR_LEE.id,
  locationId: CHICAGO.id,
  appointmentType: "Follow-up",
  // 10:30–11:00 in Chicago (CST, UTC-6).
  start: "2026-11-21T16:30:00Z",
  end: "2026-11-21T17:00:00Z",
  status: { state: "confirmed" },
  visit: { mode: "inPerson", locationId: CHICAGO.id, operatoryId: null },
  asOf: "2026-11-21T13:50:00Z",
  ...overrides,
});

export const summary = (overrides: Partial<PatientSummary> = {}): PatientSummary => ({
  id: "pat-nguyen",
  givenName: "Minh",
  familyName: "Nguyen",
  birthDate: "1964-05-03",
  mrn: "MRN-1001",
  phones: [{ number: "+13125550142", kind: "mobile" }],
  links: [
    { vendor: "nexhealth", externalId: "np-77", confidence: "exact" },
    { vendor: "cxone", externalId: "pt-12345", confidence: "exact" },
    { vendor: "nextech", externalId: "nx-9", confidence: "matched" },
  ],
  ...overrides,
});

export const card = (overrides: Partial<PatientCard> = {}): PatientCard => ({
  ...summary(),
  middleName: null,
  email: "minh@example.org",
  preferredLanguage: "vi",
  communication: { allowEmail: true, allowSms: true, allowVoice: false },
  asOf: "2026-11-21T13:50:00Z",
  appointments: [],
  contacts: [],
  encounters: [],
  referrals: [],
  callbacks: [],
  suggestions: [],
  ...overrides,
});
