// The desk's pages and their addresses. The URL hash holds the page, so a reload (or a
// WebDriver test) lands on the same page, and no router library is needed for four entries.
export const ROUTES = ["today", "patients", "book", "settings"] as const;
export type Route = (typeof ROUTES)[number];

export const DEFAULT_ROUTE: Route = "today";

export function hrefFor(route: Route): string {
  return `#/${route}`;
}

export function parseHash(hash: string): Route {
  const name = hash.replace(/^#\/?/, "").split(/[/?]/)[0] ?? "";
  return (ROUTES as readonly string[]).includes(name) ? (name as Route) : DEFAULT_ROUTE;
}
