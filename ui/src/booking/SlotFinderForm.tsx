// The slot finder's one form: days, visit kind, appointment type, providers and locations.
// Native, labelled controls in fieldsets, so Tab, Space and a screen reader all work as they
// do anywhere, and Enter in any field searches.
import { useId } from "react";
import type { SyntheticEvent } from "react";
import type { AppointmentType, Location, Provider, Referral } from "../api/backend";
import { useI18n } from "../i18n/context";
import type { PlainKey } from "../i18n/types";
import { checkFields } from "./finder";
import type { FieldProblem, FinderFields, ModeChoice } from "./finder";

const MODES: { value: ModeChoice; key: PlainKey }[] = [
  { value: "any", key: "finder.modeAny" },
  { value: "inPerson", key: "visit.inPerson" },
  { value: "telehealth", key: "finder.modeTelehealth" },
  { value: "referral", key: "finder.modeReferral" },
];

const PROBLEMS: Record<FieldProblem, PlainKey> = {
  range: "finder.problemRange",
  order: "finder.problemOrder",
  tooLong: "finder.problemTooLong",
};

export interface SlotFinderFormProps {
  fields: FinderFields;
  onChange: (fields: FinderFields) => void;
  onSearch: () => void;
  providers: readonly Provider[];
  locations: readonly Location[];
  types: readonly AppointmentType[];
  /** The chosen patient's referrals out, for a referral search. */
  referrals: readonly Referral[];
  /** Why searching is not possible right now (no patient for a referral, offline), if it is not. */
  blockedReason?: string | null;
  searching: boolean;
}

