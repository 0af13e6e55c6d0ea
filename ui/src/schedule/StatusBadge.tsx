// An appointment's status as a small coloured label with its words: the same everywhere the
// desk shows an appointment (board, My day, card, print).
import type { AppointmentStatus } from "../api/backend";
import { useT } from "../i18n/context";
import { statusText, statusTone } from "./status";

export function StatusBadge({ status }: { status: AppointmentStatus }) {
  const t = useT();
  return (
    <span className={`status-badge status-badge--${statusTone(status)}`} data-status={status.state}>
      {statusText(status, t)}
    </span>
  );
}
