// Signing in, and unlocking a locked desk. Locked, the screen names whose session it is and asks
// only for their PIN; "Someone else" turns it into the plain sign-in (a user switch in one step).
// It shows no patient data: the desk behind it is unmounted, not covered.
import { useState } from "react";
import type { SyntheticEvent } from "react";
import { signIn } from "../api/backend";
import type { SessionStatus, SignInOutcome } from "../api/backend";
import { toAppError } from "../api/errors";
import { ErrorBanner } from "../errors/ErrorBanner";
import { useT } from "../i18n/context";
import type { AppError } from "../api/backend";
import { RoleName } from "./RoleName";
import { takeSwitchRequest } from "./session";
import { SecondFactorStep } from "./SecondFactorStep";
import { EnrolmentScreen } from "./EnrolmentScreen";
import type { EnrolmentView } from "../api/backend";
import { loadShell } from "../shell/loadShell";

/** What a right PIN still owes when the person's role needs a second factor. */
type Owed = { kind: "code" } | { kind: "enrolment"; enrolment: EnrolmentView };

export interface SignInScreenProps {
  status: SessionStatus;
  onSignedIn: (status: SessionStatus) => void;
}

export function SignInScreen({ status, onSignedIn }: SignInScreenProps) {
  const t = useT();
  const lockedUser = status.phase === "locked" ? status.user : null;
  const [someoneElse, setSomeoneElse] = useState(takeSwitchRequest);
  const unlocking = lockedUser !== null && !someoneElse;
  const [username, setUsername] = useState("");
  const [credential, setCredential] = useState("");
  const [busy, setBusy] = useState(false);
  const [refusal, setRefusal] = useState<Extract<SignInOutcome, { outcome: "refused" | "throttled" }> | null>(null);
  const [owed, setOwed] = useState<Owed | null>(null);
  const [failure, setFailure] = useState<AppError | null>(null);

  const submit = async (event: SyntheticEvent) => {
    event.preventDefault();
    setBusy(true);
    setFailure(null);
    // The desk's code loads while the backend checks the PIN (Argon2id takes a moment by design).
    void loadShell().catch(() => undefined);
    try {
      const who = unlocking ? lockedUser.username : username;
      const outcome = await signIn(who, credential);
      setCredential("");
      if (outcome.outcome === "signedIn") {
        setRefusal(null);
        onSignedIn(outcome.status);
      } else if (outcome.outcome === "needsSecondFactor") {
        setRefusal(null);
        setOwed({ kind: "code" });
      } else if (outcome.outcome === "needsEnrolment") {
        setRefusal(null);
        setOwed({ kind: "enrolment", enrolment: outcome.enrolment });
      } else {
        setRefusal(outcome);
      }
    } catch (error) {
      setFailure(toAppError(error));
    } finally {
      setBusy(false);
    }
  };

  const back = () => {
    setOwed(null);
  };
  if (owed?.kind === "code") return <SecondFactorStep onSignedIn={onSignedIn} onCancel={back} />;
  if (owed?.kind === "enrolment") {
    return <EnrolmentScreen enrolment={owed.enrolment} onSignedIn={onSignedIn} onCancel={back} />;
  }

  const title = unlocking ? t("access.locked.title") : t("access.signIn.title");
  return (
    <main className="access-screen" data-testid={unlocking ? "lock-screen" : "sign-in-screen"}>
      <form className="access-card" onSubmit={(event) => {
          void submit(event);
        }} aria-labelledby="access-title">
        <p className="access-card__brand">Frontdesk</p>
        <h1 id="access-title">{title}</h1>
        {unlocking && (
          <p data-testid="locked-user">{t("access.locked.who", { name: lockedUser.displayName })}</p>
        )}
        {!unlocking && (
          <label className="access-field">
            <span>{t("access.username")}</span>
            <input
              data-testid="sign-in-username"
              autoComplete="username"
              autoCapitalize="none"
              spellCheck={false}
              value={username}
              onChange={(event) => {
              setUsername(event.target.value);
            }}
              required
              autoFocus
            />
          </label>
        )}
        <label className="access-field">
          <span>{t("access.credential")}</span>
          <input
            data-testid="sign-in-credential"
            type="password"
            autoComplete="current-password"
            value={credential}
            onChange={(event) => {
              setCredential(event.target.value);
            }}
            required
            autoFocus={unlocking}
          />
        </label>
        {refusal && (
          <p role="alert" className="access-error" data-testid="sign-in-error">
            {refusal.outcome === "throttled"
              ? t("access.throttled", { secs: refusal.retryAfterSecs })
              : refusal.retryAfterSecs > 0
                ? t("access.refusedWait", { secs: refusal.retryAfterSecs })
                : t("access.refused")}
          </p>
        )}
        {failure && <ErrorBanner error={failure} />}
        <button type="submit" className="button button--primary" data-testid="sign-in-submit" disabled={busy}>
          {unlocking ? t("access.unlock") : t("access.signIn")}
        </button>
        {lockedUser && (
          <button
            type="button"
            className="button button--link"
            data-testid="someone-else"
            onClick={() => {
              setSomeoneElse(!someoneElse);
              setRefusal(null);
              setCredential("");
            }}
          >
            {someoneElse ? t("access.backToUnlock", { name: lockedUser.displayName }) : t("access.someoneElse")}
          </button>
        )}
      </form>
      {status.demoAccounts.length > 0 && !unlocking && (
        <section className="access-card access-demo" aria-labelledby="demo-accounts">
          <h2 id="demo-accounts">{t("access.demo.title")}</h2>
          <p>{t("access.demo.hint")}</p>
          <ul>
            {status.demoAccounts.map((account) => (
              <li key={account.username}>
                <button
                  type="button"
                  className="button"
                  data-testid="demo-account"
                  data-username={account.username}
                  onClick={() => {
                    setUsername(account.username);
                    setCredential(account.pin);
                  }}
                >
                  {account.displayName}
                </button>{" "}
                <span className="muted">
                  <RoleName role={account.role} /> · {t("access.demo.pin", { username: account.username, pin: account.pin })}
                </span>
              </li>
            ))}
          </ul>
        </section>
      )}
    </main>
  );
}
