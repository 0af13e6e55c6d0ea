// First run: the desk has no staff, so the person installing it creates the practice admin,
// who then adds everyone else under Staff.
import { useState } from "react";
import type { SyntheticEvent } from "react";
import { createFirstAdmin } from "../api/backend";
import type { AppError, SessionStatus } from "../api/backend";
import { toAppError } from "../api/errors";
import { ErrorBanner } from "../errors/ErrorBanner";
import { useT } from "../i18n/context";

export function FirstRunScreen({ onDone }: { onDone: (status: SessionStatus) => void }) {
  const t = useT();
  const [username, setUsername] = useState("");
  const [displayName, setDisplayName] = useState("");
  const [credential, setCredential] = useState("");
  const [confirm, setConfirm] = useState("");
  const [mismatch, setMismatch] = useState(false);
  const [failure, setFailure] = useState<AppError | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: SyntheticEvent) => {
    event.preventDefault();
    setMismatch(credential !== confirm);
    if (credential !== confirm) return;
    setBusy(true);
    setFailure(null);
    try {
      onDone(await createFirstAdmin({ username, displayName, role: "admin", credential }));
    } catch (error) {
      setFailure(toAppError(error));
    } finally {
      setBusy(false);
    }
  };

  return (
    <main className="access-screen" data-testid="first-run-screen">
      <form className="access-card" onSubmit={(event) => {
          void submit(event);
        }} aria-labelledby="first-run-title">
        <p className="access-card__brand">Frontdesk</p>
        <h1 id="first-run-title">{t("access.firstRun.title")}</h1>
        <p>{t("access.firstRun.intro")}</p>
        <label className="access-field">
          <span>{t("access.displayName")}</span>
          <input data-testid="first-run-name" value={displayName} onChange={(e) => {
              setDisplayName(e.target.value);
            }} required autoFocus />
        </label>
        <label className="access-field">
          <span>{t("access.username")}</span>
          <input
            data-testid="first-run-username"
            autoComplete="username"
            autoCapitalize="none"
            spellCheck={false}
            value={username}
            onChange={(e) => {
              setUsername(e.target.value);
            }}
            required
          />
        </label>
        <label className="access-field">
          <span>{t("access.newCredential")}</span>
          <input
            data-testid="first-run-credential"
            type="password"
            autoComplete="new-password"
            value={credential}
            onChange={(e) => {
              setCredential(e.target.value);
            }}
            required
          />
        </label>
        <label className="access-field">
          <span>{t("access.confirmCredential")}</span>
          <input
            data-testid="first-run-confirm"
            type="password"
            autoComplete="new-password"
            value={confirm}
            onChange={(e) => {
              setConfirm(e.target.value);
            }}
            required
          />
        </label>
        <p className="muted">{t("access.credentialRule")}</p>
        {mismatch && (
          <p role="alert" className="access-error">
            {t("access.mismatch")}
          </p>
        )}
        {failure && <ErrorBanner error={failure} />}
        <button type="submit" className="button button--primary" data-testid="first-run-submit" disabled={busy}>
          {t("access.firstRun.submit")}
        </button>
      </form>
    </main>
  );
}
