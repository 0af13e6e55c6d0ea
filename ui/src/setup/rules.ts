// The setup forms' checks, the same rules the backend applies (crates/core/src/setup/rules.rs),
// run before sending so a mistake is named beside its input at once and in the desk's language.
// The backend checks again: what it refuses comes back as `invalid` naming the same field.
import type { Translate } from "../i18n/types";

export const DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"] as const;
export type Day = (typeof DAYS)[number];

export type Errors = Partial<Record<string, string>>;

/** A calendar date written exactly YYYY-MM-DD that exists (no 30 February). */
export function isDate(value: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const d = new Date(Date.UTC(year, month - 1, day));
  return d.getUTCFullYear() === year && d.getUTCMonth() === month - 1 && d.getUTCDate() === day;
}

/** A 24-hour time written exactly HH:MM. */
export function isTime(value: string): boolean {
  const match = /^(\d{2}):(\d{2})$/.exec(value);
  return match !== null && Number(match[1]) < 24 && Number(match[2]) < 60;
}

/** Comma-separated dates as a list, blanks dropped. */
export function splitDates(text: string): string[] {
  return text
    .split(",")
    .map((d) => d.trim())
    .filter((d) => d !== "");
}

/** The first date that is not a real YYYY-MM-DD date, translated; null when all are. */
export function datesError(dates: readonly string[], t: Translate): string | null {
  const bad = dates.find((d) => !isDate(d));
  return bad === undefined ? null : t("setup.rule.date", { value: bad });
}

/** Why start–end is not a window (bad time, or not start before end), or null. */
export function windowError(start: string, end: string, t: Translate): { field: "start" | "end"; message: string } | null {
  if (!isTime(start)) return { field: "start", message: t("setup.rule.time") };
  if (!isTime(end)) return { field: "end", message: t("setup.rule.time") };
  if (start >= end) return { field: "end", message: t("setup.rule.order") };
  return null;
}

export interface DayWindow {
  day: string;
  start: string;
  end: string;
}

/** Two windows on one day that overlap (touching ones do not): the message, or null. */
export function overlapError(windows: readonly DayWindow[], t: Translate): string | null {
  for (let i = 0; i < windows.length; i++) {
    for (let j = i + 1; j < windows.length; j++) {
      const [a, b] = [windows[i], windows[j]];
      if (a && b && a.day.toLowerCase() === b.day.toLowerCase() && a.start < b.end && b.start < a.end) {
        return t("setup.rule.overlap", {
          day: dayName(a.day, t),
          first: `${a.start}–${a.end}`,
          second: `${b.start}–${b.end}`,
        });
      }
    }
  }
  return null;
}

/** A day as the desk's language says it; the vendor's word when it is not one the desk knows. */
export function dayName(day: string, t: Translate): string {
  const known = DAYS.find((d) => d.toLowerCase() === day.toLowerCase());
  return known ? t(`day.${known}`) : day;
}
