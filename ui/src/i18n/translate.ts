// Pure lookup and interpolation, kept apart from React so error sentences and tests can use it.
import { en } from "./en";
import { es } from "./es";
import type { Catalogue, Locale, MessageKey, Translate } from "./types";

const catalogues: Record<Locale, Catalogue> = { en, es };

export function makeTranslate(locale: Locale): Translate {
  const catalogue = catalogues[locale];
  return (key: MessageKey, ...args: [Record<string, string | number>?]) => {
    const params = args[0];
    const template = catalogue[key];
    if (!params) return template;
    return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
      name in params ? String(params[name]) : whole,
    );
  };
}

/** The desk speaks Spanish to a Spanish-language system, English otherwise. */
export function detectLocale(languages: readonly string[]): Locale {
  const first = languages[0]?.toLowerCase() ?? "en";
  return first.startsWith("es") ? "es" : "en";
}

export function placeholders(template: string): string[] {
  return [...template.matchAll(/\{(\w+)\}/g)].map((m) => m[1] ?? "").sort();
}

export { catalogues };
