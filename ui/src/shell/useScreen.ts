// The open page's component, fetching its code when it is not here yet. Rendering the loaded
// component directly, rather than through `lazy`, keeps a page whose code is already here from
// suspending (and React from holding the fallback up for its 300 ms) on every visit.
import { useEffect, useState, useSyncExternalStore } from "react";
import type { ComponentType } from "react";
import type { AppError } from "../api/backend";
import { toAppError } from "../api/errors";
import type { Route } from "../router/routes";
import { loadScreen, loadedScreen, onScreenLoaded } from "../screens";

export type ScreenState =
  | { status: "ready"; Screen: ComponentType }
  | { status: "loading" }
  | { status: "failed"; error: AppError; retry: () => void };

export function useScreen(route: Route): ScreenState {
  const Screen = useSyncExternalStore(onScreenLoaded, () => loadedScreen(route));
  // Which route's fetch failed, so moving to another page forgets the failure.
  const [failure, setFailure] = useState<{ route: Route; error: AppError } | null>(null);
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    if (loadedScreen(route)) return;
    let current = true;
    loadScreen(route).catch((error: unknown) => {
      if (current) setFailure({ route, error: toAppError(error) });
    });
    return () => {
      current = false;
    };
  }, [route, attempt]);

  if (Screen) return { status: "ready", Screen };
  if (failure?.route === route) {
    return {
      status: "failed",
      error: failure.error,
      retry: () => {
        setFailure(null);
        setAttempt((n) => n + 1);
      },
    };
  }
  return { status: "loading" };
}
