// After a page switch, focus goes to the new page's heading: a screen reader announces where
// the user is, and the next Tab starts in the page rather than back in the navigation.
import { useEffect, useRef } from "react";
import type { Route } from "../router/routes";

export const PAGE_TITLE_ID = "page-title";

export function useFocusPageOnNavigate(route: Route): void {
  const previous = useRef(route);
  useEffect(() => {
    // The first page of a session keeps the browser's own initial focus.
    if (previous.current === route) return;
    previous.current = route;
    document.getElementById(PAGE_TITLE_ID)?.focus();
  }, [route]);
}
