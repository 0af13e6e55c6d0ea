// The root: providers (query cache, language) around the shell. Tests render AppShell inside
// their own providers; the app renders this.
import { QueryClientProvider } from "@tanstack/react-query";
import { useState } from "react";
import { createQueryClient } from "./api/queryClient";
import { I18nProvider } from "./i18n/I18nProvider";
import { AppShell } from "./shell/AppShell";

export function App() {
  const [client] = useState(createQueryClient);
  return (
    <QueryClientProvider client={client}>
      <I18nProvider>
        <AppShell />
      </I18nProvider>
    </QueryClientProvider>
  );
}
