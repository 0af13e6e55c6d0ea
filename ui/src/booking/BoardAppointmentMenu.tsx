// The day board's way to act on one appointment without opening the card: a small button at the
// block's corner (the block itself opens the card) that opens a dialog with Reschedule, Cancel
// and "Call me back". A sibling of the block, not inside it: a button may not hold a button.
import { useState } from "react";
import type { CSSProperties } from "react";
import type { Appointment } from "../api/backend";
import { useT } from "../i18n/context";
import { rescheduleHref } from "./actions";
import { CallbackDialog } from "./CallbackDialog";
import { CancelDialog } from "./CancelDialog";
import { Dialog } from "./Dialog";
import "./booking.css";

export interface BoardAppointmentMenuProps {
  appointment: Appointment;
  /** The block's accessible name, so the menu says which appointment it acts on. */
  description: string;
  patientName: string | null;
  zone: string;
  style: CSSProperties;
}

type Open = "menu" | "cancel" | "callback" | null;

export function BoardAppointmentMenu({ appointment, description, patientName, zone, style }: BoardAppointmentMenuProps) {
  const t = useT();
  const [open, setOpen] = useState<Open>(null);
  const close = () => {
    setOpen(null);
  };
  return (
    <>
      <button
        type="button"
        className="board-actions"
        style={style}
        data-testid="appointment-actions"
        data-appointment-id={appointment.id}
        aria-haspopup="dialog"
        aria-label={t("actions.menu", { what: description })}
        onClick={() => {
          setOpen("menu");
        }}
      >
        <span aria-hidden="true">⋯</span>
      </button>
      {open === "menu" && (
        <Dialog title={t("actions.menu", { what: description })} onClose={close} testId="appointment-menu">
          <div className="slot-finder__actions">
            {appointment.patientId && (
              <a className="button" href={rescheduleHref(appointment)} data-testid="reschedule-appointment" onClick={close}>
                {t("actions.reschedule")}
              </a>
            )}
            <button
              type="button"
              className="button button--danger"
              data-testid="cancel-appointment"
              onClick={() => {
                setOpen("cancel");
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
                  setOpen("callback");
                }}
              >
                {t("actions.callMeBack")}
              </button>
            )}
            <button type="button" className="button" onClick={close}>
              {t("dialog.close")}
            </button>
          </div>
        </Dialog>
      )}
      {open === "cancel" && <CancelDialog appointment={appointment} description={description} zone={zone} onClose={close} />}
      {open === "callback" && appointment.patientId && (
        <CallbackDialog patientId={appointment.patientId} patientName={patientName ?? description} onClose={close} />
      )}
    </>
  );
}
