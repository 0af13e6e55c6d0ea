// The catalogues agree (tsc checks the keys; this checks the placeholders inside them) and t()
// fills placeholders in.
import { en } from "./en";
import { es } from "./es";
import { detectLocale, makeTranslate, placeholders } from "./translate";
import type { MessageKey } from "./types";

describe("catalogues", () => {
  it.each(Object.keys(en) as MessageKey[])("Spanish %s uses the same placeholders as English", (key) => {
    expect(placeholders(es[key])).toEqual(placeholders(en[key]));
  });

  // Words that are the same in both languages; every other Spanish string must be a translation,
  // not English left behind when a key was added.
  const SAME_IN_BOTH = new Set<MessageKey>([
    "card.none",
    "card.sms",
    "card.notAllowed",
    "board.heading",
    "settings.none",
    "language.en",
    "language.es",
  ]);
  it.each((Object.keys(en) as MessageKey[]).filter((key) => !SAME_IN_BOTH.has(key)))(
    "Spanish %s is translated",
    (key) => {
      expect(es[key]).not.toBe(en[key]);
    },
  );

  it("has no empty strings", () => {
    for (const catalogue of [en, es]) {
      for (const value of Object.values(catalogue)) expect(value.trim()).not.toBe("");
    }
  });
});

describe("t()", () => {
  it("fills every placeholder", () => {
    const t = makeTranslate("en");
    expect(t("error.rateLimited.retryIn", { secs: 30 })).toBe("retrying in 30 s.");
    expect(t("nav.today")).toBe("Today");
    expect(makeTranslate("es")("nav.today")).toBe("Hoy");
  });
});

describe("detectLocale", () => {
  it.each([
    [["es-MX", "en"], "es"],
    [["ES"], "es"],
    [["en-US"], "en"],
    [["fr-FR", "es"], "en"],
    [[], "en"],
  ] as const)("%o -> %s", (languages, expected) => {
    expect(detectLocale(languages)).toBe(expected);
  });
});
