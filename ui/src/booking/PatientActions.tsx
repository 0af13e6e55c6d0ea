// The card's booking actions: Book (the slot finder for this patient) and "Call me back" (a
// CXone callback, queued in the outbox when CXone is down).
import { useState } from "react";
import { useCan } from "../access/session";
import { useT } from "../i18n/context";
import { hrefForBooking } from "./bookingLink";
import { CallbackDialog } from "./CallbackDialog";
import "./booking.css";

export function PatientActions({ patientId, patientName }: { patientId: string; patientName: string }) {
  const t = useT();
  const [calling, setCalling] = useState(false);
  const can = useCan();
  // Only what the signed-in role may run is offered; a clinician sees neither.
  const mayBook = can("book_slot");
  const mayCall = can("schedule_callback");
  if (!mayBook && !mayCall) return null;
  return (
    <div className="patient-actions" role="group" aria-label={t("actions.forPatient")}>
      {mayBook && (
        <a className="button button--primary" href={hrefForBooking({ patientId })} data-testid="book-for-patient">
          {t("actions.book")}
        </a>
      )}
      {mayCall && (
        <button
          type="button"
          className="button"
          data-testid="call-me-back"
          onClick={() => {
            setCalling(true);
          }}
        >
          {t("actions.callMeBack")}
        </button>
      )}
      {calling && (
        <CallbackDialog
          patientId={patientId}
          patientName={patientName}
          onClose={() => {
            setCalling(false);
          }}
        />
      )}
    </div>
  );
}
