// Which appointments can still be changed from the desk: ones that have not happened, were not
// cancelled and did not fail (a failed booking is not in the vendor to cancel).
import type { Appointment } from "../api/backend";
import { hrefForBooking } from "./bookingLink";

const CLOSED = new Set(["cancelled", "completed", "noShow", "failed", "inProgress"]);

export function canChange(appointment: Appointment, now: Date): boolean {
  return !CLOSED.has(appointment.status.state) && Date.parse(appointment.end) > now.getTime();
}

/** The Book page set up to move `appointment`: its patient, provider, type and kind of visit. */
export function rescheduleHref(appointment: Appointment): string {
  return hrefForBooking({
    patientId: appointment.patientId,
    reschedule: appointment.id,
    providerId: appointment.providerId,
    appointmentType: appointment.appointmentType,
    mode: appointment.visit.mode,
  });
}
