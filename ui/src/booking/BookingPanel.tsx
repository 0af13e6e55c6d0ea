// The chosen time, for whom, with what a video visit or a referral needs, and the Book button;
// below it, where the booking stands. Focus lands on the panel's heading when a time is picked,
// so a keyboard user goes on from where the eye goes.
import { useEffect, useId, useRef, useState } from "react";
import { useQuery } from "@tanstack/react-query";
import type {
  AppError,
  BookingPatient,
  BookRequest,
  Location,
  OpenSlot,
  PatientAttribute,
  PatientCard,
  Provider,
  TelehealthOptions,
  VendorStatus,
} from "../api/backend";
import { missingBookingAttributes } from "../api/backend";
import { toAppError } from "../api/errors";
import { ErrorBanner } from "../errors/ErrorBanner";
import { useI18n } from "../i18n/context";
import { displayName } from "../patients/format";
import { formatDay, localDay } from "../time/zoned";
import { BookingStatus } from "./BookingStatus";
import type { ChosenPatient } from "./PatientPicker";
import { attributesComplete, ReferralFields } from "./ReferralFields";
import { SlotLine } from "./SlotResults";
import { defaultTelehealth, inviteChannels, TelehealthFields } from "./TelehealthFields";
import type { Booking } from "./useBooking";

export interface BookingPanelProps {
  slot: OpenSlot;
  patient: ChosenPatient | null;
  /** The chosen patient's card (communication preferences), once read. */
  card: PatientCard | undefined;
  /** The referral the search was made under, for a referral slot. */
  referralId: string | null;
  providers: readonly Provider[];
  locations: readonly Location[];
  statuses: readonly VendorStatus[];
  booking: Booking;
  /** The appointment this booking moves, for a reschedule. */
  replaces: string | null;
  /** The patient a referral search was made for: its times are theirs, under their referral. */
  searchedFor: string | null;
  onPick: (slot: OpenSlot) => void;
  onClose: () => void;
}

/** One key per Book press, kept through a retry after an error so the vendor books once. */
function newKey(): string {
  return typeof crypto !== "undefined" && "randomUUID" in crypto
    ? crypto.randomUUID()
    : `ui-${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;
}

function toBookingPatient(patient: ChosenPatient): BookingPatient {
  return patient.kind === "existing"
    ? { kind: "existing", patientId: patient.patient.id }
    : { kind: "new", ...patient.patient };
}

export function BookingPanel({
  slot,
  patient,
  card,
  referralId,
  providers,
  locations,
  statuses,
  booking,
  replaces,
  searchedFor,
  onPick,
  onClose,
}: BookingPanelProps) {
  const { t, locale } = useI18n();
  const id = useId();
  const headingRef = useRef<HTMLHeadingElement>(null);
  const windowMinutes = Math.max(1, Math.round((Date.parse(slot.end) - Date.parse(slot.start)) / 60_000));
  const [telehealth, setTelehealth] = useState<TelehealthOptions>(() => defaultTelehealth(windowMinutes));
  const [attributes, setAttributes] = useState<PatientAttribute[]>([]);
  const [key, setKey] = useState(newKey);

  useEffect(() => {
    headingRef.current?.focus();
  }, [slot.id]);

  const existingId = patient?.kind === "existing" ? patient.patient.id : null;
  const missing = useQuery({
    queryKey: ["missingBookingAttributes", slot.id, existingId],
    queryFn: () => missingBookingAttributes(slot.id, existingId ?? ""),
    enabled: slot.mode === "referral" && existingId !== null,
    staleTime: Infinity,
  });

  const state = booking.state;
  const offline = statuses.find((s) => s.vendor === slot.vendor && s.state === "offline");
  const offlineError: AppError | null = offline ? { kind: "offline", vendor: offline.vendor, asOf: offline.asOf } : null;
  const busy = state.kind === "submitting" || (state.kind === "booked" && state.appointment.status.state !== "failed");
  const needed = missing.data ?? [];
  // A referral time was found near one patient, under their referral: another patient (or a
  // new one, who has no referral yet) needs a search of their own.
  const referralElsewhere =
    slot.mode === "referral" && patient !== null && (patient.kind !== "existing" || patient.patient.id !== searchedFor);
  const ready =
    patient !== null &&
    !busy &&
    offlineError === null &&
    !referralElsewhere &&
    (slot.mode !== "referral" || (missing.isSuccess && attributesComplete(needed, attributes)));

  const submit = (bookingKey: string) => {
    if (!patient) return;
    const request: BookRequest = {
      slotId: slot.id,
      patient: toBookingPatient(patient),
      key: bookingKey,
      note: null,
      telehealth: slot.mode === "telehealth" ? telehealth : null,
      referral:
        slot.mode === "referral"
          ? { referralId, attributes: attributes.filter((a) => needed.includes(a.name)) }
          : null,
    };
    void booking.book(request, replaces);
  };
  // A failed booking is over: trying the time again is a new booking with a new key. After an
  // error the first attempt may have landed, so the same key lets the backend find it.
  const again = () => {
    if (state.kind === "booked") {
      const fresh = newKey();
      setKey(fresh);
      submit(fresh);
    } else {
      submit(key);
    }
  };

  const who = patient ? displayName(patient.patient) : null;
  const channels = inviteChannels(card?.communication ?? null, patient?.kind === "new" ? patient.patient : undefined);
  return (
    <section className="booking-panel" aria-labelledby={`${id}-h`} data-testid="booking-panel" data-slot-id={slot.id}>
      <h2 id={`${id}-h`} ref={headingRef} tabIndex={-1}>
        {replaces ? t("booking.titleMove") : t("booking.title")}
      </h2>
      <p className="booking-panel__summary">
        <span className="booking-panel__day">{formatDay(localDay(slot.start, slot.zone), locale)}</span>{" "}
        <SlotLine slot={slot} providers={providers} locations={locations} />
      </p>
      <p data-testid="booking-patient">{who ? t("booking.for", { name: who }) : t("booking.choosePatientFirst")}</p>
      {slot.mode === "telehealth" && <TelehealthFields value={telehealth} onChange={setTelehealth} channels={channels} windowMinutes={windowMinutes} />}
      {slot.mode === "referral" && missing.isPending && existingId && <p className="muted">{t("referralBooking.checking")}</p>}
      {missing.isError && <ErrorBanner error={toAppError(missing.error)} onRetry={() => void missing.refetch()} />}
      {slot.mode === "referral" && <ReferralFields missing={needed} values={attributes} onChange={setAttributes} />}
      {offlineError && <ErrorBanner error={offlineError} />}
      {referralElsewhere && (
        <p className="notice" id={`${id}-elsewhere`} data-testid="referral-elsewhere">
          {patient.kind === "existing" ? t("booking.referralOtherPatient") : t("booking.referralNewPatient")}
        </p>
      )}
      <div className="slot-finder__actions">
        <button
          type="button"
          className="button button--primary"
          data-testid="book-button"
          disabled={!ready}
          aria-describedby={referralElsewhere ? `${id}-elsewhere` : undefined}
          onClick={() => {
            submit(key);
          }}
        >
          {replaces ? t("booking.moveHere") : t("booking.book")}
        </button>
        <button type="button" className="button" data-testid="booking-close" onClick={onClose}>
          {t("booking.chooseOther")}
        </button>
      </div>
      <BookingStatus
        state={state}
        providers={providers}
        locations={locations}
        zone={slot.zone}
        onPickNext={onPick}
        onRetry={again}
      />
    </section>
  );
}
