// The wall clock of a location, independent of the machine running the tests: the instants are
// fixed, and TZ is set to a zone far from the locations' ones.
import {
  differsFromComputer,
  formatClock,
  localDay,
  minutesIntoDay,
  shiftDay,
  todayIn,
  zoneAbbreviation,
} from "./zoned";

const CHICAGO = "America/Chicago";

describe("location wall clock", () => {
  it("reads an instant on Chicago's clock", () => {
    // 15:30Z on 21 Nov 2026 is 09:30 CST.
    expect(minutesIntoDay("2026-11-21T15:30:00Z", CHICAGO, "2026-11-21")).toBe(9 * 60 + 30);
    expect(formatClock("2026-11-21T15:30:00Z", CHICAGO, "en")).toBe("09:30");
  });

  it("clamps instants from the day before or after", () => {
    expect(minutesIntoDay("2026-11-21T05:00:00Z", CHICAGO, "2026-11-21")).toBe(0);
    expect(minutesIntoDay("2026-11-22T07:00:00Z", CHICAGO, "2026-11-21")).toBe(24 * 60);
  });

  it("keeps the wall clock on the day the clocks go back", () => {
    // 1 Nov 2026: CDT until 02:00, then CST. 15:00Z is 09:00 CST.
    expect(minutesIntoDay("2026-11-01T15:00:00Z", CHICAGO, "2026-11-01")).toBe(9 * 60);
    expect(minutesIntoDay("2026-10-31T14:00:00Z", CHICAGO, "2026-10-31")).toBe(9 * 60);
  });

  it("knows today's date in the location, not on the computer", () => {
    // 03:00Z on the 22nd is still the 21st in Chicago.
    expect(todayIn(CHICAGO, new Date("2026-11-22T03:00:00Z"))).toBe("2026-11-21");
    expect(localDay("2026-11-22T03:00:00Z", CHICAGO)).toBe("2026-11-21");
  });

  it("moves dates across month and year ends", () => {
    expect(shiftDay("2026-12-31", 1)).toBe("2027-01-01");
    expect(shiftDay("2026-03-01", -1)).toBe("2026-02-28");
  });

  it("names the zone and says when it differs from the computer's", () => {
    const instant = new Date("2026-11-21T15:30:00Z");
    expect(zoneAbbreviation(CHICAGO, instant, "en")).toBe("CST");
    // The test process runs in another zone (see vite.config.ts).
    expect(differsFromComputer(CHICAGO, instant)).toBe(true);
    expect(differsFromComputer(Intl.DateTimeFormat().resolvedOptions().timeZone, instant)).toBe(false);
  });
});
