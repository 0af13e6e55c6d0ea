// The practice's name and time zone: the first thing a new desk saves (it creates the config
// file), and what the header and the day boundaries use.
import { useId, useState } from "react";
import type { SyntheticEvent } from "react";
import { useQueryClient } from "@tanstack/react-query";
import { savePracticeSettings } from "../api/backend";
import type { AppError, PracticeSettings } from "../api/backend";
import { toAppError } from "../api/errors";
import { ErrorBanner } from "../errors/ErrorBanner";
import { useT } from "../i18n/context";
import { splitError } from "./fieldErrors";
import type { FieldErrors } from "./fieldErrors";

export function PracticeSettingsForm({ practice }: { practice: PracticeSettings }) {
  const t = useT();
  const client = useQueryClient();
  const id = useId();
  const [name, setName] = useState(practice.name);
  const [timezone, setTimezone] = useState(practice.timezone);
  const [busy, setBusy] = useState(false);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [banner, setBanner] = useState<AppError | null>(null);
  const [saved, setSaved] = useState(false);

  const save = (event: SyntheticEvent) => {
    event.preventDefault();
    setBusy(true);
    setErrors({});
    setBanner(null);
    setSaved(false);
    savePracticeSettings({ name, timezone })
      .then(async () => {
        setSaved(true);
        await client.invalidateQueries();
      })
      .catch((failure: unknown) => {
        const split = splitError(toAppError(failure), ["name", "timezone"]);
        setErrors(split.fields);
        setBanner(split.banner);
      })
      .finally(() => {
        setBusy(false);
      });
  };

  const field = (key: "name" | "timezone", label: string, value: string, set: (v: string) => void, hint?: string) => (
    <div className="vendor-form__field">
      <label htmlFor={`${id}-${key}`}>{label}</label>
      <input
        id={`${id}-${key}`}
        name={key}
        type="text"
        value={value}
        autoComplete="off"
        aria-invalid={errors[key] ? true : undefined}
        aria-describedby={
          [errors[key] ? `${id}-${key}-error` : "", hint ? `${id}-${key}-hint` : ""].filter(Boolean).join(" ") ||
          undefined
        }
        onChange={(event) => {
          set(event.target.value);
        }}
      />
      {hint && (
        <span id={`${id}-${key}-hint`} className="vendor-form__hint">
          {hint}
        </span>
      )}
      {errors[key] && (
        <span id={`${id}-${key}-error`} className="vendor-form__error" data-testid="field-error">
          {errors[key]}
        </span>
      )}
    </div>
  );

  return (
    <form className="vendor-form" onSubmit={save} aria-label={t("connections.practiceTitle")} noValidate>
      <div className="vendor-form__fields">
        {field("name", t("connections.practiceName"), name, setName)}
        {field("timezone", t("connections.timezone"), timezone, setTimezone, t("connections.timezoneHint"))}
      </div>
      <p className="vendor-form__actions">
        <button type="submit" disabled={busy} data-testid="save-practice">
          {busy ? t("connections.saving") : t("connections.save")}
        </button>
      </p>
      <div aria-live="polite">
        {saved && <p role="status">{t("connections.saved")}</p>}
        {banner && <ErrorBanner error={banner} />}
      </div>
    </form>
  );
}
