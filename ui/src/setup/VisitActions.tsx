// A video visit's actions on the clinician's day: while the patient waits, Admit and a short
// message to them (Zoom's waiting room); at any time, the invitation sent again. Each button
// names its patient for a screen reader, and what happened is announced beside it.
import { useId, useState } from "react";
import type { SyntheticEvent } from "react";
import { useQueryClient } from "@tanstack/react-query";
import { admitWaitingPatient, notifyWaitingPatient, resendInvitation } from "../api/backend";
import type { AppError, Appointment } from "../api/backend";
import { toAppError } from "../api/errors";
import { setupKeys } from "../api/queries";
import { ErrorBanner } from "../errors/ErrorBanner";
import { useT } from "../i18n/context";
import type { Translate } from "../i18n/types";

export interface VisitActionsProps {
  appointment: Appointment;
  /** Who, as the row names them. */
  patient: string;
  /** Whether Zoom says the patient is in the waiting room now. */
  waiting: boolean;
}

function channelWords(channels: readonly string[], t: Translate): string {
  return channels.map((c) => (c === "sms" ? t("myDay.channel.sms") : c === "email" ? t("myDay.channel.email") : c)).join(", ");
}

export function VisitActions({ appointment, patient, waiting }: VisitActionsProps) {
  const t = useT();
  const id = useId();
  const client = useQueryClient();
  const [composing, setComposing] = useState(false);
  const [message, setMessage] = useState("");
  const [said, setSaid] = useState("");
  const [error, setError] = useState<AppError | null>(null);
  const [busy, setBusy] = useState(false);
  const over = appointment.status.state === "completed" || appointment.status.state === "cancelled";
  if (appointment.vendor !== "zoom" || appointment.visit.mode !== "telehealth" || over) return null;

  const run = (work: () => Promise<string>) => {
    setBusy(true);
    setError(null);
    setSaid("");
    work()
      .then((done) => {
        setSaid(done);
      })
      .catch((failure: unknown) => {
        setError(toAppError(failure));
      })
      .finally(() => {
        setBusy(false);
        void client.invalidateQueries({ queryKey: setupKeys.waitingRoom });
        void client.invalidateQueries({ queryKey: ["providerDay"] });
      });
  };

  const send = (event: SyntheticEvent) => {
    event.preventDefault();
    if (message.trim() === "") return;
    run(async () => {
      await notifyWaitingPatient(appointment.id, message.trim());
      setComposing(false);
      setMessage("");
      return t("myDay.notified");
    });
  };

  return (
    <span className="visit-actions" data-testid="visit-actions">
      {waiting && (
        <>
          {" "}
          <button
            type="button"
            className="button button--primary"
            data-testid="admit-button"
            disabled={busy}
            aria-label={t("myDay.admitWith", { patient })}
            onClick={() => {
              run(async () => {
                await admitWaitingPatient(appointment.id);
                return t("myDay.admitted");
              });
            }}
          >
            {t("myDay.admit")}
          </button>{" "}
          <button
            type="button"
            className="button"
            data-testid="notify-button"
            aria-expanded={composing}
            aria-controls={`${id}-notify`}
            aria-label={t("myDay.notifyWith", { patient })}
            onClick={() => {
              setComposing((c) => !c);
            }}
          >
            {t("myDay.notify")}
          </button>
        </>
      )}{" "}
      <button
        type="button"
        className="button"
        data-testid="resend-invitation"
        disabled={busy}
        aria-label={t("myDay.resendWith", { patient })}
        onClick={() => {
          run(async () => {
            const sent = await resendInvitation(appointment.id);
            return t("myDay.resent", { channels: channelWords(sent.channels, t) });
          });
        }}
      >
        {t("myDay.resend")}
      </button>
      {waiting && composing && (
        <form id={`${id}-notify`} className="visit-actions__notify" onSubmit={send} data-testid="notify-form">
          <label htmlFor={`${id}-message`}>{t("myDay.notifyMessage", { patient })}</label>{" "}
          <input
            id={`${id}-message`}
            type="text"
            maxLength={500}
            value={message}
            autoComplete="off"
            onChange={(event) => {
              setMessage(event.target.value);
            }}
          />{" "}
          <button type="submit" className="button button--primary" disabled={busy || message.trim() === ""}>
            {t("myDay.notifySend")}
          </button>{" "}
          <button
            type="button"
            className="button"
            onClick={() => {
              setComposing(false);
            }}
          >
            {t("myDay.notifyCancel")}
          </button>
        </form>
      )}
      <span role="status" className="visit-actions__said" data-testid="visit-action-result">
        {said}
      </span>
      {error && <ErrorBanner error={error} />}
    </span>
  );
}
