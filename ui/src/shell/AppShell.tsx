// The frame a receptionist lives in: header across the top, navigation on the left, the current
// page in the middle, and any failure to load the desk's own facts as a banner above it.
import { useLayoutEffect } from "react";
import { toAppError } from "../api/errors";
import { useAppInfo, useVendorStatusEvents, useVendorStatuses } from "../api/queries";
import { ErrorBanner } from "../errors/ErrorBanner";
import { useT } from "../i18n/context";
import { useHash, useRoute } from "../router/useRoute";
import { SCREENS } from "../screens";
import { Header } from "./Header";
import { NavBar } from "./NavBar";
import { useFocusPageOnNavigate } from "./useFocusPageOnNavigate";
import "./AppShell.css";

export function AppShell() {
  const t = useT();
  const route = useRoute();
  const hash = useHash();
  const info = useAppInfo();
  const statuses = useVendorStatuses();
  useVendorStatusEvents();
  useFocusPageOnNavigate(hash);
  const Screen = SCREENS[route];
  // For the start-up benchmark's detail (scripts/bench-app.sh): when React has put the desk in the DOM.
  useLayoutEffect(() => {
    performance.mark("desk:committed");
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
        <Screen />
      </main>
    </div>
  );
}
