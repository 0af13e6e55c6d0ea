// Cancelling an appointment at its vendor: WellHive asks for one of its own reasons (and then
// settles the cancellation asynchronously); NexHealth and Zoom need none. The board and card
// re-read once the vendor has answered.
import { useState } from "react";
import { useQuery } from "@tanstack/react-query";
import type { AppError, Appointment } from "../api/backend";
import { cancelAppointment, getCancelReasons } from "../api/backend";
import { toAppError } from "../api/errors";
import { useInvalidateSchedules } from "../api/queries";
import { VENDOR_NAMES } from "../api/vendors";
import { ErrorBanner } from "../errors/ErrorBanner";
import { useI18n } from "../i18n/context";
import { StatusBadge } from "../schedule/StatusBadge";
import { formatZonedDateTime } from "../time/zoned";
import { Dialog } from "./Dialog";

export interface CancelDialogProps {
  appointment: Appointment;
  /** Who and with whom, as the opener already names them. */
  description: string;
  zone: string | undefined;
  onClose: () => void;
}

export function CancelDialog({ appointment, description, zone, onClose }: CancelDialogProps) {
  const { t, locale } = useI18n();
  const needsReason = appointment.vendor === "wellhive";
  const reasons = useQuery({
    queryKey: ["cancelReasons", appointment.id],
    queryFn: () => getCancelReasons(appointment.id),
    enabled: needsReason,
  });
  const [reason, setReason] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<AppError | null>(null);
  const [done, setDone] = useState<Appointment | null>(null);
  const invalidate = useInvalidateSchedules();

  const cancel = async () => {
    setBusy(true);
    setError(null);
    try {
      setDone(await cancelAppointment(appointment.id, reason || null));
      invalidate();
    } catch (e) {
      setError(toAppError(e));
    } finally {
      setBusy(false);
    }
  };

  const vendor = VENDOR_NAMES[appointment.vendor];
  return (
    <Dialog title={t("cancel.title")} onClose={onClose} testId="cancel-dialog">
      <p>
        {t("cancel.what", { when: formatZonedDateTime(appointment.start, zone, locale), who: description, vendor })}
      </p>
      {needsReason && !done && (
        <p>
          <label htmlFor="cancel-reason">{t("cancel.reason")}</label>{" "}
          <select
            id="cancel-reason"
            data-testid="cancel-reason"
            value={reason}
            required
            onChange={(e) => {
              setReason(e.target.value);
            }}
          >
            <option value="">{reasons.isPending ? t("app.loading") : t("cancel.chooseReason")}</option>
            {(reasons.data ?? []).map((r) => (
              <option key={r.id} value={r.id}>
                {r.name ?? r.id}
              </option>
            ))}
          </select>
        </p>
      )}
      {reasons.isError && <ErrorBanner error={toAppError(reasons.error)} onRetry={() => void reasons.refetch()} />}
      {error && <ErrorBanner error={error} />}
      {done && (
        <p role="status" data-testid="cancel-status" data-state={done.status.state}>
          <StatusBadge status={done.status} />{" "}
          {done.status.state === "cancelled" ? t("cancel.done") : t("cancel.waiting", { vendor })}
        </p>
      )}
      <div className="slot-finder__actions">
        {!done && (
          <button
            type="button"
            className="button button--danger"
            data-testid="cancel-confirm"
            disabled={busy || (needsReason && reason === "")}
            onClick={() => void cancel()}
          >
            {busy ? t("cancel.cancelling") : t("cancel.confirm")}
          </button>
        )}
        <button type="button" className="button" data-testid="cancel-close" onClick={onClose}>
          {done ? t("dialog.close") : t("cancel.keep")}
        </button>
      </div>
    </Dialog>
  );
}
