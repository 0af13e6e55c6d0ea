// The current page as React state, read from location.hash. navigate() notifies subscribers at
// once instead of waiting for the browser's asynchronous hashchange.
import { useSyncExternalStore } from "react";
import { hrefFor, parseHash } from "./routes";
import type { Route } from "./routes";

const listeners = new Set<() => void>();

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  window.addEventListener("hashchange", listener);
  return () => {
    listeners.delete(listener);
    window.removeEventListener("hashchange", listener);
  };
}

function snapshot(): Route {
  return parseHash(window.location.hash);
}

export function navigate(route: Route): void {
  if (parseHash(window.location.hash) === route && window.location.hash !== "") return;
  window.location.hash = hrefFor(route);
  for (const listener of listeners) listener();
}

export function useRoute(): Route {
  return useSyncExternalStore(subscribe, snapshot, snapshot);
}
