// One appointment in a sentence ("09:15–09:35, Nguyen, Minh, Dr. Lee, Confirmed, video visit"):
// the accessible name of a board block, so a screen reader and a WebDriver spec hear what the
// eye sees.
import type { Appointment } from "../api/backend";
import type { Locale, Translate } from "../i18n/types";
import { formatClock } from "../time/zoned";
import { statusText } from "./status";

export function timeRange(appointment: Appointment, zone: string, locale: Locale): string {
  return `${formatClock(appointment.start, zone, locale)}–${formatClock(appointment.end, zone, locale)}`;
}

export function patientLabel(appointment: Appointment, names: ReadonlyMap<string, string>, t: Translate): string {
  if (!appointment.patientId) return t("board.unlinkedPatient");
  return names.get(appointment.patientId) ?? t("board.patientLoading");
}

export function describeAppointment(
  appointment: Appointment,
  parts: { zone: string; patient: string; provider: string },
  t: Translate,
  locale: Locale,
): string {
  const words = [timeRange(appointment, parts.zone, locale), parts.patient, parts.provider, statusText(appointment.status, t)];
  if (appointment.visit.mode === "telehealth") words.push(t("visit.telehealthLong"));
  if (appointment.visit.mode === "referral") words.push(t("visit.referral"));
  return words.join(", ");
}
