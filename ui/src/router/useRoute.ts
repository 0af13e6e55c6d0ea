// The current page as React state, read from location.hash. navigate() notifies subscribers at
// once instead of waiting for the browser's asynchronous hashchange.
import { useSyncExternalStore } from "react";
import { hrefFor, hrefForPatient, parseHash, patientIdFromHash } from "./routes";
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

function go(href: string): void {
  if (window.location.hash === href) return;
  window.location.hash = href;
  for (const listener of listeners) listener();
}

export function navigate(route: Route): void {
  go(hrefFor(route));
}

export function navigateToPatient(patientId: string): void {
  go(hrefForPatient(patientId));
}

function routeSnapshot(): Route {
  return parseHash(window.location.hash);
}

function patientSnapshot(): string | null {
  return patientIdFromHash(window.location.hash);
}

function hashSnapshot(): string {
  return window.location.hash;
}

/** The current page, for code outside React (the session's first reads). */
export function currentRoute(): Route {
  return routeSnapshot();
}

export function useRoute(): Route {
  return useSyncExternalStore(subscribe, routeSnapshot, routeSnapshot);
}

/** The patient id in #/patients/<id>, or null. */
export function usePatientIdFromRoute(): string | null {
  return useSyncExternalStore(subscribe, patientSnapshot, patientSnapshot);
}

/** The whole address, for effects that must run on any move (a card to another card too). */
export function useHash(): string {
  return useSyncExternalStore(subscribe, hashSnapshot, hashSnapshot);
}
