// The strip across the top: which practice this desk serves, the search box, and how each
// vendor connection stands. It is what a receptionist glances at to trust the rest.
import type { VendorStatus } from "../api/backend";
import { useT } from "../i18n/context";
import { GlobalSearch } from "./GlobalSearch";
import { SyncControl } from "./SyncControl";
import { VendorChips } from "./VendorChips";

export interface HeaderProps {
  /**
   * The connected practice's name; null when none is, and the header says so; undefined while
   * it is not known (loading, or failed and explained by a banner), when the header claims nothing.
   */
  practiceName: string | null | undefined;
  statuses: readonly VendorStatus[];
}

export function Header({ practiceName, statuses }: HeaderProps) {
  const t = useT();
  let practice = <span className="app-header__practice" />;
  if (practiceName === null) {
    practice = (
      <span className="app-header__practice app-header__practice--none" data-testid="practice-name">
        {t("header.noPractice")}
      </span>
    );
  } else if (practiceName !== undefined) {
    practice = (
      <span className="app-header__practice" data-testid="practice-name" title={practiceName}>
        {practiceName}
      </span>
    );
  }
  return (
    <header className="app-header">
      {practice}
      <GlobalSearch practiceConnected={practiceName !== null} />
      <VendorChips statuses={statuses} />
      {typeof practiceName === "string" && <SyncControl />}
    </header>
  );
}
