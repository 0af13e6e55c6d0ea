// Book: one slot finder over every vendor (in person at NexHealth, video at Zoom, referral out
// through WellHive), for a patient picked here or brought from a card, and the booking itself
// followed until the vendor settles it. A reschedule arrives here with the appointment it moves
// and its provider, type and kind of visit already filled in.
import { useEffect, useState } from "react";
import type { OpenSlot, SlotQuery } from "../api/backend";
import { toAppError } from "../api/errors";
import {
  useAppointmentTypes,
  useLocations,
  usePatientCard,
  useProviders,
  useSlotSearch,
  useVendorStatuses,
} from "../api/queries";
import { BookingPanel } from "../booking/BookingPanel";
import { forgetTypedNewPatientName, parseBookingStart, typedNewPatientName } from "../booking/bookingLink";
import type { BookingStart } from "../booking/bookingLink";
import { defaultFields, toQuery, typeByName } from "../booking/finder";
import type { FinderFields } from "../booking/finder";
import { PatientPicker } from "../booking/PatientPicker";
import type { ChosenPatient } from "../booking/PatientPicker";
import { SlotFinderForm } from "../booking/SlotFinderForm";
import { SlotResults } from "../booking/SlotResults";
import { useBooking } from "../booking/useBooking";
import { VendorOutcomes } from "../booking/VendorOutcomes";
import { ErrorBanner } from "../errors/ErrorBanner";
import { useI18n } from "../i18n/context";
import { useHash } from "../router/useRoute";
import { OfflineBanner } from "../schedule/OfflineBanner";
import { todayIn } from "../time/zoned";
import { Page } from "./Page";
import { PracticeGate } from "./PracticeGate";
import "../booking/booking.css";

export function BookScreen() {
  const { t } = useI18n();
  const hash = useHash();
  const start = parseBookingStart(hash);
  return (
    <PracticeGate title={t("book.title")}>
      {/* A new start (another card's Book, a Reschedule) begins a new page's worth of state. */}
      <BookPage key={hash} start={start} />
    </PracticeGate>
  );
}

