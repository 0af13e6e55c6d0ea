// Times in a location's zone. The backend sends UTC instants; the desk shows and lays them out
// on the location's wall clock (DESIGN §3), whatever zone the computer itself is set to.
import { TZDate, tzOffset } from "@date-fns/tz";
import { format } from "date-fns";
import type { Locale } from "../i18n/types";
import { dateTimeFormat } from "./dateTimeFormat";

export const MINUTES_PER_DAY = 24 * 60;

/** The location's local date right now, `YYYY-MM-DD`. */
export function todayIn(zone: string, now: Date = new Date()): string {
  return format(new TZDate(now.getTime(), zone), "yyyy-MM-dd");
}

/** The local date of `instant` in `zone`, `YYYY-MM-DD`. */
export function localDay(instant: string, zone: string): string {
  return format(new TZDate(new Date(instant).getTime(), zone), "yyyy-MM-dd");
}

export function isDay(value: string): boolean {
  return /^\d{4}-\d{2}-\d{2}$/.test(value) && !Number.isNaN(Date.parse(`${value}T00:00:00Z`));
}

/** A calendar date moved by whole days; dates carry no zone, so UTC arithmetic is exact. */
export function shiftDay(day: string, days: number): string {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

/**
 * Minutes after local midnight of `day` on the wall clock of `zone`, clamped to the day, so an
 * appointment that began the evening before starts at the top and one running past midnight
 * ends at the bottom. Wall-clock minutes (not elapsed ones) keep 09:00 on the 09:00 row on the
 * days the clocks change.
 */
export function minutesIntoDay(instant: string, zone: string, day: string): number {
  const local = new TZDate(new Date(instant).getTime(), zone);
  const date = format(local, "yyyy-MM-dd");
  if (date < day) return 0;
  if (date > day) return MINUTES_PER_DAY;
  return local.getHours() * 60 + local.getMinutes();
}

export function formatClock(instant: string, zone: string, locale: Locale): string {
  return dateTimeFormat(locale, {
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
    timeZone: zone,
  }).format(new Date(instant));
}

/** A wall-clock minute of the day as "09:15", for row labels. */
export function formatMinutes(minutes: number): string {
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  return `${String(h).padStart(2, "0")}:${String(m).padStart(2, "0")}`;
}

export function formatZonedDateTime(instant: string, zone: string | undefined, locale: Locale): string {
  return dateTimeFormat(locale, {
    dateStyle: "medium",
    timeStyle: "short",
    hourCycle: "h23",
    ...(zone ? { timeZone: zone } : {}),
  }).format(new Date(instant));
}

/** A calendar date in words ("Saturday, 21 November 2026"), in the reader's language. */
export function formatDay(day: string, locale: Locale): string {
  return dateTimeFormat(locale, { dateStyle: "full", timeZone: "UTC" }).format(
    new Date(`${day}T00:00:00Z`),
  );
}

/** A date of birth as the vendor gave it (`YYYY-MM-DD`), in the reader's short format. */
export function formatBirthDate(birthDate: string, locale: Locale): string {
  if (!isDay(birthDate)) return birthDate;
  return dateTimeFormat(locale, { dateStyle: "medium", timeZone: "UTC" }).format(
    new Date(`${birthDate}T00:00:00Z`),
  );
}

/** The zone's short name at that instant ("CST", or "GMT-6" where the language has no name). */
export function zoneAbbreviation(zone: string, instant: Date, locale: Locale): string {
  const parts = dateTimeFormat(locale, { timeZone: zone, timeZoneName: "short" }).formatToParts(instant);
  return parts.find((p) => p.type === "timeZoneName")?.value ?? zone;
}

/** Whether the computer's clock reads differently from the location's at that instant. */
export function differsFromComputer(zone: string, instant: Date): boolean {
  return tzOffset(zone, instant) !== -instant.getTimezoneOffset();
}

/** The oldest of several as-of times: a view is only as fresh as its stalest fact. */
export function oldest(times: readonly string[]): string | null {
  let result: string | null = null;
  for (const time of times) {
    if (result === null || Date.parse(time) < Date.parse(result)) result = time;
  }
  return result;
}
