// Which component renders which page; nothing else in the shell needs to change when one is
// added. Patients also renders a patient's card when the address names one.
//
// Today's board is where the desk opens, so its code comes with the shell. Every other page is
// a chunk of its own: signing in evaluates only the board's code (the start-up benchmark counts
// that time, and it competes with the PIN check for the machine's cores), and the rest is
// fetched once the desk is up (`preloadScreens`) or when someone opens the page first.
import type { ComponentType } from "react";
import type { Route } from "../router/routes";
import { TodayScreen } from "./TodayScreen";

type LazyRoute = Exclude<Route, "today">;

const LOADERS: Record<LazyRoute, () => Promise<ComponentType>> = {
  myDay: () => import("./MyDayScreen").then((module) => module.MyDayScreen),
  patients: () => import("./PatientsScreen").then((module) => module.PatientsScreen),
  book: () => import("./BookScreen").then((module) => module.BookScreen),
  setup: () => import("../setup/PracticeSetupScreen").then((module) => module.PracticeSetupScreen),
  staff: () => import("./StaffScreen").then((module) => module.StaffScreen),
  audit: () => import("./AuditScreen").then((module) => module.AuditScreen),
  settings: () => import("./SettingsScreen").then((module) => module.SettingsScreen),
};

const loaded = new Map<Route, ComponentType>([["today", TodayScreen]]);
const pending = new Map<Route, Promise<ComponentType>>();
const listeners = new Set<() => void>();

/** The page's component when its code is here; `undefined` while it is still to be fetched. */
export function loadedScreen(route: Route): ComponentType | undefined {
  return loaded.get(route);
}

/**
 * Fetches a page's code once; concurrent callers share the fetch. A failed fetch is forgotten,
 * so asking again tries again.
 */
export function loadScreen(route: Route): Promise<ComponentType> {
  const ready = loaded.get(route);
  if (ready) return Promise.resolve(ready);
  const inFlight = pending.get(route);
  if (inFlight) return inFlight;
  const fetching = LOADERS[route as LazyRoute]()
    .then((component) => {
      loaded.set(route, component);
      for (const listener of listeners) listener();
      return component;
    })
    .finally(() => {
      pending.delete(route);
    });
  pending.set(route, fetching);
  return fetching;
}

/** Every page's code, one after another so the open page keeps the main thread between them. */
export async function preloadScreens(): Promise<void> {
  for (const route of Object.keys(LOADERS) as LazyRoute[]) {
    await loadScreen(route).catch(() => undefined);
  }
}

/** Called whenever another page's code has arrived. */
export function onScreenLoaded(listener: () => void): () => void {
  listeners.add(listener);
  return () => {
    listeners.delete(listener);
  };
}