export function SlotFinderForm({
  fields,
  onChange,
  onSearch,
  providers,
  locations,
  types,
  referrals,
  blockedReason,
  searching,
}: SlotFinderFormProps) {
  const { t } = useI18n();
  const id = useId();
  const problem = checkFields(fields);
  const set = (patch: Partial<FinderFields>) => {
    onChange({ ...fields, ...patch });
  };
  const toggle = (list: string[], value: string, on: boolean) =>
    on ? [...new Set([...list, value])] : list.filter((v) => v !== value);
  const submit = (event: SyntheticEvent) => {
    event.preventDefault();
    if (!problem && !blockedReason) onSearch();
  };
  // Appointment types are NexHealth's: they narrow in-person visits only.
  const shownTypes = fields.mode === "any" || fields.mode === "inPerson" ? types : [];
  const problemId = `${id}-problem`;

  return (
    <form className="slot-finder" aria-label={t("finder.label")} onSubmit={submit} data-testid="slot-finder">
      <div className="slot-finder__row">
        <span className="slot-finder__field">
          <label htmlFor={`${id}-from`}>{t("finder.from")}</label>
          <input
            id={`${id}-from`}
            type="date"
            required
            value={fields.from}
            data-testid="finder-from"
            aria-describedby={problem ? problemId : undefined}
            onChange={(e) => {
              set({ from: e.target.value });
            }}
          />
        </span>
        <span className="slot-finder__field">
          <label htmlFor={`${id}-to`}>{t("finder.to")}</label>
          <input
            id={`${id}-to`}
            type="date"
            required
            value={fields.to}
            data-testid="finder-to"
            aria-describedby={problem ? problemId : undefined}
            onChange={(e) => {
              set({ to: e.target.value });
            }}
          />
        </span>
        <span className="slot-finder__field">
          <label htmlFor={`${id}-type`}>{t("finder.type")}</label>
          <select
            id={`${id}-type`}
            value={fields.appointmentType}
            data-testid="finder-type"
            disabled={shownTypes.length === 0}
            onChange={(e) => {
              set({ appointmentType: e.target.value });
            }}
          >
            <option value="">{t("finder.anyType")}</option>
            {shownTypes.map((type) => (
              <option key={type.id} value={type.id}>
                {type.minutes === null ? type.name : t("finder.typeOption", { name: type.name, minutes: type.minutes })}
              </option>
            ))}
          </select>
        </span>
      </div>
      <fieldset className="slot-finder__modes">
        <legend>{t("finder.mode")}</legend>
        {MODES.map((mode) => (
          <label key={mode.value} className="slot-finder__choice">
            <input
              type="radio"
              name={`${id}-mode`}
              value={mode.value}
              checked={fields.mode === mode.value}
              data-testid={`finder-mode-${mode.value}`}
              onChange={() => {
                // A type of another vendor cannot be offered in this kind of visit.
                set({ mode: mode.value, appointmentType: "" });
              }}
            />
            {t(mode.key)}
          </label>
        ))}
      </fieldset>
      {fields.mode === "referral" && (
        <div className="slot-finder__row" data-testid="finder-referral">
          <span className="slot-finder__field">
            <label htmlFor={`${id}-referral`}>{t("referralBooking.referral")}</label>
            <select
              id={`${id}-referral`}
              data-testid="finder-referral-pick"
              value={fields.referralId}
              onChange={(e) => {
                set({ referralId: e.target.value });
              }}
            >
              <option value="">{t("referralBooking.approved")}</option>
              {referrals.map((r) => (
                <option key={r.externalId} value={r.externalId}>
                  {[r.referralNumber ?? r.externalId, r.specialty, r.status].filter(Boolean).join(" · ")}
                </option>
              ))}
            </select>
          </span>
          <span className="slot-finder__field">
            <label htmlFor={`${id}-miles`}>{t("finder.withinMiles")}</label>
            <input
              id={`${id}-miles`}
              type="number"
              min={1}
              max={500}
              className="slot-finder__number"
              data-testid="finder-miles"
              value={fields.maxMiles ?? ""}
              onChange={(e) => {
                const miles = Number.parseInt(e.target.value, 10);
                set({ maxMiles: Number.isFinite(miles) && miles > 0 ? miles : null });
              }}
            />
          </span>
          {referrals.length === 0 && <p className="muted">{t("referralBooking.noReferrals")}</p>}
        </div>
      )}
      <div className="slot-finder__row">
        <fieldset className="slot-finder__list">
          <legend>{t("finder.providers")}</legend>
          <p className="muted slot-finder__hint">{t("finder.noneMeansAll")}</p>
          {providers.map((provider) => (
            <label key={provider.id} className="slot-finder__choice">
              <input
                type="checkbox"
                value={provider.id}
                checked={fields.providerIds.includes(provider.id)}
                data-testid="finder-provider"
                onChange={(e) => {
                  set({ providerIds: toggle(fields.providerIds, provider.id, e.target.checked) });
                }}
              />
              {provider.displayName}
            </label>
          ))}
        </fieldset>
        <fieldset className="slot-finder__list">
          <legend>{t("finder.locations")}</legend>
          <p className="muted slot-finder__hint">{t("finder.noneMeansAll")}</p>
          {locations.map((location) => (
            <label key={location.id} className="slot-finder__choice">
              <input
                type="checkbox"
                value={location.id}
                checked={fields.locationIds.includes(location.id)}
                data-testid="finder-location"
                onChange={(e) => {
                  set({ locationIds: toggle(fields.locationIds, location.id, e.target.checked) });
                }}
              />
              {location.name}
            </label>
          ))}
        </fieldset>
      </div>
      <div className="slot-finder__actions">
        <button
          type="submit"
          className="button button--primary"
          data-testid="finder-search"
          disabled={problem !== null || Boolean(blockedReason)}
          aria-describedby={blockedReason ? `${id}-blocked` : undefined}
        >
          {searching ? t("finder.searching") : t("finder.search")}
        </button>
        {problem && (
          <span id={problemId} className="slot-finder__problem" role="status">
            {t(PROBLEMS[problem])}
          </span>
        )}
        {blockedReason && (
          <span id={`${id}-blocked`} className="slot-finder__problem" role="status">
            {blockedReason}
          </span>
        )}
      </div>
    </form>
  );
}
