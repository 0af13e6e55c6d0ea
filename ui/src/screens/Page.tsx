// Every screen's frame: one <h1> naming the page, so the heading is the landmark a screen
// reader (and an end-to-end test) uses to know which page is showing.
import type { ReactNode } from "react";

export interface PageProps {
  title: string;
  children?: ReactNode;
}

export function Page({ title, children }: PageProps) {
  return (
    <section className="page" aria-labelledby="page-title">
      <h1 id="page-title" className="page__title">
        {title}
      </h1>
      {children}
    </section>
  );
}
