// Which location and which day the board shows. The location is remembered on this computer
// (a desk sits at one clinic); the day is not: opening the desk always starts on today, and
// "today" is the location's date, not the computer's.
import { useState } from "react";
import type { Location } from "../api/backend";
import { todayIn } from "../time/zoned";

export const LOCATION_STORAGE_KEY = "frontdesk.location";

function savedLocationId(): string | null {
  try {
    return window.localStorage.getItem(LOCATION_STORAGE_KEY);
  } catch {
    return null;
  }
}

export interface BoardPlace {
  location: Location | undefined;
  setLocationId: (id: string) => void;
  day: string;
  /** null goes back to today. */
  setDay: (day: string | null) => void;
  isToday: boolean;
}

/** The chosen location, or the first when the remembered one no longer exists. */
function chosenLocation(locations: readonly Location[] | undefined, chosenId: string | null): Location | undefined {
  return locations?.find((l) => l.id === chosenId) ?? locations?.[0];
}

/** The location and day the board opens on for these locations, before anyone picks. */
export function initialBoardPlace(locations: readonly Location[]): { locationId: string; day: string } | undefined {
  const location = chosenLocation(locations, savedLocationId());
  return location && { locationId: location.id, day: todayIn(location.timeZone) };
}

export function useBoardPlace(locations: readonly Location[] | undefined): BoardPlace {
  const [chosenId, setChosenId] = useState<string | null>(savedLocationId);
  const [chosenDay, setChosenDay] = useState<string | null>(null);
  const location = chosenLocation(locations, chosenId);
  const today = location ? todayIn(location.timeZone) : todayIn(Intl.DateTimeFormat().resolvedOptions().timeZone);
  const day = chosenDay ?? today;
  return {
    location,
    setLocationId: (id) => {
      setChosenId(id);
      try {
        window.localStorage.setItem(LOCATION_STORAGE_KEY, id);
      } catch {
        // Private storage refused: the choice still holds for this session.
      }
    },
    day,
    setDay: setChosenDay,
    isToday: day === today,
  };
}
