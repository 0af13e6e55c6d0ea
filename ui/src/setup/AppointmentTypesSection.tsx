// NexHealth appointment types for one location: listed live from NexHealth, and a form creating
// one with a name, a length and whether patients may book it online. Booking's type filter reads
// the cache, so creating one starts a sync (the backend does) and says so.
import { useId, useState } from "react";
import type { SyntheticEvent } from "react";
import { useQueryClient } from "@tanstack/react-query";
import { createAppointmentType } from "../api/backend";
import type { AppError } from "../api/backend";
import { toAppError } from "../api/errors";
import { setupKeys, useLocations, useNexAppointmentTypes } from "../api/queries";
import { ErrorBanner } from "../errors/ErrorBanner";
import { useT } from "../i18n/context";
import { Check, Field } from "./Field";
import { splitFailure } from "./failure";
import type { Errors } from "./rules";

export function AppointmentTypesSection() {
  const t = useT();
  const id = useId();
  const client = useQueryClient();
  const locations = useLocations();
  const [locationId, setLocationId] = useState("");
  const types = useNexAppointmentTypes(locationId);
  const [name, setName] = useState("");
  const [minutes, setMinutes] = useState("30");
  const [online, setOnline] = useState(true);
  const [errors, setErrors] = useState<Errors>({});
  const [banner, setBanner] = useState<AppError | null>(null);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState("");
  const nexLocations = (locations.data ?? []).filter((l) => l.vendor === "nexhealth");

  const create = (event: SyntheticEvent) => {
    event.preventDefault();
    setBanner(null);
    setMessage("");
    const local: Errors = {};
    if (locationId === "") local.locationId = t("setup.required");
    if (name.trim() === "") local.name = t("setup.required");
    const length = Number(minutes);
    if (!Number.isInteger(length) || length < 5 || length > 480) local.minutes = t("setup.rule.minutes");
    setErrors(local);
    if (Object.keys(local).length > 0) return;
    setBusy(true);
    createAppointmentType({ locationId, name: name.trim(), minutes: length, bookableOnline: online })
      .then(async (made) => {
        setMessage(t("setup.types.created", { name: made.name }));
        setName("");
        await client.invalidateQueries({ queryKey: setupKeys.nexAppointmentTypes(locationId) });
        // Booking's own (cached) list fills in after the sync the backend started.
        await client.invalidateQueries({ queryKey: ["appointmentTypes"] });
      })
      .catch((failure: unknown) => {
        const split = splitFailure(failure, ["locationId", "name", "minutes"]);
        setErrors(split.errors);
        setBanner(split.banner);
      })
      .finally(() => {
        setBusy(false);
      });
  };

  return (
    <section aria-labelledby={`${id}-heading`} className="setup-section" data-testid="types-section">
      <h2 id={`${id}-heading`}>{t("setup.types.heading")}</h2>
      <div className="setup-form__field">
        <label htmlFor={`${id}-location`}>{t("setup.types.location")}</label>
        <select
          id={`${id}-location`}
          data-testid="types-location"
          value={locationId}
          aria-invalid={errors.locationId ? true : undefined}
          aria-describedby={errors.locationId ? `${id}-location-error` : undefined}
          onChange={(event) => {
            setLocationId(event.target.value);
          }}
        >
          <option value="">{t("setup.nex.chooseLocation")}</option>
          {nexLocations.map((l) => (
            <option key={l.id} value={l.id}>
              {l.name}
            </option>
          ))}
        </select>
        {errors.locationId && (
          <span id={`${id}-location-error`} className="setup-form__error" data-testid="field-error">
            {errors.locationId}
          </span>
        )}
      </div>
      {locationId !== "" &&
        (types.isError ? (
          <ErrorBanner error={toAppError(types.error)} onRetry={() => void types.refetch()} />
        ) : !types.data ? (
          <p className="muted">{t("app.loading")}</p>
        ) : types.data.length === 0 ? (
          <p className="notice">{t("setup.types.none")}</p>
        ) : (
          <table className="data-table" data-testid="types-table" aria-label={t("setup.types.heading")}>
            <thead>
              <tr>
                <th scope="col">{t("setup.types.name")}</th>
                <th scope="col">{t("setup.types.minutes")}</th>
                <th scope="col">{t("setup.types.bookableOnline")}</th>
              </tr>
            </thead>
            <tbody>
              {types.data.map((type) => (
                <tr key={type.id} data-type-id={type.id}>
                  <td>{type.name}</td>
                  <td>{type.minutes ?? ""}</td>
                  <td>{type.bookableOnline ? t("setup.types.yes") : t("setup.types.no")}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ))}
      <h3 id={`${id}-add`}>{t("setup.types.add")}</h3>
      <form className="setup-form" aria-labelledby={`${id}-add`} onSubmit={create} noValidate data-testid="types-form">
        <div className="setup-form__row">
          <Field id={`${id}-name`} name="name" label={t("setup.types.name")} value={name} onValue={setName} error={errors.name} />
          <Field
            id={`${id}-minutes`}
            name="minutes"
            label={t("setup.types.minutes")}
            inputMode="numeric"
            value={minutes}
            onValue={setMinutes}
            error={errors.minutes}
          />
          <Check id={`${id}-online`} label={t("setup.types.bookableOnline")} checked={online} onChecked={setOnline} />
        </div>
        {banner && <ErrorBanner error={banner} />}
        <div>
          <button type="submit" className="button button--primary" disabled={busy} data-testid="types-create">
            {busy ? t("setup.busy") : t("setup.types.create")}
          </button>
        </div>
      </form>
      <p role="status" className="setup-result" data-testid="types-result">
        {message}
      </p>
    </section>
  );
}
