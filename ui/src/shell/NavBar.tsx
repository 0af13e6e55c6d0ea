// The left navigation: real links in a <nav>, the current page marked aria-current so both the
// eye (styling hooks onto it) and a screen reader know where they are.
import { routeAllowed } from "../access/routes";
import { useCan } from "../access/session";
import { UserMenu } from "../access/UserMenu";
import { useT } from "../i18n/context";
import { Link } from "../router/Link";
import { ROUTES } from "../router/routes";
import type { Route } from "../router/routes";

export interface NavBarProps {
  current: Route;
}

const LABELS = {
  today: "nav.today",
  myDay: "nav.myDay",
  patients: "nav.patients",
  book: "nav.book",
  setup: "nav.setup",
  staff: "nav.staff",
  audit: "nav.audit",
  settings: "nav.settings",
} as const satisfies Record<Route, string>;

export function NavBar({ current }: NavBarProps) {
  const t = useT();
  const can = useCan();
  return (
    <nav className="app-nav" aria-label={t("nav.label")}>
      {/* The product's name sits here, not in the header, to leave the header's width to the
          practice, the search box and the five vendor chips at 1280 px. */}
      <p className="app-nav__brand">Frontdesk</p>
      <ul>
        {ROUTES.filter((route) => routeAllowed(route, can)).map((route) => (
          <li key={route}>
            <Link to={route} aria-current={route === current ? "page" : undefined}>
              {t(LABELS[route])}
            </Link>
          </li>
        ))}
      </ul>
      <UserMenu />
    </nav>
  );
}
