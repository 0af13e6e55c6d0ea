// One vendor's connection settings: its ids and URLs, API generation and rate share, the secret
// (write-only: the form says whether one is stored, never what it is), "Test connection" with
// the vendor's own answer in words, Save, and for Nextech the browser sign-in.
import { useId, useRef, useState } from "react";
import type { SyntheticEvent } from "react";
import { useQueryClient } from "@tanstack/react-query";
import { saveVendorSettings, signInNextech, testVendorConnection } from "../api/backend";
import type { AppError, ConnectionCheck, VendorSettings, VendorUpdate } from "../api/backend";
import { toAppError } from "../api/errors";
import { VENDOR_NAMES } from "../api/vendors";
import { ErrorBanner } from "../errors/ErrorBanner";
import { useT } from "../i18n/context";
import { describeFailure } from "./describeFailure";
import { FIELD_ORDER, SECRET_LABELS, labelKey } from "./fields";
import { splitError } from "./fieldErrors";
import type { FieldErrors } from "./fieldErrors";

type Busy = "save" | "test" | "signIn" | null;
type Result =
  | { kind: "check"; check: ConnectionCheck }
  | { kind: "saved" }
  | { kind: "signedIn" }
  | { kind: "error"; error: AppError };

export function VendorForm({ settings }: { settings: VendorSettings }) {
  const t = useT();
  const client = useQueryClient();
  const id = useId();
  const { vendor } = settings;
  const name = VENDOR_NAMES[vendor];
  const order = FIELD_ORDER[vendor];
  const [values, setValues] = useState<Record<string, string>>(() =>
    Object.fromEntries(order.map((key) => [key, settings.values[key] ?? ""])),
  );
  const [enabled, setEnabled] = useState(settings.present ? settings.enabled : false);
  const [secret, setSecret] = useState("");
  const [busy, setBusy] = useState<Busy>(null);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [result, setResult] = useState<Result | null>(null);
  const form = useRef<HTMLFormElement>(null);
  const secretLabel = SECRET_LABELS[vendor];
  const fieldNames = [...order, "secret"];

  const update = (): VendorUpdate => ({ vendor, enabled, values, secret: secret.trim() === "" ? null : secret });
  const fieldId = (key: string) => `${id}-${key}`;

  const fail = (failure: unknown) => {
    const split = splitError(toAppError(failure), fieldNames);
    setErrors(split.fields);
    setResult(split.banner ? { kind: "error", error: split.banner } : null);
    const first = Object.keys(split.fields)[0];
    if (first) form.current?.querySelector<HTMLElement>(`#${CSS.escape(fieldId(first))}`)?.focus();
  };

  const run = (kind: Exclude<Busy, null>, work: () => Promise<Result>) => {
    setBusy(kind);
    setErrors({});
    setResult(null);
    work()
      .then(setResult, fail)
      .finally(() => {
        setBusy(null);
      });
  };

  const save = (event: SyntheticEvent) => {
    event.preventDefault();
    run("save", async () => {
      await saveVendorSettings(update());
      setSecret("");
      // The desk reconnected: everything it showed may have changed.
      await client.invalidateQueries();
      return { kind: "saved" };
    });
  };

  const test = () => {
    run("test", async () => ({ kind: "check", check: await testVendorConnection(update()) }));
  };

  const signIn = () => {
    run("signIn", async () => {
      await signInNextech(update());
      await client.invalidateQueries({ queryKey: ["connectionSettings"] });
      await client.invalidateQueries({ queryKey: ["vendorStatuses"] });
      return { kind: "signedIn" };
    });
  };

  const describedBy = (key: string, hint: boolean) =>
    [errors[key] ? `${fieldId(key)}-error` : "", hint ? `${fieldId(key)}-hint` : ""].filter(Boolean).join(" ") ||
    undefined;

  return (
    <form ref={form} className="vendor-form" onSubmit={save} aria-label={name} data-vendor={vendor} noValidate>
      <p className="vendor-form__toggle">
        <input
          id={fieldId("enabled")}
          type="checkbox"
          checked={enabled}
          onChange={(event) => {
            setEnabled(event.target.checked);
          }}
        />{" "}
        <label htmlFor={fieldId("enabled")}>{t("connections.enabled", { vendor: name })}</label>
      </p>
      <div className="vendor-form__fields">
        {order.map((key) => {
          const label = labelKey(key);
          const required = settings.required.includes(key);
          const choices = settings.choices[key];
          const fallback = settings.defaults[key];
          const common = {
            id: fieldId(key),
            name: key,
            value: values[key] ?? "",
            "aria-invalid": errors[key] ? true : undefined,
            "aria-required": required || undefined,
            "aria-describedby": describedBy(key, Boolean(fallback) && !choices),
            "data-field": key,
          };
          const onChange = (value: string) => {
            setValues((old) => ({ ...old, [key]: value }));
          };
          return (
            <div className="vendor-form__field" key={key}>
              <label htmlFor={fieldId(key)}>
                {label ? t(label) : key}
                {required && <span className="vendor-form__required"> {t("connections.required")}</span>}
              </label>
              {choices ? (
                <select
                  {...common}
                  onChange={(event) => {
                    onChange(event.target.value);
                  }}
                >
                  <option value="">{fallback ? t("connections.defaultIs", { value: fallback }) : "—"}</option>
                  {choices.map((choice) => (
                    <option key={choice} value={choice}>
                      {choice}
                    </option>
                  ))}
                </select>
              ) : (
                <input
                  {...common}
                  type="text"
                  spellCheck={false}
                  autoComplete="off"
                  placeholder={fallback}
                  onChange={(event) => {
                    onChange(event.target.value);
                  }}
                />
              )}
              {fallback && !choices && (
                <span id={`${fieldId(key)}-hint`} className="vendor-form__hint">
                  {t("connections.defaultIs", { value: fallback })}
                </span>
              )}
              {errors[key] && (
                <span id={`${fieldId(key)}-error`} className="vendor-form__error" data-testid="field-error">
                  {errors[key]}
                </span>
              )}
            </div>
          );
        })}
        {secretLabel && (
          <div className="vendor-form__field vendor-form__field--secret">
            <label htmlFor={fieldId("secret")}>{t(secretLabel)}</label>
            {vendor === "wellhive" ? (
              <textarea
                id={fieldId("secret")}
                name="secret"
                rows={3}
                spellCheck={false}
                autoComplete="off"
                value={secret}
                aria-invalid={errors.secret ? true : undefined}
                aria-describedby={describedBy("secret", true)}
                data-field="secret"
                onChange={(event) => {
                  setSecret(event.target.value);
                }}
              />
            ) : (
              <input
                id={fieldId("secret")}
                name="secret"
                type="password"
                autoComplete="off"
                value={secret}
                aria-invalid={errors.secret ? true : undefined}
                aria-describedby={describedBy("secret", true)}
                data-field="secret"
                onChange={(event) => {
                  setSecret(event.target.value);
                }}
              />
            )}
            <span
              id={`${fieldId("secret")}-hint`}
              className="vendor-form__hint"
              data-testid="secret-state"
              data-set={settings.secret.set}
            >
              {settings.secret.set
                ? t("connections.secretSet", { name: settings.secret.name })
                : t("connections.secretNotSet", { name: settings.secret.name })}
            </span>
            {errors.secret && (
              <span id={`${fieldId("secret")}-error`} className="vendor-form__error" data-testid="field-error">
                {errors.secret}
              </span>
            )}
          </div>
        )}
      </div>
      {vendor === "nextech" && (
        <p className="vendor-form__signin" data-testid="nextech-sign-in-state" data-set={settings.secret.set}>
          {settings.secret.set ? t("connections.signedIn") : t("connections.notSignedIn")}{" "}
          <button type="button" onClick={signIn} disabled={busy !== null} data-testid="nextech-sign-in">
            {busy === "signIn" ? t("connections.signingIn") : t("connections.signIn")}
          </button>
        </p>
      )}
      <p className="vendor-form__actions">
        <button type="button" onClick={test} disabled={busy !== null} data-testid="test-connection">
          {busy === "test" ? t("connections.testing") : t("connections.test")}
        </button>{" "}
        <button type="submit" disabled={busy !== null} data-testid="save-vendor">
          {busy === "save" ? t("connections.saving") : t("connections.save")}
        </button>
      </p>
      <div aria-live="polite" className="vendor-form__result">
        {result && <ResultView vendor={settings.vendor} result={result} />}
      </div>
    </form>
  );
}

function ResultView({ vendor, result }: { vendor: VendorSettings["vendor"]; result: Result }) {
  const t = useT();
  switch (result.kind) {
    case "saved":
      return (
        <p role="status" data-testid="connection-result" data-outcome="saved">
          {t("connections.saved")}
        </p>
      );
    case "signedIn":
      return (
        <p role="status" data-testid="connection-result" data-outcome="signedIn">
          {t("connections.signInDone")}
        </p>
      );
    case "error":
      return (
        <div data-testid="connection-result" data-outcome="error">
          <ErrorBanner error={result.error} />
        </div>
      );
    case "check": {
      const { check } = result;
      if (check.outcome === "ok") {
        return (
          <p role="status" className="vendor-form__ok" data-testid="connection-result" data-outcome="ok">
            {t("connections.testOk", { vendor: VENDOR_NAMES[vendor], checked: check.checked })}
          </p>
        );
      }
      return (
        <div role="alert" className="vendor-form__refused" data-testid="connection-result" data-outcome="refused">
          {describeFailure(vendor, check.failure, t).map((line) => (
            <p key={line}>{line}</p>
          ))}
        </div>
      );
    }
  }
}
