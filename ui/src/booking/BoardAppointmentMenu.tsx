// The day board's way to act on one appointment without opening the card: a small button at the
// block's corner (the block itself opens the card) that opens a dialog with Reschedule, Cancel
// and "Call me back". The button is a sibling of the block (a button may not hold a button);
// the dialogs are hosted once per board, so a block that changes or leaves the board when the
// vendor answers does not take the dialog saying so with it.
import { useState } from "react";
import type { CSSProperties } from "react";
import type { Appointment } from "../api/backend";
import { useT } from "../i18n/context";
import { rescheduleHref } from "./actions";
import { CallbackDialog } from "./CallbackDialog";
import { CancelDialog } from "./CancelDialog";
import { Dialog } from "./Dialog";
import "./booking.css";

/** The appointment a board's actions are open for, with the words the dialogs name it by. */
export interface BoardActionTarget {
  appointment: Appointment;
  /** The block's accessible name, so the menu says which appointment it acts on. */
  description: string;
  patientName: string | null;
  zone: string;
}

export function BoardActionsButton({
  target,
  style,
  onOpen,
}: {
  target: BoardActionTarget;
  style: CSSProperties;
  onOpen: (target: BoardActionTarget) => void;
}) {
  const t = useT();
  return (
    <button
      type="button"
      className="board-actions"
      style={style}
      data-testid="appointment-actions"
      data-appointment-id={target.appointment.id}
      aria-haspopup="dialog"
      aria-label={t("actions.menu", { what: target.description })}
      onClick={() => {
        onOpen(target);
      }}
    >
      <span aria-hidden="true">⋯</span>
    </button>
  );
}

type Step = "menu" | "cancel" | "callback";

/** The menu and the dialog it leads to, for the one appointment the board has them open for. */
export function BoardActionsHost({ target, onClose }: { target: BoardActionTarget | null; onClose: () => void }) {
  if (!target) return null;
  // Keyed by appointment, so opening another block's actions starts at its menu.
  return <BoardActions key={target.appointment.id} target={target} onClose={onClose} />;
}

function BoardActions({ target, onClose }: { target: BoardActionTarget; onClose: () => void }) {
  const t = useT();
  const [step, setStep] = useState<Step>("menu");
  const { appointment, description, patientName, zone } = target;
  if (step === "cancel") return <CancelDialog appointment={appointment} description={description} zone={zone} onClose={onClose} />;
  if (step === "callback" && appointment.patientId) {
    return <CallbackDialog patientId={appointment.patientId} patientName={patientName ?? description} onClose={onClose} />;
  }
  return (
    <Dialog title={t("actions.menu", { what: description })} onClose={onClose} testId="appointment-menu">
      <div className="slot-finder__actions">
        {appointment.patientId && (
          <a className="button" href={rescheduleHref(appointment)} data-testid="reschedule-appointment" onClick={onClose}>
            {t("actions.reschedule")}
          </a>
        )}
        <button
          type="button"
          className="button button--danger"
          data-testid="cancel-appointment"
          onClick={() => {
            setStep("cancel");
          }}
        >
          {t("actions.cancel")}
        </button>
        {appointment.patientId && (
          <button
            type="button"
            className="button"
            data-testid="call-me-back"
            onClick={() => {
              setStep("callback");
            }}
          >
            {t("actions.callMeBack")}
          </button>
        )}
        <button type="button" className="button" onClick={onClose}>
          {t("dialog.close")}
        </button>
      </div>
    </Dialog>
  );
}
