// The one door to the Rust backend. Every command and event the UI uses passes through here, so
// components never import the generated bindings and tests mock this module instead of IPC.
import { commands, events } from "../bindings";
import { BackendError } from "./errors";

// The bindings type each value twice (as Rust sends it and as Rust would accept it); the UI only
// ever receives, so its types are read off what the commands return.
type Outcome<F extends (...args: never[]) => Promise<unknown>> = Awaited<ReturnType<F>>;
type OkOf<F extends (...args: never[]) => Promise<unknown>> = Extract<Outcome<F>, { status: "ok" }>["data"];
type ErrOf<F extends (...args: never[]) => Promise<unknown>> = Extract<Outcome<F>, { status: "error" }>["error"];

export type AppInfo = OkOf<typeof commands.appInfo>;
export type AppError = ErrOf<typeof commands.appInfo>;
export type VendorStatus = OkOf<typeof commands.vendorStatuses>[number];
export type Vendor = VendorStatus["vendor"];
export type ConnectionState = VendorStatus["state"];
export type PatientSummary = OkOf<typeof commands.searchPatients>[number];
export type PatientCard = OkOf<typeof commands.patientCard>;
export type Location = OkOf<typeof commands.locations>[number];
export type Provider = OkOf<typeof commands.providers>[number];
export type DayBoard = OkOf<typeof commands.dayBoard>;
export type ProviderDay = OkOf<typeof commands.providerDay>;
export type Appointment = DayBoard["appointments"][number];
export type AppointmentStatus = Appointment["status"];
export type AppointmentState = AppointmentStatus["state"];
export type Visit = Appointment["visit"];
export type VendorLink = PatientSummary["links"][number];
export type LinkConfidence = VendorLink["confidence"];
export type Phone = PatientSummary["phones"][number];
export type Contact = PatientCard["contacts"][number];
export type Encounter = PatientCard["encounters"][number];
export type Referral = PatientCard["referrals"][number];
export type Callback = PatientCard["callbacks"][number];
export type LinkSuggestion = PatientCard["suggestions"][number];

type CommandResult<T> = { status: "ok"; data: T } | { status: "error"; error: AppError };

// Turning the typed error into a thrown one lets TanStack Query carry it as the query's error
// while keeping the AppError intact for the banner.
function unwrap<T>(result: CommandResult<T>): T {
  if (result.status === "error") throw new BackendError(result.error);
  return result.data;
}

export async function getAppInfo(): Promise<AppInfo> {
  return unwrap(await commands.appInfo());
}

export async function getVendorStatuses(): Promise<VendorStatus[]> {
  return unwrap(await commands.vendorStatuses());
}

/** Calls `onChange` each time a vendor connection changes; resolves to the unsubscribe function. */
export function onVendorStatusChanged(onChange: (status: VendorStatus) => void): Promise<() => void> {
  return events.vendorStatusChanged.listen((event) => {
    onChange(event.payload.status);
  });
}

/** One step of a sync pass (vendor, phase, counts), as the backend reports it. */
export type SyncEvent = Parameters<Parameters<typeof events.syncProgressed.listen>[0]>[0]["payload"]["event"];

export function onSyncProgressed(onEvent: (event: SyncEvent) => void): Promise<() => void> {
  return events.syncProgressed.listen((event) => {
    onEvent(event.payload.event);
  });
}

/** Opens the demo practice: the five vendors simulated on this computer, seeded, then synced. */
export async function openDemoPractice(): Promise<void> {
  unwrap(await commands.openDemoPractice());
}

/** Asks the background sync for a pass now. */
export async function syncNow(): Promise<void> {
  unwrap(await commands.syncNow());
}

/** Patients matching what was typed, best first, at most `limit` of them. */
export async function searchPatients(query: string, limit: number): Promise<PatientSummary[]> {
  return unwrap(await commands.searchPatients(query, limit));
}

/** Asks the vendors for the person's contact history, encounters and referrals, then returns the card. */
export async function refreshPatientCard(id: string): Promise<PatientCard> {
  return unwrap(await commands.refreshPatientCard(id));
}

export async function getPatientCard(id: string): Promise<PatientCard> {
  return unwrap(await commands.patientCard(id));
}

export async function getLocations(): Promise<Location[]> {
  return unwrap(await commands.locations());
}

export async function getProviders(): Promise<Provider[]> {
  return unwrap(await commands.providers());
}

/** One location's board for `day`, the location's local date as `YYYY-MM-DD`. */
export async function getDayBoard(locationId: string, day: string): Promise<DayBoard> {
  return unwrap(await commands.dayBoard(locationId, day));
}

/**
 * One clinician's appointments on `day` (`YYYY-MM-DD`, local to `timeZone`): every location and
 * every video visit, with the people on them.
 */
export async function getProviderDay(providerId: string, day: string, timeZone: string): Promise<ProviderDay> {
  return unwrap(await commands.providerDay(providerId, day, timeZone));
}

/**
 * Opens a telehealth visit's provider link in the system browser or Zoom client, never in the
 * app's own webview. The backend reads the link from the cache by appointment id and checks it
 * points at Zoom: the webview never hands a URL to the system.
 */
export async function joinVisit(appointmentId: string): Promise<void> {
  unwrap(await commands.joinVisit(appointmentId));
}
