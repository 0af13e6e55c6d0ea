// Times as the desk shows them, in the reader's language. Backend times are RFC 3339 instants;
// until locations carry their zone to the UI they are shown in the machine's zone.
import type { Locale } from "./types";
import { dateTimeFormat } from "../time/dateTimeFormat";

export function formatTime(instant: string, locale: Locale): string {
  return dateTimeFormat(locale, { hour: "2-digit", minute: "2-digit", hourCycle: "h23" }).format(
    new Date(instant),
  );
}

export function formatDateTime(instant: string, locale: Locale): string {
  return dateTimeFormat(locale, {
    dateStyle: "medium",
    timeStyle: "short",
    hourCycle: "h23",
  }).format(new Date(instant));
}
