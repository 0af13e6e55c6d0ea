import { en } from "../i18n/en";
import type { Translate } from "../i18n/types";
import { datesError, isDate, isTime, overlapError, windowError } from "./rules";

// English with its placeholders filled, enough to read the messages.
function fill(key: keyof typeof en, params?: Record<string, string>): string {
  return Object.entries(params ?? {}).reduce<string>((s, [k, v]) => s.replace(`{${k}}`, v), en[key]);
}
const t = fill as Translate;

describe("setup rules", () => {
  it("takes real dates written YYYY-MM-DD only", () => {
    expect(isDate("2026-12-25")).toBe(true);
    expect(isDate("2028-02-29")).toBe(true);
    for (const bad of ["2026-02-30", "2026-2-3", "12/25/2026", "2026-13-01", ""]) expect(isDate(bad)).toBe(false);
    expect(datesError(["2026-12-25", "2026-02-30"], t)).toBe("“2026-02-30” is not a date written YYYY-MM-DD.");
    expect(datesError(["2026-12-25"], t)).toBeNull();
  });

  it("takes 24-hour HH:MM times and windows that start before they end", () => {
    expect(isTime("23:59")).toBe(true);
    for (const bad of ["24:00", "9:00", "09:60", "5pm"]) expect(isTime(bad)).toBe(false);
    expect(windowError("17:00", "08:00", t)).toEqual({ field: "end", message: "The start must be before the end." });
    expect(windowError("8am", "17:00", t)?.field).toBe("start");
    expect(windowError("08:00", "17:00", t)).toBeNull();
  });

  it("refuses overlapping windows on one day and keeps touching ones", () => {
    expect(
      overlapError(
        [
          { day: "Monday", start: "09:00", end: "12:00" },
          { day: "monday", start: "12:00", end: "17:00" },
        ],
        t,
      ),
    ).toBeNull();
    expect(
      overlapError(
        [
          { day: "Monday", start: "09:00", end: "12:00" },
          { day: "Tuesday", start: "09:00", end: "12:00" },
          { day: "monday", start: "11:00", end: "13:00" },
        ],
        t,
      ),
    ).toBe("Monday 09:00–12:00 overlaps 11:00–13:00.");
  });
});
