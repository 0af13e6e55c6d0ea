// The one door to the Rust backend. Every command and event the UI uses passes through here, so
// components never import the generated bindings and tests mock this module instead of IPC.
import { invoke } from "@tauri-apps/api/core";
import { listen } from "@tauri-apps/api/event";
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

// ---------------------------------------------------------------------------------------------
// Slots and booking (issue 8). Hand-written to the desk's shapes (crates/desk/src/booking/
// types.rs) until the commands reach the generated bindings; then each type becomes
// `OkOf<typeof commands.x>` and each call `unwrap(await commands.x(...))`, and no caller changes.

export type VisitMode = "inPerson" | "telehealth" | "referral";
export type InviteChannel = "email" | "sms";
export type ErrorKind = AppError["kind"];
export type CommunicationPreferences = PatientCard["communication"];

/** The slot finder's question. Ids are desk ids (`nexhealth:12`); empty lists mean "all". */
export interface SlotQuery {
  /** First and last local day, inclusive, `YYYY-MM-DD`. */
  from: string;
  to: string;
  modes: VisitMode[];
  providerIds: string[];
  locationIds: string[];
  appointmentType: string | null;
  /** The patient the search is for; referral searches need one. */
  patientId: string | null;
  /** The referral a referral search is made under; the patient's approved one when null. */
  referralId: string | null;
  near: { latitude: number; longitude: number } | null;
  maxMiles: number | null;
}

/** One open time; `id` is opaque and is what `bookSlot` takes back. */
export interface OpenSlot {
  id: string;
  vendor: Vendor;
  mode: VisitMode;
  providerId: string | null;
  locationId: string | null;
  operatoryId: string | null;
  appointmentType: string | null;
  /** RFC 3339 with the location's offset. */
  start: string;
  end: string;
  /** IANA zone the times are shown in (the location's, else the practice's). */
  zone: string;
  driveTimeMinutes: number | null;
}

export interface OpenSlotDay {
  /** The local date, `YYYY-MM-DD`. */
  date: string;
  slots: OpenSlot[];
}

export type OutcomeState =
  | { state: "ok"; slots: number }
  | { state: "timedOut"; afterMs: number }
  | { state: "failed"; kind: ErrorKind; message: string };

/** How one vendor's part of a search went. */
export interface VendorOutcome {
  vendor: Vendor;
  mode: VisitMode;
  state: OutcomeState;
  elapsedMs: number;
}

export interface SlotResults {
  days: OpenSlotDay[];
  /** One per vendor asked, in vendor order. */
  outcomes: VendorOutcome[];
  asOf: string;
}

/** An appointment type the finder can filter by (NexHealth's: in-person visits have types). */
export interface AppointmentType {
  /** The desk's id (`nexhealth:7`). */
  id: string;
  name: string;
  minutes: number | null;
  locationId: string | null;
  bookableOnline: boolean | null;
}

/** Who is being booked: someone the desk knows, or a new person (looked for again first). */
export type BookingPatient =
  | { kind: "existing"; patientId: string }
  | { kind: "new"; givenName: string; familyName: string; birthDate: string; phone: string; email: string | null };

export type NewPatient = Omit<Extract<BookingPatient, { kind: "new" }>, "kind">;

export interface PatientAttribute {
  name: string;
  value: string;
}

export interface TelehealthOptions {
  /** One of the Zoom doc's visit types (`follow_up`, ...). */
  visitType: string | null;
  minutes: number | null;
  /** Recording stays off unless the patient's consent is on file. */
  recordingConsent: boolean;
}

export interface ReferralOptions {
  referralId: string | null;
  /** Patient fields the provider service requires that the desk does not know. */
  attributes: PatientAttribute[];
}

export interface BookRequest {
  /** An `OpenSlot.id`. */
  slotId: string;
  patient: BookingPatient;
  /** One per Book press, kept through retries, so a retry after a timeout books once. */
  key: string | null;
  note: string | null;
  telehealth: TelehealthOptions | null;
  referral: ReferralOptions | null;
}

export type InviteState =
  | { state: "sent"; channels: InviteChannel[] }
  | { state: "noChannelAllowed" }
  | { state: "failed"; message: string };

