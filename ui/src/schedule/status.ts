// Every appointment state as words and a tone. The tone picks the colour; the words are always
// shown beside it, so no status is told by colour alone.
import type { AppointmentStatus } from "../api/backend";
import type { PlainKey, Translate } from "../i18n/types";

export type StatusTone = "neutral" | "pending" | "ok" | "active" | "done" | "danger" | "void";

const STATUS: Record<AppointmentStatus["state"], { key: PlainKey; tone: StatusTone }> = {
  scheduled: { key: "status.scheduled", tone: "neutral" },
  pending: { key: "status.pending", tone: "pending" },
  confirmed: { key: "status.confirmed", tone: "ok" },
  waiting: { key: "status.waiting", tone: "active" },
  checkedIn: { key: "status.checkedIn", tone: "active" },
  inProgress: { key: "status.inProgress", tone: "active" },
  completed: { key: "status.completed", tone: "done" },
  noShow: { key: "status.noShow", tone: "danger" },
  cancelled: { key: "status.cancelled", tone: "void" },
  failed: { key: "status.failed", tone: "danger" },
};

export function statusTone(status: AppointmentStatus): StatusTone {
  return STATUS[status.state].tone;
}

export function statusText(status: AppointmentStatus, t: Translate): string {
  if (status.state === "failed") return t("status.failedReason", { reason: status.reason });
  return t(STATUS[status.state].key);
}
