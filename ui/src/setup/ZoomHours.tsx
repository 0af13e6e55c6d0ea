// A provider's weekly telehealth hours at Zoom, as rows of day, from and to, plus days off:
// read from Zoom, edited here, saved whole (Zoom's PATCH replaces them). Overlapping rows and
// bad times are named before saving; the slot finder asks Zoom live, so its next search
// follows what was saved.
import { useId, useState } from "react";
import type { SyntheticEvent } from "react";
import { useQueryClient } from "@tanstack/react-query";
import { setZoomAvailability } from "../api/backend";
import type { AppError, ZoomAvailability } from "../api/backend";
import { toAppError } from "../api/errors";
import { setupKeys, useZoomAvailability } from "../api/queries";
import { ErrorBanner } from "../errors/ErrorBanner";
import { useT } from "../i18n/context";
import { Field } from "./Field";
import { splitFailure } from "./failure";
import { DAYS, datesError, overlapError, splitDates, windowError } from "./rules";
import type { DayWindow, Errors } from "./rules";

export function ZoomHours({ providerId }: { providerId: string }) {
  const t = useT();
  const hours = useZoomAvailability(providerId);
  // Outlives the editor, which starts afresh from Zoom's answer after a save.
  const [saved, setSaved] = useState(false);
  if (providerId === "") return null;
  if (hours.isError) return <ErrorBanner error={toAppError(hours.error)} onRetry={() => void hours.refetch()} />;
  if (!hours.data) return <p className="muted">{t("app.loading")}</p>;
  return (
    <>
      {/* A fresh editor per read: after a save (or another provider) it starts from Zoom's answer. */}
      <ZoomHoursForm key={`${providerId}-${hours.dataUpdatedAt}`} providerId={providerId} initial={hours.data} onSaved={setSaved} />
      <p role="status" className="setup-result" data-testid="zoom-result">
        {saved ? t("setup.zoom.saved") : ""}
      </p>
    </>
  );
}

interface ZoomHoursFormProps {
  providerId: string;
  initial: ZoomAvailability;
  onSaved: (saved: boolean) => void;
}

function ZoomHoursForm({ providerId, initial, onSaved }: ZoomHoursFormProps) {
  const t = useT();
  const id = useId();
  const client = useQueryClient();
  const [rows, setRows] = useState<DayWindow[]>(initial.weeklyHours.map((h) => ({ ...h })));
  const [daysOff, setDaysOff] = useState(initial.unavailableDates.join(", "));
  const [errors, setErrors] = useState<Errors>({});
  const [banner, setBanner] = useState<AppError | null>(null);
  const [busy, setBusy] = useState(false);

  const change = (i: number, patch: Partial<DayWindow>) => {
    setRows((rs) => rs.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  };

  const check = (): Errors => {
    const found: Errors = {};
    rows.forEach((r, i) => {
      const bad = windowError(r.start.trim(), r.end.trim(), t);
      if (bad) found[`row-${i}-${bad.field}`] = bad.message;
    });
    if (Object.keys(found).length === 0) {
      const overlap = overlapError(rows, t);
      if (overlap) found.weeklyHours = overlap;
    }
    const off = datesError(splitDates(daysOff), t);
    if (off) found.unavailableDates = off;
    return found;
  };

  const save = (event: SyntheticEvent) => {
    event.preventDefault();
    onSaved(false);
    setBanner(null);
    const local = check();
    setErrors(local);
    if (Object.keys(local).length > 0) return;
    setBusy(true);
    setZoomAvailability(providerId, {
      weeklyHours: rows.map((r) => ({ day: r.day, start: r.start.trim(), end: r.end.trim() })),
      unavailableDates: splitDates(daysOff),
    })
      .then((answer) => {
        onSaved(true);
        client.setQueryData(setupKeys.zoomAvailability(providerId), answer);
      })
      .catch((failure: unknown) => {
        const split = splitFailure(failure, ["weeklyHours", "unavailableDates"]);
        setErrors(split.errors);
        setBanner(split.banner);
      })
      .finally(() => {
        setBusy(false);
      });
  };

  return (
    <form className="setup-form" onSubmit={save} noValidate aria-labelledby={`${id}-title`} data-testid="zoom-hours-form">
      <h4 id={`${id}-title`}>{t("setup.zoom.heading")}</h4>
      {initial.timeZone && <p className="muted">{t("setup.zoom.timeZone", { zone: initial.timeZone })}</p>}
      <fieldset className="setup-form__days" aria-describedby={errors.weeklyHours ? `${id}-weekly-error` : undefined}>
        <legend>{t("setup.zoom.heading")}</legend>
        {rows.length === 0 && <p className="notice">{t("setup.zoom.none")}</p>}
        {rows.map((row, i) => {
          const n = i + 1;
          return (
            <div key={i} className="setup-form__row" role="group" aria-label={t("setup.zoom.row", { n })} data-testid="zoom-row">
              <div className="setup-form__field">
                <label htmlFor={`${id}-row-${i}-day`}>{t("setup.zoom.day")}</label>
                <select
                  id={`${id}-row-${i}-day`}
                  value={DAYS.find((d) => d.toLowerCase() === row.day.toLowerCase()) ?? row.day}
                  onChange={(event) => {
                    change(i, { day: event.target.value });
                  }}
                >
                  {DAYS.map((d) => (
                    <option key={d} value={d}>
                      {t(`day.${d}`)}
                    </option>
                  ))}
                </select>
              </div>
              <Field
                id={`${id}-row-${i}-start`}
                label={t("setup.zoom.start")}
                placeholder="09:00"
                inputMode="numeric"
                value={row.start}
                onValue={(v) => {
                  change(i, { start: v });
                }}
                error={errors[`row-${i}-start`]}
              />
              <Field
                id={`${id}-row-${i}-end`}
                label={t("setup.zoom.end")}
                placeholder="17:00"
                inputMode="numeric"
                value={row.end}
                onValue={(v) => {
                  change(i, { end: v });
                }}
                error={errors[`row-${i}-end`]}
              />
              <button
                type="button"
                className="button"
                aria-label={t("setup.zoom.removeRow", { n })}
                onClick={() => {
                  setRows((rs) => rs.filter((_, j) => j !== i));
                }}
              >
                ×
              </button>
            </div>
          );
        })}
        {errors.weeklyHours && (
          <span id={`${id}-weekly-error`} className="setup-form__error" data-testid="field-error">
            {errors.weeklyHours}
          </span>
        )}
        <div>
          <button
            type="button"
            className="button"
            data-testid="zoom-add-row"
            onClick={() => {
              setRows((rs) => [...rs, { day: "Monday", start: "", end: "" }]);
            }}
          >
            {t("setup.zoom.addRow")}
          </button>
        </div>
      </fieldset>
      <Field
        id={`${id}-daysOff`}
        name="unavailableDates"
        label={t("setup.zoom.daysOff")}
        hint={t("setup.ivr.holidaysHint")}
        value={daysOff}
        onValue={setDaysOff}
        error={errors.unavailableDates}
      />
      {banner && <ErrorBanner error={banner} />}
      <div>
        <button type="submit" className="button button--primary" disabled={busy} data-testid="zoom-save">
          {busy ? t("setup.busy") : t("setup.zoom.save")}
        </button>
      </div>
    </form>
  );
}
