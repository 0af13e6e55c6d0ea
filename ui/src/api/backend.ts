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

export type VendorSearchResults = OkOf<typeof commands.searchVendorPatients>;
export type LookupOutcome = VendorSearchResults["outcomes"][number];

/**
 * Asks the vendors that offer a patient search for `query` (someone the cache no longer holds),
 * keeps what they return in the cache and returns the cache's results with one outcome per vendor.
 */
export async function searchVendorPatients(query: string, limit: number): Promise<VendorSearchResults> {
  return unwrap(await commands.searchVendorPatients(query, limit));
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

/** Audits the day sheet about to print (who, which location's day, how many appointments). */
export async function recordDaySheetPrint(locationId: string, day: string, appointments: number): Promise<void> {
  unwrap(await commands.recordDaySheetPrint(locationId, day, appointments));
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

// ---------------------------------------------------------------------------------------------
// Vendor connections (Settings): each vendor's settings as the config file holds them, secrets
// only as set or not; saving reconnects the desk; testing uses the form's values unsaved.

export type ConnectionSettings = OkOf<typeof commands.connectionSettings>;
export type VendorSettings = ConnectionSettings["vendors"][number];
export type PracticeSettings = ConnectionSettings["practice"];
export type VendorUpdate = Parameters<typeof commands.saveVendorSettings>[0];
export type ConnectionCheck = OkOf<typeof commands.testVendorConnection>;
export type VendorFailure = Extract<ConnectionCheck, { outcome: "refused" }>["failure"];

export async function getConnectionSettings(): Promise<ConnectionSettings> {
  return unwrap(await commands.connectionSettings());
}

/** Saves the practice's name and time zone (making the config file on a new desk). */
export async function savePracticeSettings(practice: PracticeSettings): Promise<void> {
  unwrap(await commands.savePracticeSettings(practice));
}

/** Saves one vendor's settings and secret; the desk reconnects with them. */
export async function saveVendorSettings(update: VendorUpdate): Promise<void> {
  unwrap(await commands.saveVendorSettings(update));
}

/** Signs in to the vendor with the form's settings and reads one small thing. */
export async function testVendorConnection(update: VendorUpdate): Promise<ConnectionCheck> {
  return unwrap(await commands.testVendorConnection(update));
}

/** Opens Nextech's sign-in in the system browser and waits for it to come back. */
export async function signInNextech(update: VendorUpdate): Promise<void> {
  unwrap(await commands.signInNextech(update));
}

// ---------------------------------------------------------------------------------------------
// Slots and booking (issue 8): the desk's booking types (crates/desk/src/booking/types.rs) as
// the bindings carry them. Requests are typed as Rust accepts them (optional fields may be
// left out); answers as Rust sends them.

type ArgOf<F extends (...args: never[]) => unknown, I extends number = 0> = Parameters<F>[I];

export type SlotQuery = ArgOf<typeof commands.searchSlots>;
export type SlotResults = OkOf<typeof commands.searchSlots>;
export type OpenSlotDay = SlotResults["days"][number];
export type OpenSlot = OpenSlotDay["slots"][number];
export type VendorOutcome = SlotResults["outcomes"][number];
export type OutcomeState = VendorOutcome["state"];
export type VisitMode = OpenSlot["mode"];
export type ErrorKind = Extract<OutcomeState, { state: "failed" }>["kind"];
export type CommunicationPreferences = PatientCard["communication"];
export type AppointmentType = OkOf<typeof commands.nexhealthAppointmentTypes>[number];
export type BookRequest = ArgOf<typeof commands.bookSlot>;
export type BookingPatient = BookRequest["patient"];
export type NewPatient = Omit<Extract<BookingPatient, { kind: "new" }>, "kind">;
export type TelehealthOptions = NonNullable<BookRequest["telehealth"]>;
export type ReferralOptions = NonNullable<BookRequest["referral"]>;
export type PatientAttribute = NonNullable<ReferralOptions["attributes"]>[number];
export type BookingResult = OkOf<typeof commands.bookSlot>;
export type TelehealthBookedInfo = NonNullable<BookingResult["telehealth"]>;
export type InviteState = TelehealthBookedInfo["invite"];
export type InviteChannel = Extract<InviteState, { state: "sent" }>["channels"][number];
export type SettledBooking = Parameters<Parameters<typeof events.appointmentSettled.listen>[0]>[0]["payload"]["settled"];
export type CancelReason = OkOf<typeof commands.cancelReasons>[number];

/** A booking accepted, or the time taken by someone else with the next ones offered. */
export type BookOutcome = { outcome: "booked"; result: BookingResult } | { outcome: "taken"; message: string; next: OpenSlot[] };

/**
 * Open slots across every vendor at once, by the location's local day; a vendor that failed
 * or was slow is a line in `outcomes`, never the command's error.
 */
export async function searchSlots(query: SlotQuery): Promise<SlotResults> {
  return unwrap(await commands.searchSlots(query));
}

/** The appointment types the finder can filter by (NexHealth's: in-person visits have types). */
export async function getAppointmentTypes(): Promise<AppointmentType[]> {
  return unwrap(await commands.nexhealthAppointmentTypes(null));
}

/** Books one slot; in-person and referral bookings come back pending, settled by event. */
export async function bookSlot(request: BookRequest): Promise<BookOutcome> {
  return booked(await commands.bookSlot(request));
}

/** Books `request` and, once it is confirmed, cancels `appointmentId`; the old one stays otherwise. */
export async function rescheduleAppointment(appointmentId: string, request: BookRequest): Promise<BookOutcome> {
  return booked(await commands.rescheduleAppointment(appointmentId, request));
}

/** Patient fields the slot's provider service needs that the desk does not know (referrals). */
export async function missingBookingAttributes(slotId: string, patientId: string): Promise<string[]> {
  return unwrap(await commands.missingBookingAttributes(slotId, patientId));
}

/** One appointment as the cache holds it (the sync and settle keep it current). */
export async function getAppointmentStatus(appointmentId: string): Promise<Appointment> {
  return unwrap(await commands.appointmentStatus(appointmentId, false));
}

export type QuotaCount = OkOf<typeof commands.quotaCounts>[number];
export type QuotaAction = QuotaCount["action"];

/** WellHive's quota-counted actions and how often this desk used each since it started (admins). */
export async function getQuotaCounts(): Promise<QuotaCount[]> {
  return unwrap(await commands.quotaCounts());
}

/** The reasons the vendor accepts for cancelling (WellHive's list; empty for the others). */
export async function getCancelReasons(appointmentId: string): Promise<CancelReason[]> {
  return unwrap(await commands.cancelReasons(appointmentId));
}

export async function cancelAppointment(appointmentId: string, reasonId: string | null): Promise<Appointment> {
  return unwrap(await commands.cancelAppointment(appointmentId, reasonId));
}

/** A CXone callback; when CXone is down it waits in the outbox (state `queued`). */
export async function scheduleCallback(patientId: string, at: string, reason: string): Promise<Callback> {
  return unwrap(await commands.scheduleCallback(patientId, at, reason));
}

/** Calls `onSettled` when a pending booking becomes confirmed or failed in the vendor. */
export function onAppointmentSettled(onSettled: (settled: SettledBooking) => void): Promise<() => void> {
  return events.appointmentSettled.listen((event) => {
    onSettled(event.payload.settled);
  });
}

// A slot taken by someone else is an answer the screen acts on (offer the next times), not a
// failure: it comes back as an outcome. A conflict without next times (a first attempt whose
// outcome is unknown) stays an error, whose banner says to check before booking again.
function booked(result: CommandResult<BookingResult>): BookOutcome {
  if (result.status === "error" && result.error.kind === "conflict" && result.error.nextSlots) {
    return { outcome: "taken", message: result.error.message, next: result.error.nextSlots };
  }
  return { outcome: "booked", result: unwrap(result) };
}

// ---- Practice setup (issue 10): the phone menu, providers' hours, appointment types, and a
// video visit's patient at Zoom (record, invitation, waiting room).

type InputOf<F extends (...args: never[]) => Promise<unknown>, N extends number = 0> = Parameters<F>[N];

export type IvrTemplate = OkOf<typeof commands.ivrTemplates>[number];
export type IvrFlowForm = InputOf<typeof commands.createIvrFlow>;
export type IvrFlowStatus = OkOf<typeof commands.createIvrFlow>;
export type ZoomAvailability = OkOf<typeof commands.zoomAvailability>;
export type ZoomAvailabilityForm = InputOf<typeof commands.setZoomAvailability, 1>;
export type WeeklyWindow = ZoomAvailability["weeklyHours"][number];
export type NexAvailability = OkOf<typeof commands.nexhealthAvailabilities>[number];
export type NexAvailabilityForm = InputOf<typeof commands.createNexhealthAvailability>;
export type NexAppointmentType = OkOf<typeof commands.nexhealthAppointmentTypes>[number];
export type AppointmentTypeForm = InputOf<typeof commands.createAppointmentType>;
export type WaitingVisit = OkOf<typeof commands.waitingRoom>[number];
export type InvitationSent = OkOf<typeof commands.resendInvitation>;
export type ZoomPatientRecord = OkOf<typeof commands.ensureZoomPatient>;

/** The IVR templates CXone offers. */
export async function getIvrTemplates(): Promise<IvrTemplate[]> {
  return unwrap(await commands.ivrTemplates());
}

/** Builds a custom IVR flow from a template; a wrong field comes back as `invalid` naming it. */
export async function createIvrFlow(form: IvrFlowForm): Promise<IvrFlowStatus> {
  return unwrap(await commands.createIvrFlow(form));
}

/** A provider's weekly telehealth hours at Zoom (the desk's provider id). */
export async function getZoomAvailability(providerId: string): Promise<ZoomAvailability> {
  return unwrap(await commands.zoomAvailability(providerId));
}

/** Replaces a provider's weekly telehealth hours and days off at Zoom. */
export async function setZoomAvailability(providerId: string, form: ZoomAvailabilityForm): Promise<ZoomAvailability> {
  return unwrap(await commands.setZoomAvailability(providerId, form));
}

/** Every NexHealth availability at one location, on and off. */
export async function getNexAvailabilities(locationId: string): Promise<NexAvailability[]> {
  return unwrap(await commands.nexhealthAvailabilities(locationId));
}

/** Adds in-person hours; hours overlapping the provider's own come back `invalid`. */
export async function createNexAvailability(form: NexAvailabilityForm): Promise<NexAvailability> {
  return unwrap(await commands.createNexhealthAvailability(form));
}

/** Switches an availability off; it stays listed, inactive. */
export async function deactivateNexAvailability(availabilityId: string): Promise<NexAvailability> {
  return unwrap(await commands.deactivateNexhealthAvailability(availabilityId));
}

/** NexHealth's appointment types, one location's when given. */
export async function getNexAppointmentTypes(locationId: string | null): Promise<NexAppointmentType[]> {
  return unwrap(await commands.nexhealthAppointmentTypes(locationId));
}

/** Creates an appointment type; the slot finder's type filter has it after the sync this starts. */
export async function createAppointmentType(form: AppointmentTypeForm): Promise<NexAppointmentType> {
  return unwrap(await commands.createAppointmentType(form));
}

/** Creates the patient's Zoom record, or brings the linked one up to date. */
export async function ensureZoomPatient(patientId: string): Promise<ZoomPatientRecord> {
  return unwrap(await commands.ensureZoomPatient(patientId));
}

/** Sends a video visit's invitation again, by the channels the patient allows. */
export async function resendInvitation(appointmentId: string): Promise<InvitationSent> {
  return unwrap(await commands.resendInvitation(appointmentId));
}

/** The video visits whose patient is in Zoom's waiting room now. */
export async function getWaitingRoom(): Promise<WaitingVisit[]> {
  return unwrap(await commands.waitingRoom());
}

/** Lets a visit's patient in from the waiting room. */
export async function admitWaitingPatient(appointmentId: string): Promise<void> {
  unwrap(await commands.admitWaitingPatient(appointmentId));
}

/** Sends the waiting patient a short message. */
export async function notifyWaitingPatient(appointmentId: string, message: string): Promise<void> {
  unwrap(await commands.notifyWaitingPatient(appointmentId, message));
}

export type WebhookReceiverStatus = OkOf<typeof commands.webhookReceiverStatus>;
export type WebhookVendorActivity = WebhookReceiverStatus["vendors"][number];
export type WebhookListing = OkOf<typeof commands.webhookSubscriptions>;

/** Whether this desk runs a webhook receiver, and what each vendor has delivered to it. */
export async function getWebhookReceiverStatus(): Promise<WebhookReceiverStatus> {
  return unwrap(await commands.webhookReceiverStatus());
}

/** The desk's webhook subscriptions at a vendor (CXone, Zoom, NexHealth). */
export async function getWebhookSubscriptions(vendor: Vendor): Promise<WebhookListing> {
  return unwrap(await commands.webhookSubscriptions(vendor));
}

/** Points a vendor at this desk's receiver; Zoom takes the app's secret token. */
export async function registerWebhooks(vendor: Vendor, secretToken: string | null): Promise<WebhookListing> {
  return unwrap(await commands.registerWebhooks(vendor, secretToken));
}

/** Removes one of a vendor's webhook subscriptions. */
export async function removeWebhookSubscription(vendor: Vendor, id: string): Promise<void> {
  unwrap(await commands.removeWebhookSubscription(vendor, id));
}

// --- Who is at the desk (access): sign-in, lock, staff. ---

export type SessionStatus = OkOf<typeof commands.sessionStatus>;
export type SessionPhase = SessionStatus["phase"];
export type SessionUser = NonNullable<SessionStatus["user"]>;
export type Role = SessionUser["role"];
export type DemoAccount = SessionStatus["demoAccounts"][number];
export type SignInOutcome = OkOf<typeof commands.signIn>;
export type StaffMember = OkOf<typeof commands.listStaff>[number];
export type NewStaffMember = Parameters<typeof commands.createStaff>[0];
export type StaffUpdate = Parameters<typeof commands.updateStaff>[1];

/** Where the desk is: first run, signed out, someone at work, or locked; and who. */
export async function getSessionStatus(): Promise<SessionStatus> {
  return unwrap(await commands.sessionStatus());
}

/** First run only: creates the practice admin and signs them in. */
export async function createFirstAdmin(admin: NewStaffMember): Promise<SessionStatus> {
  return unwrap(await commands.createFirstAdmin(admin));
}

/** Signs in, unlocks, or switches user at a locked desk. A wrong PIN is an outcome, not a throw. */
export async function signIn(username: string, credential: string): Promise<SignInOutcome> {
  return unwrap(await commands.signIn(username, credential));
}

export async function lockSession(): Promise<void> {
  unwrap(await commands.lockSession());
}

// --- The second factor: the code step, enrolment, and the admin's controls. ---

export type EnrolmentView = Extract<SignInOutcome, { outcome: "needsEnrolment" }>["enrolment"];
export type EnrolmentOutcome = OkOf<typeof commands.confirmSecondFactor>;
export type SecondFactorSettings = OkOf<typeof commands.secondFactorSettings>;

/** The sign-in's second step: an authenticator code or a recovery code. A wrong one is an outcome. */
export async function verifySecondFactor(code: string): Promise<SignInOutcome> {
  return unwrap(await commands.verifySecondFactor(code));
}

/** Finishes enrolment with the authenticator's first code; the recovery codes come back once. */
export async function confirmSecondFactor(code: string): Promise<EnrolmentOutcome> {
  return unwrap(await commands.confirmSecondFactor(code));
}

/** Gives up the code step or enrolment (back to the sign-in form). */
export async function cancelSecondFactor(): Promise<void> {
  unwrap(await commands.cancelSecondFactor());
}

export async function getSecondFactorSettings(): Promise<SecondFactorSettings> {
  return unwrap(await commands.secondFactorSettings());
}

export async function setSecondFactorRoles(roles: Role[]): Promise<void> {
  unwrap(await commands.setSecondFactorRoles(roles));
}

export async function resetSecondFactor(id: string): Promise<void> {
  unwrap(await commands.resetSecondFactor(id));
}

export async function signOut(): Promise<void> {
  unwrap(await commands.signOut());
}

/** The person is at the desk: restarts the backend's idle clock. */
export async function touchSession(): Promise<void> {
  unwrap(await commands.touchSession());
}

/** Calls `onLocked` when the backend locks the desk (idle, sleep, Ctrl+L in any window). */
export function onSessionLocked(onLocked: () => void): Promise<() => void> {
  return events.sessionLocked.listen(() => {
    onLocked();
  });
}

export async function listStaff(): Promise<StaffMember[]> {
  return unwrap(await commands.listStaff());
}

export async function createStaff(staff: NewStaffMember): Promise<StaffMember> {
  return unwrap(await commands.createStaff(staff));
}

export async function updateStaff(id: string, update: StaffUpdate): Promise<StaffMember> {
  return unwrap(await commands.updateStaff(id, update));
}

export async function resetStaffCredential(id: string, credential: string): Promise<void> {
  unwrap(await commands.resetStaffCredential(id, credential));
}

export async function setIdleLockMinutes(minutes: number): Promise<void> {
  unwrap(await commands.setIdleLockMinutes(minutes));
}

// --- The audit view (admins). ---

export type AuditFilter = Parameters<typeof commands.auditLog>[0];
export type AuditPage = OkOf<typeof commands.auditLog>;
export type AuditRow = AuditPage["rows"][number];
export type AuditCheck = OkOf<typeof commands.auditVerify>;
export type AuditFormat = Parameters<typeof commands.exportAudit>[0];

/** The log filtered, newest first (reading it is itself recorded). */
export async function getAuditLog(filter: AuditFilter): Promise<AuditPage> {
  return unwrap(await commands.auditLog(filter));
}

/** Walks the hash chain: intact, or the first row that does not fit. */
export async function verifyAudit(): Promise<AuditCheck> {
  return unwrap(await commands.auditVerify());
}

/** Exports the filtered rows where the person picks in the save dialog; null when cancelled. */
export async function exportAudit(format: AuditFormat, filter: AuditFilter): Promise<string | null> {
  return unwrap(await commands.exportAudit(format, filter));
}

// --- Retention (admins): how long the desk keeps past appointments, and a purge now. ---

export type PurgeSummary = OkOf<typeof commands.purgeNow>;
export type RetentionWindow = OkOf<typeof commands.retentionWindow>;

/** The window in force: the admin's choice, or the default (30 days) when none was made. */
export async function getRetentionWindow(): Promise<RetentionWindow> {
  return unwrap(await commands.retentionWindow());
}

export async function setRetentionWindow(days: number): Promise<void> {
  unwrap(await commands.setRetentionWindow(days));
}

/** Removes what falls outside the window, for good; says how much. */
export async function purgeNow(): Promise<PurgeSummary> {
  return unwrap(await commands.purgeNow());
}
