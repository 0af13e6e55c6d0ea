// A location's in-person availabilities at NexHealth: listed (on and off) with a Switch off on
// each active one, and a form adding one for the chosen provider (weekly days or one date, a
// window, the appointment types bookable in it). Hours overlapping the provider's own are
// refused by the backend, named beside the time.
import { useId, useState } from "react";
import type { SyntheticEvent } from "react";
import { useQueryClient } from "@tanstack/react-query";
import { createNexAvailability, deactivateNexAvailability } from "../api/backend";
import type { AppError, NexAvailability, Provider } from "../api/backend";
import { toAppError } from "../api/errors";
import { setupKeys, useNexAppointmentTypes, useNexAvailabilities } from "../api/queries";
import { ErrorBanner } from "../errors/ErrorBanner";
import { useT } from "../i18n/context";
import type { Translate } from "../i18n/types";
import { DayChecks } from "./DayChecks";
import { Check, Field } from "./Field";
import { splitFailure } from "./failure";
import { dayName, isDate, windowError } from "./rules";
import type { Errors } from "./rules";

function when(a: NexAvailability, t: Translate): string {
  return a.specificDate ?? a.days.map((d) => dayName(d, t)).join(", ");
}

export interface NexHoursProps {
  locationId: string;
  providerId: string;
  providers: readonly Provider[];
}

