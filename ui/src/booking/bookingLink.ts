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
}

const KEYS = ["patientId", "reschedule", "providerId", "appointmentType", "mode", "locationId"] as const;

export function hrefForBooking(start: BookingStart): string {
  const params = new URLSearchParams();
  for (const key of KEYS) {
    const value = start[key];
    if (value) params.set(key, value);
  }
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
  };
}

/** Goes to the Book page; a plain hash change, which the router hears like any other. */
export function goToBooking(start: BookingStart): void {
  window.location.hash = hrefForBooking(start);
}
