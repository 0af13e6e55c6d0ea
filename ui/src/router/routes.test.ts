// Unknown or empty addresses land on Today rather than a blank page.
import { hrefFor, parseHash, ROUTES } from "./routes";

describe("parseHash", () => {
  it.each(ROUTES)("round-trips %s", (route) => {
    expect(parseHash(hrefFor(route))).toBe(route);
  });
  it.each(["", "#", "#/", "#/nowhere", "#main"])("sends %o to today", (hash) => {
    expect(parseHash(hash)).toBe("today");
  });
});
