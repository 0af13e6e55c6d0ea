// Providers' hours: pick the provider once, then their telehealth hours at Zoom and, per
// location, their in-person availabilities at NexHealth.
import { useId, useState } from "react";
import { toAppError } from "../api/errors";
import { useLocations, useProviders } from "../api/queries";
import { ErrorBanner } from "../errors/ErrorBanner";
import { useT } from "../i18n/context";
import { NexHours } from "./NexHours";
import { ZoomHours } from "./ZoomHours";

export function AvailabilitySection() {
  const t = useT();
  const id = useId();
  const providers = useProviders();
  const locations = useLocations();
  const [providerId, setProviderId] = useState("");
  const [locationId, setLocationId] = useState("");
  const failure = providers.error ?? locations.error;
  const nexLocations = (locations.data ?? []).filter((l) => l.vendor === "nexhealth");

  return (
    <section aria-labelledby={`${id}-heading`} className="setup-section" data-testid="availability-section">
      <h2 id={`${id}-heading`}>{t("setup.availability.heading")}</h2>
      {failure && <ErrorBanner error={toAppError(failure)} />}
      <div className="setup-form__field">
        <label htmlFor={`${id}-provider`}>{t("setup.availability.provider")}</label>
        <select
          id={`${id}-provider`}
          data-testid="setup-provider"
          value={providerId}
          onChange={(event) => {
            setProviderId(event.target.value);
          }}
        >
          <option value="">{t("setup.availability.chooseProvider")}</option>
          {(providers.data ?? []).map((p) => (
            <option key={p.id} value={p.id}>
              {p.displayName}
            </option>
          ))}
        </select>
      </div>
      <ZoomHours key={`zoom-${providerId}`} providerId={providerId} />

      <h3>{t("setup.nex.heading")}</h3>
      <div className="setup-form__field">
        <label htmlFor={`${id}-location`}>{t("setup.nex.location")}</label>
        <select
          id={`${id}-location`}
          data-testid="setup-location"
          value={locationId}
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
      </div>
      <NexHours key={`nex-${locationId}`} locationId={locationId} providerId={providerId} providers={providers.data ?? []} />
    </section>
  );
}