function BookPage({ start }: { start: BookingStart }) {
  const { t } = useI18n();
  const locations = useLocations();
  const providers = useProviders();
  const types = useAppointmentTypes();
  const statuses = useVendorStatuses();
  const [chosen, setChosen] = useState<ChosenPatient | null>(null);
  const [pickedPatient, setPickedPatient] = useState(false);
  // A "New patient" from a search brings what was typed there; kept in this page's state, then
  // forgotten by the module that carried it.
  const [typedName] = useState(() => (start.newPatient ? typedNewPatientName() : ""));
  useEffect(() => {
    forgetTypedNewPatientName();
  }, []);
  const patientId = chosen?.kind === "existing" ? chosen.patient.id : pickedPatient ? null : (start.patientId ?? null);
  const card = usePatientCard(patientId ?? "", patientId !== null);
  // The patient the page was opened for, once their card is read, unless Rosa chose another.
  const patient: ChosenPatient | null =
    chosen ?? (!pickedPatient && card.data ? { kind: "existing", patient: card.data } : null);

  const zone = locations.data?.[0]?.timeZone ?? Intl.DateTimeFormat().resolvedOptions().timeZone;
  const [fields, setFields] = useState<FinderFields>(() =>
    defaultFields(todayIn(zone), {
      mode: start.mode ?? "any",
      providerIds: start.providerId ? [start.providerId] : [],
      locationIds: start.locationId ? [start.locationId] : [],
    }),
  );
  // The appointment type arrives by name from a card; the list of types gives its id, until
  // Rosa changes any field herself.
  const [touched, setTouched] = useState(false);
  const prefillType = !touched && start.appointmentType && types.data ? typeByName(types.data, start.appointmentType) : undefined;
  const shownFields = prefillType ? { ...fields, appointmentType: prefillType.id } : fields;

  const [query, setQuery] = useState<SlotQuery | null>(null);
  const slots = useSlotSearch(query);
  const [picked, setPicked] = useState<OpenSlot | null>(null);
  const booking = useBooking();

  // A booking the vendor failed frees its time: ask again, so the list offers it once more.
  const failedId =
    booking.state.kind === "booked" && booking.state.appointment.status.state === "failed"
      ? booking.state.appointment.id
      : null;
  const refetchSlots = slots.refetch;
  useEffect(() => {
    if (failedId && query) void refetchSlots();
  }, [failedId, query, refetchSlots]);

  const title = start.reschedule ? t("book.titleReschedule") : t("book.title");
  if (locations.isError || providers.isError) {
    return (
      <Page title={title}>
        <ErrorBanner error={toAppError(locations.error ?? providers.error)} />
      </Page>
    );
  }
  if (!locations.data || !providers.data) {
    return (
      <Page title={title}>
        <p className="muted">{t("app.loading")}</p>
      </Page>
    );
  }

  const wantsReferral = shownFields.mode === "referral";
  const blockedReason = wantsReferral && patient?.kind !== "existing" ? t("finder.referralNeedsPatient") : null;
  const search = () => {
    setPicked(null);
    booking.reset();
    const next = toQuery(shownFields, providers.data, patient?.kind === "existing" ? patient.patient.id : null);
    if (query && JSON.stringify(query) === JSON.stringify(next)) void slots.refetch();
    else setQuery(next);
  };
  const pick = (slot: OpenSlot) => {
    booking.reset();
    setPicked(slot);
  };
  const result = slots.data;
  const empty = result !== undefined && result.days.every((d) => d.slots.length === 0);

  return (
    <Page title={title}>
      {start.reschedule && (
        <p className="notice" data-testid="rescheduling">
          {t("book.reschedulingNote")}
        </p>
      )}
      <OfflineBanner statuses={statuses.data ?? []} />
      <div className="book-layout">
        <div className="book-layout__side">
          <PatientPicker
            chosen={patient}
            locked={Boolean(start.reschedule)}
            startNew={Boolean(start.newPatient) && !start.reschedule}
            initialQuery={typedName}
            onChoose={(p) => {
              setPickedPatient(true);
              setChosen(p);
            }}
          />
          {start.patientId && !pickedPatient && card.isError && <ErrorBanner error={toAppError(card.error)} />}
          <SlotFinderForm
            fields={shownFields}
            onChange={(next) => {
              setTouched(true);
              setFields(next);
            }}
            onSearch={search}
            providers={providers.data}
            locations={locations.data}
            types={types.data ?? []}
            referrals={patient?.kind === "existing" ? (card.data?.referrals ?? []) : []}
            blockedReason={blockedReason}
            searching={slots.isFetching}
          />
        </div>
        <div className="book-layout__main">
          {picked && (
            <BookingPanel
              key={`${picked.vendor}:${picked.id}`}
              slot={picked}
              referralId={query?.referralId ?? null}
              patient={patient}
              card={patient?.kind === "existing" ? card.data : undefined}
              providers={providers.data}
              locations={locations.data}
              statuses={statuses.data ?? []}
              booking={booking}
              replaces={start.reschedule ?? null}
              searchedFor={query?.patientId ?? null}
              onPick={pick}
              onClose={() => {
                setPicked(null);
                booking.reset();
              }}
            />
          )}
          <section aria-labelledby="slot-results-heading" className="book-results">
            <h2 id="slot-results-heading">{t("finder.results")}</h2>
            {query === null && <p className="muted">{t("finder.notSearched")}</p>}
            {slots.isError && <ErrorBanner error={toAppError(slots.error)} onRetry={() => void slots.refetch()} />}
            {query !== null && slots.isFetching && !result && (
              <p className="muted" role="status">
                {t("finder.searching")}
              </p>
            )}
            {result && (
              <div aria-busy={slots.isFetching}>
                {/* One short sentence is announced, not the whole list of times. */}
                <p role="status" className="visually-hidden" data-testid="slots-found">
                  {t("finder.found", { count: result.days.reduce((n, d) => n + d.slots.length, 0) })}
                </p>
                <VendorOutcomes outcomes={result.outcomes} />
                {empty ? (
                  <p className="notice" data-testid="no-slots">
                    {t("finder.noSlots")}
                  </p>
                ) : (
                  <SlotResults
                    days={result.days}
                    providers={providers.data}
                    locations={locations.data}
                    onPick={pick}
                    chosenId={picked?.id ?? null}
                  />
                )}
              </div>
            )}
          </section>
        </div>
      </div>
    </Page>
  );
}
