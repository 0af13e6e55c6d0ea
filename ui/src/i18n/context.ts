// The language context and its hooks, apart from the provider so components import only these.
import { createContext, useContext } from "react";
import { makeTranslate } from "./translate";
import type { Locale, Translate } from "./types";

export interface I18n {
  locale: Locale;
  t: Translate;
  setLocale: (locale: Locale) => void;
}

// A default keeps components usable without a provider (English, no switching).
export const I18nContext = createContext<I18n>({
  locale: "en",
  t: makeTranslate("en"),
  setLocale: () => undefined,
});

export function useI18n(): I18n {
  return useContext(I18nContext);
}

/** The t() hook: `const t = useT(); t("nav.today")`. */
export function useT(): Translate {
  return useContext(I18nContext).t;
}
