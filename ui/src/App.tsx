// The root: providers (query cache, language) around the shell. Tests render AppShell inside
// their own providers; the app renders this.
//
// The desk's screens are a separate chunk (shell/loadShell.ts), fetched as soon as the first
// screen is up; signing in waits for it (access/prepareDesk.ts), and Suspense covers a chunk
// that is still not there when the session opens.
import { QueryClientProvider } from "@tanstack/react-query";
import { Suspense, lazy, useEffect, useState } from "react";
import { createQueryClient } from "./api/queryClient";
import { SessionGate } from "./access/SessionGate";
import { I18nProvider } from "./i18n/I18nProvider";
import { useT } from "./i18n/context";
import { loadShell } from "./shell/loadShell";

const AppShell = lazy(() => loadShell().then((module) => ({ default: module.AppShell })));

export function App() {
  const [client] = useState(createQueryClient);
  useEffect(() => {
    void loadShell();
  }, []);
  return (
    <QueryClientProvider client={client}>
      <I18nProvider>
        {/* Nobody reaches the desk without signing in; locking unmounts it. */}
        <SessionGate>
          <Suspense fallback={<ShellLoading />}>
            <AppShell />
          </Suspense>
        </SessionGate>
      </I18nProvider>
    </QueryClientProvider>
  );
}

function ShellLoading() {
  const t = useT();
  return <p className="access-loading">{t("app.loading")}</p>;
}
