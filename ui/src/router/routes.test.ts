// Unknown or empty addresses land on Today rather than a blank page; a card's address carries
// the patient id whatever characters the id holds.
import { hrefFor, hrefForPatient, parseHash, patientIdFromHash, ROUTES } from "./routes";

describe("parseHash", () => {
  it.each(ROUTES)("round-trips %s", (route) => {
    expect(parseHash(hrefFor(route))).toBe(route);
  });
  it.each(["", "#", "#/", "#/nowhere", "#main", "#/myDay"])("sends %o to today", (hash) => {
    expect(parseHash(hash)).toBe("today");
  });
  it("names My day in lower case", () => {
    expect(hrefFor("myDay")).toBe("#/my-day");
  });
});

describe("patient addresses", () => {
  it.each(["pat-1", "nexhealth:42", "a/b c%"])("round-trips %o", (id) => {
    const href = hrefForPatient(id);
    expect(parseHash(href)).toBe("patients");
    expect(patientIdFromHash(href)).toBe(id);
  });
  it.each(["#/patients", "#/patients/", "#/today/x", "#/patients/%E0%A4%A"])("names no patient in %o", (hash) => {
    expect(patientIdFromHash(hash)).toBeNull();
  });
});
