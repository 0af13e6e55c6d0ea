// "Call me back": a CXone callback for the patient at a time and for a reason. When CXone is
// down it waits in the desk's outbox and is sent once when CXone is back, and the dialog says
// so rather than failing: the patient at the counter has been promised a call either way.
import { useId, useState } from "react";
import type { AppError, Callback } from "../api/backend";
import { scheduleCallback } from "../api/backend";
import { toAppError } from "../api/errors";
import { useInvalidateSchedules, useVendorStatuses } from "../api/queries";
import { ErrorBanner } from "../errors/ErrorBanner";
import { useI18n } from "../i18n/context";
import { formatDateTime } from "../i18n/format";
import { Dialog } from "./Dialog";

export interface CallbackDialogProps {
  patientId: string;
  patientName: string;
  onClose: () => void;
  now?: Date;
}

/** An hour from now on the quarter hour, as a datetime-local value (this computer's clock). */
export function defaultCallbackTime(now: Date): string {
  const at = new Date(now.getTime() + 60 * 60 * 1000);
  at.setMinutes(Math.ceil(at.getMinutes() / 15) * 15, 0, 0);
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${at.getFullYear()}-${pad(at.getMonth() + 1)}-${pad(at.getDate())}T${pad(at.getHours())}:${pad(at.getMinutes())}`;
}

export function CallbackDialog({ patientId, patientName, onClose, now = new Date() }: CallbackDialogProps) {
  const { t, locale } = useI18n();
  const id = useId();
  const [at, setAt] = useState(() => defaultCallbackTime(now));
  const [reason, setReason] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<AppError | null>(null);
  const [done, setDone] = useState<Callback | null>(null);
  const invalidate = useInvalidateSchedules();
  const statuses = useVendorStatuses();
  const cxoneDown = statuses.data?.some((s) => s.vendor === "cxone" && s.state === "offline") ?? false;

  const when = new Date(at);
  const valid = reason.trim() !== "" && !Number.isNaN(when.getTime());
  const submit = async () => {
    setBusy(true);
    setError(null);
    try {
      setDone(await scheduleCallback(patientId, when.toISOString(), reason.trim()));
      invalidate();
    } catch (e) {
      setError(toAppError(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Dialog title={t("callback.title", { name: patientName })} onClose={onClose} testId="callback-dialog">
      {!done && (
        <form
          className="booking-fields"
          onSubmit={(e) => {
            e.preventDefault();
            if (valid) void submit();
          }}
        >
          <span className="slot-finder__field">
            <label htmlFor={`${id}-at`}>{t("callback.when")}</label>
            <input
              id={`${id}-at`}
              type="datetime-local"
              required
              data-testid="callback-at"
              value={at}
              onChange={(e) => {
                setAt(e.target.value);
              }}
            />
          </span>
          <span className="slot-finder__field">
            <label htmlFor={`${id}-reason`}>{t("callback.reason")}</label>
            <input
              id={`${id}-reason`}
              required
              data-testid="callback-reason"
              value={reason}
              onChange={(e) => {
                setReason(e.target.value);
              }}
            />
          </span>
          <p className="muted">{t("callback.phiNote")}</p>
          <div className="slot-finder__actions">
            <button type="submit" className="button button--primary" data-testid="callback-submit" disabled={!valid || busy}>
              {busy ? t("callback.sending") : t("callback.schedule")}
            </button>
            <button type="button" className="button" onClick={onClose}>
              {t("dialog.cancel")}
            </button>
          </div>
        </form>
      )}
      {error && <ErrorBanner error={error} />}
      {done && (
        <>
          <p role="status" data-testid="callback-status" data-state={done.state.state}>
            {done.state.state === "queued" && (
              <span className="status-badge status-badge--pending">
                <span aria-hidden="true">◷ </span>
                {cxoneDown
                  ? t("callback.queuedOffline", { time: formatDateTime(done.at, locale) })
                  : t("callback.queuedSending", { time: formatDateTime(done.at, locale) })}
              </span>
            )}
            {done.state.state === "sent" && (
              <span className="status-badge status-badge--ok">{t("callback.scheduled", { time: formatDateTime(done.at, locale) })}</span>
            )}
            {done.state.state === "failed" && (
              <span className="status-badge status-badge--danger">{t("callback.failed", { reason: done.state.reason })}</span>
            )}
          </p>
          <div className="slot-finder__actions">
            <button type="button" className="button" data-testid="callback-close" onClick={onClose}>
              {t("dialog.close")}
            </button>
          </div>
        </>
      )}
    </Dialog>
  );
}