export interface TelehealthBookedInfo {
  patientJoinUrl: string;
  /** Staff only. */
  providerJoinUrl: string;
  invite: InviteState;
  remindersAt: string[];
}

/** What a booking did right away; `settling` means an AppointmentSettled event follows. */
export interface BookingResult {
  key: string;
  appointment: Appointment;
  patientId: string | null;
  patientCreated: boolean;
  settling: boolean;
  replaces: string | null;
  telehealth: TelehealthBookedInfo | null;
}

export type SettleOutcome = "confirmed" | "failed" | "stillPending";

/** The end of a booking's wait. */
export interface SettledBooking {
  key: string;
  outcome: SettleOutcome;
  reason: string | null;
  appointment: Appointment;
  replacedCancelled: string | null;
}

/** A booking accepted, or the time taken by someone else with the next ones offered. */
export type BookOutcome = { outcome: "booked"; result: BookingResult } | { outcome: "taken"; message: string; next: OpenSlot[] };

export interface CancelReason {
  id: string;
  name: string | null;
}

export async function searchSlots(query: SlotQuery): Promise<SlotResults> {
  return call("search_slots", { query });
}

export async function getAppointmentTypes(): Promise<AppointmentType[]> {
  return call("nexhealth_appointment_types", { locationId: null });
}

export async function bookSlot(request: BookRequest): Promise<BookOutcome> {
  return booked(() => call<BookingResult>("book_slot", { request }));
}

/** Books `request` and, once it is confirmed, cancels `appointmentId`; the old one stays otherwise. */
export async function rescheduleAppointment(appointmentId: string, request: BookRequest): Promise<BookOutcome> {
  return booked(() => call<BookingResult>("reschedule_appointment", { appointmentId, request }));
}

/** Patient fields the slot's provider service needs that the desk does not know (referrals). */
export async function missingBookingAttributes(slotId: string, patientId: string): Promise<string[]> {
  return call("missing_booking_attributes", { slotId, patientId });
}

/** One appointment as the cache holds it (the sync and settle keep it current). */
export async function getAppointmentStatus(appointmentId: string): Promise<Appointment> {
  return call("appointment_status", { appointmentId, refresh: false });
}

/** The reasons the vendor accepts for cancelling (WellHive's list; empty for the others). */
export async function getCancelReasons(appointmentId: string): Promise<CancelReason[]> {
  return call("cancel_reasons", { appointmentId });
}

export async function cancelAppointment(appointmentId: string, reasonId: string | null): Promise<Appointment> {
  return call("cancel_appointment", { appointmentId, reasonId });
}

/** A CXone callback; when CXone is down it waits in the outbox (state `queued`). */
export async function scheduleCallback(patientId: string, at: string, reason: string): Promise<Callback> {
  return call("schedule_callback", { patientId, at, reason });
}

/** Calls `onSettled` when a pending booking becomes confirmed or failed in the vendor. */
export function onAppointmentSettled(onSettled: (settled: SettledBooking) => void): Promise<() => void> {
  return listen<{ settled: SettledBooking }>("appointment-settled", (event) => {
    onSettled(event.payload.settled);
  });
}

// A slot taken by someone else is an answer the screen acts on (offer the next times), not a
// failure: it comes back as an outcome. Every other error stays a thrown BackendError.
async function booked(send: () => Promise<BookingResult>): Promise<BookOutcome> {
  try {
    return { outcome: "booked", result: await send() };
  } catch (error) {
    if (error instanceof BackendError && error.appError.kind === "conflict") {
      const next = (error.appError as { nextSlots?: OpenSlot[] | null }).nextSlots;
      // A conflict without next times is not a taken slot (an unknown outcome): the banner says it.
      if (!next) throw error;
      return { outcome: "taken", message: error.appError.message, next };
    }
    throw error;
  }
}

// The stop-gap door for commands not generated yet: the same rejection shape as typedError.
async function call<T>(name: string, args?: Record<string, unknown>): Promise<T> {
  try {
    return await invoke<T>(name, args);
  } catch (error) {
    if (error instanceof Error) throw error;
    throw new BackendError(error as AppError);
  }
}
