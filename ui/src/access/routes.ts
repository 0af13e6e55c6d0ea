// Which command a page cannot work without: the navigation shows a page only to roles that may
// run it (the backend refuses the rest anyway), and the gate moves a person off a page their
// role cannot use, e.g. after a user switch. Pages not listed here are for everyone.
import type { Route } from "../router/routes";
import { ROUTES } from "../router/routes";

const NEEDS: Partial<Record<Route, string>> = {
  today: "day_board",
  myDay: "provider_day",
  patients: "search_patients",
  book: "search_slots",
  setup: "ivr_templates",
};

export function routeAllowed(route: Route, can: (command: string) => boolean): boolean {
  const needs = NEEDS[route];
  return needs === undefined || can(needs);
}

/** The first page this person may use, for landing after sign-in on a page they may not. */
export function homeFor(can: (command: string) => boolean): Route {
  return ROUTES.find((route) => NEEDS[route] !== undefined && routeAllowed(route, can)) ?? ROUTES[ROUTES.length - 1] ?? "settings";
}
