// The finder's and the duplicate check's rules, apart from any screen.
import { DR_LEE } from "../test/fixtures";
import { hrefForBooking, parseBookingStart } from "./bookingLink";
import { similarity } from "./duplicates";
import { checkFields, defaultFields, toQuery } from "./finder";
import { summary } from "../test/fixtures";
import { defaultLength, visitLengths } from "./TelehealthFields";

describe("the finder's fields", () => {
  it("ask in person and by video unless a referral is asked for", () => {
    expect(toQuery(defaultFields("2026-11-21"), [], null).modes).toEqual(["inPerson", "telehealth"]);
  });

  it("look a week ahead from today by default", () => {
    expect(defaultFields("2026-11-21")).toMatchObject({ from: "2026-11-21", to: "2026-11-27", mode: "any" });
  });

  it.each([
    [{ from: "2026-11-21", to: "2026-11-20" }, "order"],
    [{ from: "2026-11-01", to: "2026-12-15" }, "tooLong"],
    [{ from: "", to: "2026-12-15" }, "range"],
    [{ from: "2026-11-01", to: "2026-12-01" }, null],
  ] as const)("%o is %s", (range, problem) => {
    expect(checkFields({ ...defaultFields("2026-11-21"), ...range })).toBe(problem);
  });

  it("ask a referral search within the miles under the chosen referral, and no other search so", () => {
    const referral = toQuery({ ...defaultFields("2026-11-21"), mode: "referral", referralId: "ref-9", maxMiles: 20 }, [DR_LEE], "pat-1");
    expect(referral).toMatchObject({ modes: ["referral"], referralId: "ref-9", maxMiles: 20, patientId: "pat-1" });
    const inPerson = toQuery({ ...defaultFields("2026-11-21"), mode: "inPerson", referralId: "ref-9" }, [DR_LEE], "pat-1");
    expect(inPerson).toMatchObject({ modes: ["inPerson"], referralId: null, maxMiles: null });
  });
});

describe("video visit lengths", () => {
  it.each([
    [60, [10, 15, 20, 30, 45, 60], 30],
    [20, [10, 15, 20], 20],
    [25, [10, 15, 20, 25], 25],
    [120, [10, 15, 20, 30, 45, 60, 90], 30],
  ])("a %i-minute window offers %o, %i by default", (window, lengths, first) => {
    expect(visitLengths(window)).toEqual(lengths);
    expect(defaultLength(window)).toBe(first);
  });
});

describe("the booking link", () => {
  it("round-trips what a reschedule starts from", () => {
    const start = { patientId: "pat 1", reschedule: "nexhealth:44", providerId: "nexhealth:p", appointmentType: "Follow-up", mode: "inPerson" as const };
    expect(parseBookingStart(hrefForBooking(start))).toEqual({ ...start, locationId: null, newPatient: false });
  });

  it("round-trips a start on the new-patient form, with no name in the address", () => {
    const href = hrefForBooking({ newPatient: true });
    expect(href).toBe("#/book?newPatient=1");
    expect(parseBookingStart(href).newPatient).toBe(true);
    expect(parseBookingStart("#/book?newPatient=yes").newPatient).toBe(false);
  });

  it("ignores a mode it does not know", () => {
    expect(parseBookingStart("#/book?mode=teleport").mode).toBeNull();
  });
});

describe("similar patients", () => {
  const entered = { givenName: "Minh", familyName: "Nguyen", birthDate: "1964-05-03", phone: "", email: null };

  it("match on the same name and birth date, accents and case aside", () => {
    expect(similarity(summary({ givenName: "MINH", familyName: "Nguyễn", phones: [] }), entered)).toBe("sameBirthDate");
  });

  it("match on the birth date with day and month swapped", () => {
    expect(similarity(summary({ birthDate: "1964-03-05", phones: [] }), entered)).toBe("swappedBirthDate");
  });

  it("match on the phone whatever the name", () => {
    expect(similarity(summary({ givenName: "Lan", familyName: "Tran" }), { ...entered, phone: "(312) 555-0142" })).toBe("phone");
  });

  it("do not match a namesake born on another day", () => {
    expect(similarity(summary({ birthDate: "1970-01-01", phones: [] }), entered)).toBeNull();
  });
});