export function NexHours({ locationId, providerId, providers }: NexHoursProps) {
  const t = useT();
  const id = useId();
  const client = useQueryClient();
  const list = useNexAvailabilities(locationId);
  const types = useNexAppointmentTypes(locationId);
  const [days, setDays] = useState<string[]>([]);
  const [date, setDate] = useState("");
  const [start, setStart] = useState("");
  const [end, setEnd] = useState("");
  const [typeIds, setTypeIds] = useState<string[]>([]);
  const [errors, setErrors] = useState<Errors>({});
  const [banner, setBanner] = useState<AppError | null>(null);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState("");

  if (locationId === "") return null;
  const providerName = (pid: string | null) => providers.find((p) => p.id === pid)?.displayName ?? pid ?? "";
  const typeName = (tid: string) => types.data?.find((x) => x.id === tid)?.name ?? tid;
  const refresh = () => client.invalidateQueries({ queryKey: setupKeys.nexAvailabilities(locationId) });

  const check = (): Errors => {
    const found: Errors = {};
    if (providerId === "") found.providerId = t("setup.required");
    const oneDate = date.trim();
    if (oneDate !== "" && days.length > 0) found.specificDate = t("setup.rule.daysOrDate");
    else if (oneDate === "" && days.length === 0) found.days = t("setup.rule.daysOrDate");
    else if (oneDate !== "" && !isDate(oneDate)) found.specificDate = t("setup.rule.date", { value: oneDate });
    const bad = windowError(start.trim(), end.trim(), t);
    if (bad) found[bad.field === "start" ? "startTime" : "endTime"] = bad.message;
    return found;
  };

  const create = (event: SyntheticEvent) => {
    event.preventDefault();
    setBanner(null);
    setMessage("");
    const local = check();
    setErrors(local);
    if (Object.keys(local).length > 0) return;
    setBusy(true);
    createNexAvailability({
      locationId,
      providerId,
      days,
      specificDate: date.trim() === "" ? null : date.trim(),
      startTime: start.trim(),
      endTime: end.trim(),
      appointmentTypeIds: typeIds,
      operatoryId: null,
    })
      .then(async (made) => {
        setMessage(t("setup.nex.created", { id: made.id }));
        await refresh();
      })
      .catch((failure: unknown) => {
        const split = splitFailure(failure, ["providerId", "days", "specificDate", "startTime", "endTime", "appointmentTypeIds"]);
        setErrors(split.errors);
        setBanner(split.banner);
      })
      .finally(() => {
        setBusy(false);
      });
  };

  const deactivate = (availability: NexAvailability) => {
    setBanner(null);
    setMessage("");
    deactivateNexAvailability(availability.id)
      .then(async () => {
        setMessage(t("setup.nex.deactivated", { id: availability.id }));
        await refresh();
      })
      .catch((failure: unknown) => {
        setBanner(toAppError(failure));
      });
  };

  return (
    <div data-testid="nex-hours">
      {list.isError ? (
        <ErrorBanner error={toAppError(list.error)} onRetry={() => void list.refetch()} />
      ) : !list.data ? (
        <p className="muted">{t("app.loading")}</p>
      ) : list.data.length === 0 ? (
        <p className="notice">{t("setup.nex.none")}</p>
      ) : (
        <table className="data-table" data-testid="nex-availabilities" aria-label={t("setup.nex.heading")}>
          <thead>
            <tr>
              <th scope="col">{t("setup.nex.id")}</th>
              <th scope="col">{t("setup.availability.provider")}</th>
              <th scope="col">{t("setup.nex.when")}</th>
              <th scope="col">{t("setup.nex.hours")}</th>
              <th scope="col">{t("setup.nex.types")}</th>
              <th scope="col">{t("setup.nex.state")}</th>
            </tr>
          </thead>
          <tbody>
            {list.data.map((a) => (
              <tr key={a.id} data-testid="nex-availability" data-availability-id={a.id} data-active={a.active}>
                <td>{a.id}</td>
                <td>{providerName(a.providerId)}</td>
                <td>{when(a, t)}</td>
                <td>
                  {a.startTime}–{a.endTime}
                </td>
                <td>{a.appointmentTypeIds.length === 0 ? t("setup.nex.anyType") : a.appointmentTypeIds.map(typeName).join(", ")}</td>
                <td>
                  {a.active ? t("setup.nex.active") : t("setup.nex.inactive")}{" "}
                  {a.active && (
                    <button
                      type="button"
                      className="button"
                      data-testid="nex-deactivate"
                      aria-label={t("setup.nex.deactivateLabel", { id: a.id })}
                      onClick={() => {
                        deactivate(a);
                      }}
                    >
                      {t("setup.nex.deactivate")}
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}

      <h4 id={`${id}-add`}>{t("setup.nex.add")}</h4>
      <form className="setup-form" aria-labelledby={`${id}-add`} onSubmit={create} noValidate data-testid="nex-form">
        {errors.providerId && (
          <span className="setup-form__error" data-testid="field-error">
            {t("setup.availability.provider")}: {errors.providerId}
          </span>
        )}
        <DayChecks id={`${id}-days`} legend={t("setup.nex.days")} days={days} onDays={setDays} error={errors.days} />
        <div className="setup-form__row">
          <Field id={`${id}-date`} name="specificDate" label={t("setup.nex.date")} value={date} onValue={setDate} error={errors.specificDate} />
          <Field
            id={`${id}-start`}
            name="startTime"
            label={t("setup.nex.start")}
            placeholder="09:00"
            inputMode="numeric"
            value={start}
            onValue={setStart}
            error={errors.startTime}
          />
          <Field
            id={`${id}-end`}
            name="endTime"
            label={t("setup.nex.end")}
            placeholder="17:00"
            inputMode="numeric"
            value={end}
            onValue={setEnd}
            error={errors.endTime}
          />
        </div>
        {types.data && types.data.length > 0 && (
          <fieldset className="setup-form__days">
            <legend>{t("setup.nex.types")}</legend>
            {types.data.map((type) => (
              <Check
                key={type.id}
                id={`${id}-type-${type.id}`}
                label={type.name}
                checked={typeIds.includes(type.id)}
                onChecked={(on) => {
                  setTypeIds((ids) => (on ? [...ids, type.id] : ids.filter((x) => x !== type.id)));
                }}
              />
            ))}
          </fieldset>
        )}
        {banner && <ErrorBanner error={banner} />}
        <div>
          <button type="submit" className="button button--primary" disabled={busy} data-testid="nex-create">
            {busy ? t("setup.busy") : t("setup.nex.create")}
          </button>
        </div>
      </form>
      <p role="status" className="setup-result" data-testid="nex-result">
        {message}
      </p>
    </div>
  );
}
