// Reschedule and Cancel for one appointment, wherever it is listed (the card's table, the day
// board's menu). Reschedule is a link to the slot finder filled in from the appointment;
// Cancel opens a dialog that asks the vendor and says how it went.
import { useState } from "react";
import { useCan } from "../access/session";
import type { Appointment } from "../api/backend";
import { useT } from "../i18n/context";
import { canChange, rescheduleHref } from "./actions";
import { CancelDialog } from "./CancelDialog";
import "./booking.css";

export interface AppointmentActionsProps {
  appointment: Appointment;
  /** The appointment in a few words ("10:30 Nguyen, Minh with Dr. Lee") for labels. */
  description: string;
  zone: string | undefined;
  now: Date;
}

export function AppointmentActions({ appointment, description, zone, now }: AppointmentActionsProps) {
  const t = useT();
  const [cancelling, setCancelling] = useState(false);
  const can = useCan();
  // A clinician reads the card but does not change the schedule: the backend would refuse.
  const changeable = canChange(appointment, now) && can("cancel_appointment");
  const mayReschedule = can("reschedule_appointment");
  // The dialog outlives the buttons: once cancelled, the appointment is no longer changeable,
  // and Rosa must still read how the cancellation went.
  if (!changeable && !cancelling) return null;
  return (
    <span className="appointment-actions">
      {changeable && mayReschedule && appointment.patientId && (
        <a
          className="button button--small"
          href={rescheduleHref(appointment)}
          data-testid="reschedule-appointment"
          aria-label={t("actions.rescheduleWhat", { what: description })}
        >
          {t("actions.reschedule")}
        </a>
      )}
      {changeable && (
        <button
          type="button"
          className="button button--small"
          data-testid="cancel-appointment"
          aria-label={t("actions.cancelWhat", { what: description })}
          onClick={() => {
            setCancelling(true);
          }}
        >
          {t("actions.cancel")}
        </button>
      )}
      {cancelling && (
        <CancelDialog
          appointment={appointment}
          description={description}
          zone={zone}
          onClose={() => {
            setCancelling(false);
          }}
        />
      )}
    </span>
  );
}
