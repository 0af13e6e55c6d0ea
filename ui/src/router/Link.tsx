// A real <a href="#/…"> (so it is a link to assistive tech, middle-click and WebDriver) that
// switches pages without a reload.
import type { AnchorHTMLAttributes, MouseEvent } from "react";
import { hrefFor } from "./routes";
import type { Route } from "./routes";
import { navigate } from "./useRoute";

export interface LinkProps extends Omit<AnchorHTMLAttributes<HTMLAnchorElement>, "href"> {
  to: Route;
}

export function Link({ to, onClick, ...rest }: LinkProps) {
  const handleClick = (event: MouseEvent<HTMLAnchorElement>) => {
    onClick?.(event);
    // Leave modified clicks to the browser; a plain click switches pages in place.
    if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey) {
      return;
    }
    event.preventDefault();
    navigate(to);
  };
  return <a href={hrefFor(to)} onClick={handleClick} {...rest} />;
}
