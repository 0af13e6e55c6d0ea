// Nobody reaches the desk without signing in. The gate shows the first-run, sign-in or lock
// screen until a session is active, and the moment it locks (Ctrl+L, idle, the backend's event,
// any command answering "locked") it unmounts the desk and forgets every cached command result:
// patient data is dropped from the webview's memory, not covered. The address stays, so unlocking
// lands where the person was.
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useCallback, useEffect, useMemo } from "react";
import type { ReactNode } from "react";
import { getSessionStatus, onSessionLocked, signOut } from "../api/backend";
import type { SessionStatus } from "../api/backend";
import { toAppError } from "../api/errors";
import { ErrorBanner } from "../errors/ErrorBanner";
import { useT } from "../i18n/context";
import { FirstRunScreen } from "./FirstRunScreen";
import { SignInScreen } from "./SignInScreen";
import { SESSION_KEY, SessionContext, dropDeskData, lockNow, markLocked, switchUser } from "./session";
import type { SessionContextValue } from "./session";
import { useIdleLock } from "./useIdleLock";
import { homeFor, routeAllowed } from "./routes";
import { useCan } from "./session";
import { navigate, useRoute } from "../router/useRoute";
import { prepareDesk } from "./prepareDesk";
import { loadShell } from "../shell/loadShell";
import "./access.css";

/** How long after the sign-in screen appears its desk's code starts loading. */
const SHELL_PRELOAD_MS = 1000;

export function SessionGate({ children }: { children: ReactNode }) {
  const t = useT();
  const client = useQueryClient();
  const session = useQuery({ queryKey: SESSION_KEY, queryFn: getSessionStatus, staleTime: Infinity });
  const phase = session.data?.phase;

  // Whatever the reason the desk is not active, nothing it showed may stay in memory.
  useEffect(() => {
    if (phase !== undefined && phase !== "active") dropDeskData(client);
  }, [phase, client]);

  // The desk's code is fetched once the sign-in screen is up (a person takes seconds to type a
  // PIN), not before: evaluating it first would hold back that screen's first paint.
  useEffect(() => {
    if (phase === undefined || phase === "active") return;
    const timer = window.setTimeout(() => {
      void loadShell().catch(() => undefined);
    }, SHELL_PRELOAD_MS);
    return () => {
      window.clearTimeout(timer);
    };
  }, [phase]);

  // The backend locked (idle watcher, a slept laptop): follow it.
  useEffect(() => {
    let unlisten: (() => void) | undefined;
    let cancelled = false;
    onSessionLocked(() => {
      markLocked(client);
    })
      .then((stop) => {
        if (cancelled) stop();
        else unlisten = stop;
      })
      .catch(() => undefined);
    return () => {
      cancelled = true;
      unlisten?.();
    };
  }, [client]);

  // Any command that answers "locked" means the backend already is.
  useEffect(() => {
    const isLocked = (error: unknown) => toAppError(error).kind === "locked";
    const stopQueries = client.getQueryCache().subscribe((event) => {
      if (event.type === "updated" && event.action.type === "error" && isLocked(event.action.error)) {
        markLocked(client);
      }
    });
    const stopMutations = client.getMutationCache().subscribe((event) => {
      if (event.type === "updated" && event.action.type === "error" && isLocked(event.action.error)) {
        markLocked(client);
      }
    });
    return () => {
      stopQueries();
      stopMutations();
    };
  }, [client]);

  const lock = useCallback(() => {
    lockNow(client);
  }, [client]);

  // Ctrl+L (Cmd+L on a Mac) locks from anywhere on the desk.
  useEffect(() => {
    if (phase !== "active") return;
    const onKey = (event: KeyboardEvent) => {
      if ((event.ctrlKey || event.metaKey) && !event.altKey && event.key.toLowerCase() === "l") {
        event.preventDefault();
        lock();
      }
    };
    window.addEventListener("keydown", onKey);
    return () => {
      window.removeEventListener("keydown", onKey);
    };
  }, [phase, lock]);

  const value = useMemo<SessionContextValue | null>(() => {
    const status = session.data;
    if (!status) return null;
    const allowed = new Set(status.allowed);
    return {
      status,
      can: (command) => allowed.has(command),
      lock,
      switchUser: () => {
        switchUser(client);
      },
      signOut: () => {
        client.setQueryData<SessionStatus>(SESSION_KEY, (s) => s && { ...s, phase: "signedOut", user: null, allowed: [] });
        void signOut()
          .catch(() => undefined)
          .finally(() => {
            void client.invalidateQueries({ queryKey: SESSION_KEY });
          });
      },
    };
  }, [session.data, lock, client]);

  if (session.isPending) return <p className="access-loading">{t("app.loading")}</p>;
  if (session.isError || !value) {
    return (
      <main className="access-screen">
        <ErrorBanner error={toAppError(session.error)} onRetry={() => {
            void session.refetch();
          }} />
      </main>
    );
  }
  const onSignedIn = (status: SessionStatus) => {
    // The desk opens once its code and first reads are here (or a moment has passed), in one paint.
    void prepareDesk(client, status).finally(() => {
      client.setQueryData(SESSION_KEY, status);
    });
  };
  switch (value.status.phase) {
    case "setup":
      return <FirstRunScreen onDone={onSignedIn} />;
    case "signedOut":
    case "locked":
      return <SignInScreen status={value.status} onSignedIn={onSignedIn} />;
    case "active":
      return (
        <SessionContext.Provider value={value}>
          <ActiveDesk idleLockSecs={value.status.idleLockSecs} onIdle={lock}>
            {children}
          </ActiveDesk>
        </SessionContext.Provider>
      );
  }
}

function ActiveDesk({ idleLockSecs, onIdle, children }: { idleLockSecs: number; onIdle: () => void; children: ReactNode }) {
  useIdleLock(idleLockSecs, onIdle);
  const route = useRoute();
  const can = useCan();
  const allowed = routeAllowed(route, can);
  // A page this role cannot use (a user switch, a typed address) moves to the person's own.
  useEffect(() => {
    if (!allowed) navigate(homeFor(can));
  }, [allowed, can]);
  return allowed ? <>{children}</> : null;
}
