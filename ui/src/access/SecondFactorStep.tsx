// The sign-in's second step for a person whose role needs a second factor: the 6-digit code
// from their authenticator, or one of their recovery codes. Nothing is signed in until it passes
// (the backend holds the right PIN aside), so "Back" simply forgets it.
import { useState } from "react";
import type { SyntheticEvent } from "react";
import { cancelSecondFactor, verifySecondFactor } from "../api/backend";
import type { AppError, SessionStatus, SignInOutcome } from "../api/backend";
import { toAppError } from "../api/errors";
import { ErrorBanner } from "../errors/ErrorBanner";
import { useT } from "../i18n/context";

type Refusal = Extract<SignInOutcome, { outcome: "refused" | "throttled" }>;

export interface SecondFactorStepProps {
  onSignedIn: (status: SessionStatus) => void;
  /** Back to the PIN form (also when the held PIN expired: the backend answers `locked`). */
  onCancel: () => void;
}

export function SecondFactorStep({ onSignedIn, onCancel }: SecondFactorStepProps) {
  const t = useT();
  const [code, setCode] = useState("");
  const [busy, setBusy] = useState(false);
  const [refusal, setRefusal] = useState<Refusal | null>(null);
  const [failure, setFailure] = useState<AppError | null>(null);

  const submit = async (event: SyntheticEvent) => {
    event.preventDefault();
    setBusy(true);
    setFailure(null);
    try {
      const outcome = await verifySecondFactor(code);
      setCode("");
      if (outcome.outcome === "signedIn") onSignedIn(outcome.status);
      else if (outcome.outcome === "refused" || outcome.outcome === "throttled") setRefusal(outcome);
    } catch (error) {
      const appError = toAppError(error);
      if (appError.kind === "locked") onCancel();
      else setFailure(appError);
    } finally {
      setBusy(false);
    }
  };

  const back = () => {
    void cancelSecondFactor().catch(() => undefined);
    onCancel();
  };

  return (
    <main className="access-screen" data-testid="second-factor-screen">
      <form
        className="access-card"
        aria-labelledby="factor-title"
        onSubmit={(event) => {
          void submit(event);
        }}
      >
        <p className="access-card__brand">Frontdesk</p>
        <h1 id="factor-title">{t("access.factor.title")}</h1>
        <p>{t("access.factor.intro")}</p>
        <label className="access-field">
          <span>{t("access.factor.code")}</span>
          <input
            data-testid="second-factor-code"
            autoComplete="one-time-code"
            inputMode="text"
            autoCapitalize="characters"
            spellCheck={false}
            value={code}
            onChange={(event) => {
              setCode(event.target.value);
            }}
            required
            autoFocus
          />
        </label>
        <p className="muted">{t("access.factor.recoveryHint")}</p>
        {refusal && (
          <p role="alert" className="access-error" data-testid="second-factor-error">
            {refusal.outcome === "throttled"
              ? t("access.throttled", { secs: refusal.retryAfterSecs })
              : refusal.retryAfterSecs > 0
                ? t("access.factor.refusedWait", { secs: refusal.retryAfterSecs })
                : t("access.factor.refused")}
          </p>
        )}
        {failure && <ErrorBanner error={failure} />}
        <button type="submit" className="button button--primary" data-testid="second-factor-submit" disabled={busy}>
          {t("access.factor.submit")}
        </button>
        <button type="button" className="button button--link" onClick={back}>
          {t("access.factor.cancel")}
        </button>
      </form>
    </main>
  );
}
