// After a page switch, focus goes to the new page's heading: a screen reader announces where
// the user is, and the next Tab starts in the page rather than back in the navigation.
import { useEffect, useRef } from "react";

export const PAGE_TITLE_ID = "page-title";

/**
 * `place` is the whole address, so opening one card from another moves focus too. `ready` says
 * the new page is on screen: a page whose code is still being fetched has no heading yet, and
 * focus waits for it rather than being dropped.
 */
export function useFocusPageOnNavigate(place: string, ready = true): void {
  const previous = useRef(place);
  useEffect(() => {
    // The first page of a session keeps the browser's own initial focus.
    if (!ready || previous.current === place) return;
    previous.current = place;
    document.getElementById(PAGE_TITLE_ID)?.focus();
  }, [place, ready]);
}
