// A real <a href="#/…"> (so it is a link to assistive tech, middle-click and WebDriver) that
// switches pages without a reload: to a page by name, or to one patient's card.
import type { AnchorHTMLAttributes, MouseEvent } from "react";
import { hrefFor, hrefForPatient } from "./routes";
import type { Route } from "./routes";
import { navigate, navigateToPatient } from "./useRoute";

export type LinkProps = Omit<AnchorHTMLAttributes<HTMLAnchorElement>, "href"> &
  ({ to: Route; patientId?: never } | { to?: never; patientId: string });

export function Link({ to, patientId, onClick, ...rest }: LinkProps) {
  const handleClick = (event: MouseEvent<HTMLAnchorElement>) => {
    onClick?.(event);
    // Leave modified clicks to the browser; a plain click switches pages in place.
    if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey) {
      return;
    }
    event.preventDefault();
    if (patientId !== undefined) navigateToPatient(patientId);
    else navigate(to);
  };
  const href = patientId !== undefined ? hrefForPatient(patientId) : hrefFor(to);
  return <a href={href} onClick={handleClick} {...rest} />;
}
