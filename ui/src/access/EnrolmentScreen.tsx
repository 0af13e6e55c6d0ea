// Setting up the second factor, for a person whose role needs one and who has none yet: the QR
// code (drawn by the backend, shown from memory, never fetched), the key to type by hand, the
// first code that makes it active, then the ten recovery codes shown this once, with "I saved
// them" before the desk opens.
import { useState } from "react";
import type { SyntheticEvent } from "react";
import { cancelSecondFactor, confirmSecondFactor } from "../api/backend";
import type { AppError, EnrolmentView, SessionStatus } from "../api/backend";
import { toAppError } from "../api/errors";
import { ErrorBanner } from "../errors/ErrorBanner";
import { useT } from "../i18n/context";

export interface EnrolmentScreenProps {
  enrolment: EnrolmentView;
  onSignedIn: (status: SessionStatus) => void;
  onCancel: () => void;
}

/** The key in groups of four, as authenticator apps show and accept it. */
function grouped(secret: string): string {
  return secret.replace(/(.{4})/g, "$1 ").trim();
}

export function EnrolmentScreen({ enrolment, onSignedIn, onCancel }: EnrolmentScreenProps) {
  const t = useT();
  const [code, setCode] = useState("");
  const [busy, setBusy] = useState(false);
  const [refusedWait, setRefusedWait] = useState<number | null>(null);
  const [failure, setFailure] = useState<AppError | null>(null);
  const [done, setDone] = useState<{ codes: string[]; status: SessionStatus } | null>(null);
  const [saved, setSaved] = useState(false);

  const submit = async (event: SyntheticEvent) => {
    event.preventDefault();
    setBusy(true);
    setFailure(null);
    try {
      const outcome = await confirmSecondFactor(code);
      setCode("");
      if (outcome.outcome === "enrolled") setDone({ codes: outcome.recoveryCodes, status: outcome.status });
      else setRefusedWait(outcome.retryAfterSecs);
    } catch (error) {
      const appError = toAppError(error);
      if (appError.kind === "locked") onCancel();
      else setFailure(appError);
    } finally {
      setBusy(false);
    }
  };

  if (done) {
    return (
      <main className="access-screen" data-testid="recovery-codes-screen">
        <section className="access-card" aria-labelledby="codes-title">
          <p className="access-card__brand">Frontdesk</p>
          <h1 id="codes-title">{t("access.enrol.codesTitle")}</h1>
          <p>{t("access.enrol.codesIntro")}</p>
          <ol className="access-codes" data-testid="recovery-codes">
            {done.codes.map((recovery) => (
              <li key={recovery}>
                <code>{recovery}</code>
              </li>
            ))}
          </ol>
          <label className="access-check">
            <input
              type="checkbox"
              data-testid="recovery-codes-saved"
              checked={saved}
              onChange={(event) => {
                setSaved(event.target.checked);
              }}
            />{" "}
            {t("access.enrol.saved")}
          </label>
          <button
            type="button"
            className="button button--primary"
            data-testid="recovery-codes-continue"
            disabled={!saved}
            onClick={() => {
              onSignedIn(done.status);
            }}
          >
            {t("access.enrol.continue")}
          </button>
        </section>
      </main>
    );
  }

  const qr = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(enrolment.qrSvg)}`;
  return (
    <main className="access-screen" data-testid="enrolment-screen">
      <form
        className="access-card"
        aria-labelledby="enrol-title"
        onSubmit={(event) => {
          void submit(event);
        }}
      >
        <p className="access-card__brand">Frontdesk</p>
        <h1 id="enrol-title">{t("access.enrol.title")}</h1>
        <p>{t("access.enrol.intro")}</p>
        <p>{t("access.enrol.scan")}</p>
        <img className="access-qr" src={qr} alt={t("access.enrol.qrAlt")} width={200} height={200} data-testid="enrolment-qr" />
        <p className="muted">{t("access.enrol.manual")}</p>
        <p>
          <code data-testid="enrolment-key">{grouped(enrolment.secret)}</code>
        </p>
        <label className="access-field">
          <span>{t("access.enrol.confirm")}</span>
          <input
            data-testid="enrolment-code"
            autoComplete="one-time-code"
            inputMode="numeric"
            spellCheck={false}
            value={code}
            onChange={(event) => {
              setCode(event.target.value);
            }}
            required
          />
        </label>
        {refusedWait !== null && (
          <p role="alert" className="access-error" data-testid="enrolment-error">
            {refusedWait > 0 ? t("access.factor.refusedWait", { secs: refusedWait }) : t("access.factor.refused")}
          </p>
        )}
        {failure && <ErrorBanner error={failure} />}
        <button type="submit" className="button button--primary" data-testid="enrolment-submit" disabled={busy}>
          {t("access.enrol.submit")}
        </button>
        <button
          type="button"
          className="button button--link"
          onClick={() => {
            void cancelSecondFactor().catch(() => undefined);
            onCancel();
          }}
        >
          {t("access.factor.cancel")}
        </button>
      </form>
    </main>
  );
}
