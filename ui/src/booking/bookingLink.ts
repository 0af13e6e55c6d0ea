// The Book page's address with what it should start from: a patient (Book on a card), an
// appointment being moved (Reschedule) with its provider, type and mode. The hash router
// ignores what follows `?`, so these ride along without a route of their own.
import { hrefFor } from "../router/routes";
import type { VisitMode } from "../api/backend";

export interface BookingStart {
  patientId?: string | null;
  /** The appointment a reschedule replaces. */
  reschedule?: string | null;
  providerId?: string | null;
  appointmentType?: string | null;
  mode?: VisitMode | null;
  locationId?: string | null;
  /** Start on the new-patient form (a search found nobody). */
  newPatient?: boolean;
}

const KEYS = ["patientId", "reschedule", "providerId", "appointmentType", "mode", "locationId"] as const;

export function hrefForBooking(start: BookingStart): string {
  const params = new URLSearchParams();
  for (const key of KEYS) {
    const value = start[key];
    if (value) params.set(key, value);
  }
  if (start.newPatient) params.set("newPatient", "1");
  const query = params.toString();
  return query ? `${hrefFor("book")}?${query}` : hrefFor("book");
}

const MODES: readonly VisitMode[] = ["inPerson", "telehealth", "referral"];

export function parseBookingStart(hash: string): BookingStart {
  const at = hash.indexOf("?");
  if (at === -1) return {};
  const params = new URLSearchParams(hash.slice(at + 1));
  const mode = params.get("mode");
  return {
    patientId: params.get("patientId"),
    reschedule: params.get("reschedule"),
    providerId: params.get("providerId"),
    appointmentType: params.get("appointmentType"),
    mode: MODES.find((m) => m === mode) ?? null,
    locationId: params.get("locationId"),
    newPatient: params.get("newPatient") === "1",
  };
}

/** Goes to the Book page; a plain hash change, which the router hears like any other. */
export function goToBooking(start: BookingStart): void {
  window.location.hash = hrefForBooking(start);
}

// What was typed into a search that found nobody rides beside the address, not in it: a name is
// PHI and the address is not a place for it. Held in memory only until the Book page reads it.
let typedForNewPatient = "";

/** Goes to the Book page's new-patient form, to be filled in from `typed` where it is a name. */
export function goToNewPatient(typed: string): void {
  typedForNewPatient = typed;
  goToBooking({ newPatient: true });
}

/** What the last "New patient" carried from its search (read while the Book page starts). */
export function typedNewPatientName(): string {
  return typedForNewPatient;
}

/** Forgets the carried name, once the Book page has it. */
export function forgetTypedNewPatientName(): void {
  typedForNewPatient = "";
}
