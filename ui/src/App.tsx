// The root: providers (query cache, language) around the shell. Tests render AppShell inside
// their own providers; the app renders this.
//
// The desk's shell and day board are a separate chunk (shell/loadShell.ts), fetched once the
// sign-in screen is up or a person signs in; signing in waits for it and for the page the desk
// opens on (access/prepareDesk.ts), and Suspense covers a chunk that is still not there when the
// session opens. Every other page is a chunk of its own (screens/index.ts).
import { QueryClientProvider } from "@tanstack/react-query";
import type { QueryClient } from "@tanstack/react-query";
import { Suspense, lazy, useState } from "react";
import { createQueryClient } from "./api/queryClient";
import { SessionGate } from "./access/SessionGate";
import { I18nProvider } from "./i18n/I18nProvider";
import { useT } from "./i18n/context";
import { loadShell, loadedShell } from "./shell/loadShell";

const LazyAppShell = lazy(() => loadShell().then((module) => ({ default: module.AppShell })));

/** `client` comes from the entry point, which primed it with the session's state. */
export function App({ client: given }: { client?: QueryClient }) {
  const [client] = useState(() => given ?? createQueryClient());
  return (
    <QueryClientProvider client={client}>
      <I18nProvider>
        {/* Nobody reaches the desk without signing in; locking unmounts it. */}
        <SessionGate>
          <Desk />
        </SessionGate>
      </I18nProvider>
    </QueryClientProvider>
  );
}

/** The desk's screens: straight from the chunk when it is here (signing in waits for it), else lazily. */
function Desk() {
  const shell = loadedShell();
  if (shell) return <shell.AppShell />;
  return (
    <Suspense fallback={<ShellLoading />}>
      <LazyAppShell />
    </Suspense>
  );
}

function ShellLoading() {
  const t = useT();
  return <p className="access-loading">{t("app.loading")}</p>;
}
