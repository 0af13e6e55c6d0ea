// The desk's pages and their addresses. The URL hash holds the page, so a reload (or a
// WebDriver test) lands on the same page, and no router library is needed for a handful of
// entries. One page takes a parameter: a patient's card lives at #/patients/<id>.
export const ROUTES = ["today", "myDay", "patients", "book", "setup", "staff", "audit", "settings"] as const;
export type Route = (typeof ROUTES)[number];

export const DEFAULT_ROUTE: Route = "today";

// Addresses are lower-case words a person could type; the ids are what the code switches on.
const PATHS: Record<Route, string> = {
  today: "today",
  myDay: "my-day",
  patients: "patients",
  book: "book",
  setup: "setup",
  staff: "staff",
  audit: "audit",
  settings: "settings",
};

export function hrefFor(route: Route): string {
  return `#/${PATHS[route]}`;
}

export function hrefForPatient(patientId: string): string {
  return `${hrefFor("patients")}/${encodeURIComponent(patientId)}`;
}

function segments(hash: string): string[] {
  return hash.replace(/^#\/?/, "").split("?")[0]?.split("/") ?? [];
}

export function parseHash(hash: string): Route {
  const name = segments(hash)[0] ?? "";
  const route = ROUTES.find((r) => PATHS[r] === name);
  return route ?? DEFAULT_ROUTE;
}

/** The patient whose card the address names, or null on any other address. */
export function patientIdFromHash(hash: string): string | null {
  const [page, id] = segments(hash);
  if (page !== PATHS.patients || !id) return null;
  try {
    return decodeURIComponent(id);
  } catch {
    // A hand-typed address with a stray % names no patient.
    return null;
  }
}
