// The controls above a board: location, the day (with previous/next and back to today), and
// whatever else the screen adds (Print, a provider picker). Plain labelled native controls:
// they work with the keyboard and WebDriver without help.
import { useId } from "react";
import type { ReactNode } from "react";
import type { Location } from "../api/backend";
import { useI18n } from "../i18n/context";
import { differsFromComputer, isDay, shiftDay, zoneAbbreviation } from "../time/zoned";
import type { BoardPlace } from "./useBoardPlace";

export interface BoardToolbarProps {
  locations: readonly Location[];
  place: BoardPlace;
  children?: ReactNode;
}

export function BoardToolbar({ locations, place, children }: BoardToolbarProps) {
  const { t, locale } = useI18n();
  const locationId = useId();
  const dayId = useId();
  const { location, day } = place;
  const noon = new Date(`${day}T12:00:00Z`);
  return (
    <div className="board-toolbar" role="toolbar" aria-label={t("board.toolbar")}>
      <span className="board-toolbar__field">
        <label htmlFor={locationId}>{t("board.location")}</label>
        <select
          id={locationId}
          data-testid="location-picker"
          value={location?.id ?? ""}
          onChange={(event) => {
            place.setLocationId(event.target.value);
          }}
        >
          {locations.map((l) => (
            <option key={l.id} value={l.id}>
              {l.name}
            </option>
          ))}
        </select>
      </span>
      <span className="board-toolbar__field">
        <button
          type="button"
          className="button"
          aria-label={t("board.previousDay")}
          onClick={() => {
            place.setDay(shiftDay(day, -1));
          }}
        >
          <span aria-hidden="true">‹</span>
        </button>
        <label htmlFor={dayId} className="visually-hidden">
          {t("board.day")}
        </label>
        <input
          id={dayId}
          type="date"
          data-testid="day-picker"
          value={day}
          required
          onChange={(event) => {
            if (isDay(event.target.value)) place.setDay(event.target.value);
          }}
        />
        <button
          type="button"
          className="button"
          aria-label={t("board.nextDay")}
          onClick={() => {
            place.setDay(shiftDay(day, 1));
          }}
        >
          <span aria-hidden="true">›</span>
        </button>
        <button
          type="button"
          className="button"
          disabled={place.isToday}
          onClick={() => {
            place.setDay(null);
          }}
        >
          {t("board.today")}
        </button>
      </span>
      {children}
      {location && differsFromComputer(location.timeZone, noon) && (
        <span className="board-toolbar__zone" data-testid="board-zone">
          {t("board.zoneNote", {
            zone: zoneAbbreviation(location.timeZone, noon, locale),
            name: location.timeZone,
          })}
        </span>
      )}
    </div>
  );
}
