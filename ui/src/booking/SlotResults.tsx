// The open times, one list per local day of the slot's location, each time a button that
// picks it. Times are the location's wall clock; where that differs from this computer's, the
// zone is written beside the time, so 14:00 in Denver is never read as 14:00 here.
import { useId } from "react";
import type { Location, OpenSlot, OpenSlotDay, Provider } from "../api/backend";
import { useI18n } from "../i18n/context";
import type { Locale, Translate } from "../i18n/types";
import { VendorBadge } from "../patients/VendorBadge";
import { differsFromComputer, formatClock, formatDay, localDay, zoneAbbreviation } from "../time/zoned";
import { findLocation, findProvider } from "./names";

export interface SlotResultsProps {
  days: readonly OpenSlotDay[];
  providers: readonly Provider[];
  locations: readonly Location[];
  onPick: (slot: OpenSlot) => void;
  /** The slot being booked now: shown as chosen. */
  chosenId?: string | null;
}

export function SlotResults({ days, providers, locations, onPick, chosenId }: SlotResultsProps) {
  const { locale } = useI18n();
  const idBase = useId();
  return (
    <div className="slot-results" data-testid="slot-results">
      {days
        .filter((day) => day.slots.length > 0)
        .map((day, index) => {
          const headingId = `${idBase}-day-${index}`;
          return (
            <section key={day.date} className="slot-day" aria-labelledby={headingId} data-testid="slot-day" data-date={day.date}>
              <h3 id={headingId} className="slot-day__heading">
                {formatDay(day.date, locale)}
              </h3>
              <SlotList slots={day.slots} providers={providers} locations={locations} onPick={onPick} chosenId={chosenId} />
            </section>
          );
        })}
    </div>
  );
}

export function SlotList({
  slots,
  providers,
  locations,
  onPick,
  chosenId,
  label,
  testId = "slot",
}: {
  slots: readonly OpenSlot[];
  providers: readonly Provider[];
  locations: readonly Location[];
  onPick: (slot: OpenSlot) => void;
  chosenId?: string | null;
  label?: string;
  testId?: string;
}) {
  const { t, locale } = useI18n();
  return (
    <ul className="slot-day__list" aria-label={label}>
      {slots.map((slot) => {
        const chosen = slot.id === chosenId;
        return (
          <li key={`${slot.vendor}:${slot.id}`}>
            <button
              type="button"
              className={`slot-button slot-button--${slot.mode}${chosen ? " slot-button--chosen" : ""}`}
              data-testid={testId}
              data-slot-id={slot.id}
              data-vendor={slot.vendor}
              data-mode={slot.mode}
              data-start={slot.start}
              data-end={slot.end}
              data-provider-id={slot.providerId ?? ""}
              data-location-id={slot.locationId ?? ""}
              data-operatory-id={slot.operatoryId ?? ""}
              aria-pressed={chosen}
              aria-label={describeSlot(slot, providers, locations, t, locale)}
              onClick={() => {
                onPick(slot);
              }}
            >
              <SlotLine slot={slot} providers={providers} locations={locations} />
            </button>
          </li>
        );
      })}
    </ul>
  );
}

/** The slot's time in its zone, with the zone named where this computer's clock differs. */
export function slotTime(slot: OpenSlot, locale: Locale): { range: string; zone: string | null } {
  const range = `${formatClock(slot.start, slot.zone, locale)}–${formatClock(slot.end, slot.zone, locale)}`;
  const at = new Date(slot.start);
  return { range, zone: differsFromComputer(slot.zone, at) ? zoneAbbreviation(slot.zone, at, locale) : null };
}

function placeOf(slot: OpenSlot, locations: readonly Location[], t: Translate): string {
  if (slot.mode === "telehealth") return t("visit.telehealth");
  const location = findLocation(locations, slot.locationId);
  if (slot.mode === "referral") {
    const where = location?.name ?? t("visit.referral");
    return slot.driveTimeMinutes == null ? where : t("slot.driveTime", { place: where, minutes: slot.driveTimeMinutes });
  }
  return location?.name ?? t("slot.unknownPlace");
}

function providerOf(slot: OpenSlot, providers: readonly Provider[], t: Translate): string {
  return (
    findProvider(providers, slot.providerId)?.displayName ??
    (slot.mode === "referral" ? t("slot.networkProvider") : t("appt.noProvider"))
  );
}

/** The slot in one sentence: its accessible name, the day included for the next-slots list. */
export function describeSlot(
  slot: OpenSlot,
  providers: readonly Provider[],
  locations: readonly Location[],
  t: Translate,
  locale: Locale,
): string {
  const { range, zone } = slotTime(slot, locale);
  return [
    zone ? `${range} ${zone}` : range,
    formatDay(localDay(slot.start, slot.zone), locale),
    providerOf(slot, providers, t),
    placeOf(slot, locations, t),
  ].join(", ");
}

export function SlotLine({
  slot,
  providers,
  locations,
}: {
  slot: OpenSlot;
  providers: readonly Provider[];
  locations: readonly Location[];
}) {
  const { t, locale } = useI18n();
  const { range, zone } = slotTime(slot, locale);
  return (
    <span className="slot-line">
      <span className="slot-line__time">
        {range}
        {zone && <span className="slot-line__zone"> {zone}</span>}
      </span>
      <span className="slot-line__provider">{providerOf(slot, providers, t)}</span>
      <span className="slot-line__place">{placeOf(slot, locations, t)}</span>
      <VendorBadge vendor={slot.vendor} />
    </span>
  );
}
