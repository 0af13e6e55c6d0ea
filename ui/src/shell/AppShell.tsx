// The frame a receptionist lives in: header across the top, navigation on the left, the current
// page in the middle, and any failure to load the desk's own facts as a banner above it.
import { useEffect, useLayoutEffect } from "react";
import { toAppError } from "../api/errors";
import { useAppInfo, useVendorStatusEvents, useVendorStatuses } from "../api/queries";
import { ErrorBanner } from "../errors/ErrorBanner";
import { useT } from "../i18n/context";
import { useHash, useRoute } from "../router/useRoute";
import { preloadScreens } from "../screens";
import { Header } from "./Header";
import { NavBar } from "./NavBar";
import { useFocusPageOnNavigate } from "./useFocusPageOnNavigate";
import { useScreen } from "./useScreen";
import "./AppShell.css";

// Sign-in fetches the page it opens on with the shell (shell/loadShell.ts), through this chunk,
// so the entry chunk never imports the board's code.
export { loadScreen } from "../screens";

/** How long after the desk opens the other pages' code is fetched. */
const SCREENS_PRELOAD_MS = 1000;

export function AppShell() {
  const t = useT();
  const route = useRoute();
  const hash = useHash();
  const info = useAppInfo();
  const statuses = useVendorStatuses();
  useVendorStatusEvents();
  const screen = useScreen(route);
  useFocusPageOnNavigate(hash, screen.status === "ready");
  // For the start-up benchmark's detail (scripts/bench-app.sh): when React has put the desk in the DOM.
  useLayoutEffect(() => {
    performance.mark("desk:committed");
  }, []);
  // The other pages' code, once the first page has had the machine to itself.
  useEffect(() => {
    const timer = setTimeout(() => void preloadScreens(), SCREENS_PRELOAD_MS);
    return () => {
      clearTimeout(timer);
    };
  }, []);

  return (
    <div className="app-shell">
      {/* The hash holds the page, so the skip link moves focus itself rather than via "#main". */}
      <a
        className="skip-link"
        href="#main"
        onClick={(event) => {
          event.preventDefault();
          document.getElementById("main")?.focus();
        }}
      >
        {t("app.skipToContent")}
      </a>
      <Header
        practiceName={info.data?.practiceName}
        statuses={statuses.data ?? []}
      />
      <NavBar current={route} />
      <main id="main" className="app-main" tabIndex={-1}>
        {info.isPending && <p className="app-main__loading">{t("app.loading")}</p>}
        {info.isError && (
          <ErrorBanner error={toAppError(info.error)} onRetry={() => void info.refetch()} />
        )}
        {statuses.isError && (
          <ErrorBanner error={toAppError(statuses.error)} onRetry={() => void statuses.refetch()} />
        )}
        {screen.status === "ready" && <screen.Screen />}
        {screen.status === "loading" && <p className="app-main__loading">{t("app.loading")}</p>}
        {screen.status === "failed" && <ErrorBanner error={screen.error} onRetry={screen.retry} />}
      </main>
    </div>
  );
}
