// The left navigation: real links in a <nav>, the current page marked aria-current so both the
// eye (styling hooks onto it) and a screen reader know where they are.
import { useT } from "../i18n/context";
import { Link } from "../router/Link";
import { ROUTES } from "../router/routes";
import type { Route } from "../router/routes";

export interface NavBarProps {
  current: Route;
}

const LABELS = {
  today: "nav.today",
  patients: "nav.patients",
  book: "nav.book",
  settings: "nav.settings",
} as const satisfies Record<Route, string>;

export function NavBar({ current }: NavBarProps) {
  const t = useT();
  return (
    <nav className="app-nav" aria-label={t("nav.label")}>
      <ul>
        {ROUTES.map((route) => (
          <li key={route}>
            <Link to={route} aria-current={route === current ? "page" : undefined}>
              {t(LABELS[route])}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
