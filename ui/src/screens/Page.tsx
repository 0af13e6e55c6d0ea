// Every screen's frame: one <h1> naming the page, so the heading is the landmark a screen
// reader (and an end-to-end test) uses to know which page is showing.
import type { ReactNode } from "react";
import { PAGE_TITLE_ID } from "../shell/useFocusPageOnNavigate";

export interface PageProps {
  title: string;
  children?: ReactNode;
}

export function Page({ title, children }: PageProps) {
  return (
    <section className="page" aria-labelledby={PAGE_TITLE_ID}>
      {/* Focusable by script only (tabIndex -1), so navigation can land on it. */}
      <h1 id={PAGE_TITLE_ID} className="page__title" tabIndex={-1}>
        {title}
      </h1>
      {children}
    </section>
  );
}
