// Renders a component the way the app does (query cache + language) with a fresh cache per
// test, so no test sees another's command results.
import { QueryClientProvider } from "@tanstack/react-query";
import { render } from "@testing-library/react";
import type { ReactElement } from "react";
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
