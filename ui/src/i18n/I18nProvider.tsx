// Holds the chosen language for the whole window. It starts from the saved choice, else the
// system's language, and keeps <html lang> in step so screen readers pronounce it right.
import { useEffect, useMemo, useState } from "react";
import type { ReactNode } from "react";
import { I18nContext } from "./context";
import { detectLocale, makeTranslate } from "./translate";
import { LOCALES } from "./types";
import type { Locale } from "./types";

const STORAGE_KEY = "frontdesk.locale";

function initialLocale(): Locale {
  const saved = window.localStorage.getItem(STORAGE_KEY);
  if (saved && (LOCALES as readonly string[]).includes(saved)) return saved as Locale;
  return detectLocale(navigator.languages.length > 0 ? navigator.languages : [navigator.language]);
}

export function I18nProvider({ children, locale: fixed }: { children: ReactNode; locale?: Locale }) {
  const [locale, setLocaleState] = useState<Locale>(() => fixed ?? initialLocale());

  useEffect(() => {
    document.documentElement.lang = locale;
  }, [locale]);

  const value = useMemo(
    () => ({
      locale,
      t: makeTranslate(locale),
      setLocale: (next: Locale) => {
        window.localStorage.setItem(STORAGE_KEY, next);
        setLocaleState(next);
      },
    }),
    [locale],
  );
  return <I18nContext value={value}>{children}</I18nContext>;
}
