// The shared formatter is built once per language and options and formats exactly as a new one.
import { dateTimeFormat } from "./dateTimeFormat";

describe("dateTimeFormat", () => {
  it("hands back the same formatter for the same language and options", () => {
    const options = { hour: "2-digit", minute: "2-digit", hourCycle: "h23", timeZone: "America/Chicago" } as const;
    expect(dateTimeFormat("en", options)).toBe(dateTimeFormat("en", { ...options }));
  });

  it("keeps languages, zones and styles apart", () => {
    const at = new Date("2026-11-21T15:30:00Z");
    const chicago = dateTimeFormat("en", { hour: "2-digit", minute: "2-digit", hourCycle: "h23", timeZone: "America/Chicago" });
    const denver = dateTimeFormat("en", { hour: "2-digit", minute: "2-digit", hourCycle: "h23", timeZone: "America/Denver" });
    expect(chicago.format(at)).toBe("09:30");
    expect(denver.format(at)).toBe("08:30");
    const english = dateTimeFormat("en", { dateStyle: "full", timeZone: "UTC" }).format(at);
    const spanish = dateTimeFormat("es", { dateStyle: "full", timeZone: "UTC" }).format(at);
    expect(english).toContain("November");
    expect(spanish).toContain("noviembre");
  });
});
