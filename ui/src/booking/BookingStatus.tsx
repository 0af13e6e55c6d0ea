// Where the booking stands, said in words and announced: sending; accepted and "pending in EHR"
// (or "submitted" to the network) until the vendor settles it; confirmed; failed with the
// vendor's own reason; taken by someone else with the next open times to pick from; or a typed
// error (offline, refused) as the one sentence every screen uses.
import type { InviteState, Location, OpenSlot, Provider } from "../api/backend";
import { VENDOR_NAMES } from "../api/vendors";
import { ErrorBanner } from "../errors/ErrorBanner";
import { useI18n } from "../i18n/context";
import type { Translate } from "../i18n/types";
import { Link } from "../router/Link";
import { StatusBadge } from "../schedule/StatusBadge";
import { VisitBadge } from "../schedule/VisitBadge";
import { differsFromComputer, formatZonedDateTime, zoneAbbreviation } from "../time/zoned";
import { SlotList } from "./SlotResults";
import type { BookingState } from "./useBooking";

export interface BookingStatusProps {
  state: BookingState;
  providers: readonly Provider[];
  locations: readonly Location[];
  /** The zone the booked time is written in: the slot's. */
  zone: string;
  onPickNext: (slot: OpenSlot) => void;
  onRetry: () => void;
}

function inviteText(invite: InviteState, t: Translate): string {
  switch (invite.state) {
    case "sent":
      return t("booking.invited", {
        channels: invite.channels.map((c) => (c === "sms" ? t("card.sms") : t("card.emailChannel"))).join(", "),
      });
    case "noChannelAllowed":
      return t("telehealth.noChannel");
    case "failed":
      return t("booking.inviteFailed", { message: invite.message });
  }
}

export function BookingStatus({ state, providers, locations, zone, onPickNext, onRetry }: BookingStatusProps) {
  const { t, locale } = useI18n();
  switch (state.kind) {
    case "idle":
      return null;
    case "submitting":
      return (
        <p role="status" className="booking-status" data-testid="booking-status" data-state="submitting">
          {t("booking.submitting")}
        </p>
      );
    case "error":
      return (
        <div data-testid="booking-status" data-state="error" data-kind={state.error.kind}>
          <ErrorBanner error={state.error} onRetry={state.error.kind === "offline" ? undefined : onRetry} />
        </div>
      );
    case "taken":
      return (
        <div className="booking-status booking-status--warning" role="alert" data-testid="booking-status" data-state="taken">
          <p>
            <strong>{t("booking.taken")}</strong> {state.next.length > 0 ? t("booking.takenNext") : t("booking.takenNone")}
          </p>
          {state.next.length > 0 && (
            <div data-testid="next-slots">
              <SlotList
                slots={state.next}
                providers={providers}
                locations={locations}
                onPick={onPickNext}
                label={t("booking.nextSlots")}
                testId="next-slot"
              />
            </div>
          )}
        </div>
      );
    case "booked": {
      const { appointment, result } = state;
      const vendor = VENDOR_NAMES[appointment.vendor];
      const status = appointment.status;
      let sentence: string;
      if (status.state === "pending") {
        sentence =
          appointment.visit.mode === "referral"
            ? t("booking.submittedWaiting", { vendor })
            : t("booking.pendingWaiting", { vendor });
      } else if (status.state === "failed") {
        sentence = t("booking.failed", { vendor, reason: status.reason });
      } else {
        const at = new Date(appointment.start);
        const when = formatZonedDateTime(appointment.start, zone, locale);
        sentence = t("booking.done", {
          when: differsFromComputer(zone, at) ? `${when} ${zoneAbbreviation(zone, at, locale)}` : when,
        });
      }
      return (
        <div
          className={`booking-status${status.state === "failed" ? " booking-status--danger" : ""}`}
          role={status.state === "failed" ? "alert" : "status"}
          data-testid="booking-status"
          data-state={status.state}
          data-appointment-id={appointment.id}
        >
          <p>
            <StatusBadge status={status} /> <VisitBadge visit={appointment.visit} /> {sentence}
          </p>
          {state.replacedCancelled && (
            <p data-testid="replaced-cancelled" data-appointment-id={state.replacedCancelled}>
              {t("booking.oldCancelled")}
            </p>
          )}
          {result.replaces && !state.replacedCancelled && status.state === "pending" && (
            <p className="muted">{t("booking.oldKeptUntil")}</p>
          )}
          {result.telehealth && status.state !== "failed" && (
            <p data-testid="invite-state" data-state={result.telehealth.invite.state}>
              {inviteText(result.telehealth.invite, t)}
              {result.telehealth.remindersAt.length > 0 &&
                ` ${t("booking.reminders", { count: result.telehealth.remindersAt.length })}`}
            </p>
          )}
          {status.state === "failed" ? (
            <p>
              <button type="button" className="button" data-testid="book-again" onClick={onRetry}>
                {t("booking.tryAgain")}
              </button>{" "}
              <span className="muted">{t("booking.offeredAgain")}</span>
            </p>
          ) : (
            <p className="booking-status__links">
              <Link to="today" data-testid="to-board">
                {t("booking.toBoard")}
              </Link>
              {result.patientId && (
                <Link patientId={result.patientId} data-testid="to-card">
                  {t("booking.toCard")}
                </Link>
              )}
            </p>
          )}
        </div>
      );
    }
  }
}
