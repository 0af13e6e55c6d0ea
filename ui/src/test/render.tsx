// Renders a component the way the app does (query cache + language) with a fresh cache per
// test, so no test sees another's command results.
import { QueryClientProvider } from "@tanstack/react-query";
import { render } from "@testing-library/react";
import type { ReactElement } from "react";
import { SessionContext } from "../access/session";
import type { SessionContextValue } from "../access/session";
import { createQueryClient } from "../api/queryClient";
import { I18nProvider } from "../i18n/I18nProvider";
import type { Locale } from "../i18n/types";

export function renderWithProviders(ui: ReactElement, { locale = "en" }: { locale?: Locale } = {}) {
  const client = createQueryClient();
  return render(
    <QueryClientProvider client={client}>
      <I18nProvider locale={locale}>{ui}</I18nProvider>
    </QueryClientProvider>,
  );
}

/** As `renderWithProviders`, inside a session whose person may run only `allowed`. */
export function renderAs(allowed: readonly string[], ui: ReactElement, options: { locale?: Locale } = {}) {
  const session: SessionContextValue = {
    status: {} as SessionContextValue["status"],
    can: (command) => allowed.includes(command),
    lock: () => undefined,
    switchUser: () => undefined,
    signOut: () => undefined,
  };
  return renderWithProviders(<SessionContext.Provider value={session}>{ui}</SessionContext.Provider>, options);
}
