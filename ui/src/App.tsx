// The root: providers (query cache, language) around the shell. Tests render AppShell inside
// their own providers; the app renders this.
import { QueryClientProvider } from "@tanstack/react-query";
import { useState } from "react";
import { createQueryClient } from "./api/queryClient";
import { SessionGate } from "./access/SessionGate";
import { I18nProvider } from "./i18n/I18nProvider";
import { AppShell } from "./shell/AppShell";

export function App() {
  const [client] = useState(createQueryClient);
  return (
    <QueryClientProvider client={client}>
      <I18nProvider>
        {/* Nobody reaches the desk without signing in; locking unmounts it. */}
        <SessionGate>
          <AppShell />
        </SessionGate>
      </I18nProvider>
    </QueryClientProvider>
  );
}
