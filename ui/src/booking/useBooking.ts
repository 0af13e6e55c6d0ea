// One booking's life on screen: sent, then accepted (usually "pending in EHR" until the vendor
// settles it and the backend says so by event), taken by someone else (with the next times),
// or refused with a typed error. The appointment's status is replaced in place when its
// settled event arrives; a slow cache read covers an event missed while the page was away.
import { useEffect, useRef, useState } from "react";
import type { AppError, Appointment, BookRequest, BookingResult, OpenSlot } from "../api/backend";
import { bookSlot, getAppointmentStatus, rescheduleAppointment } from "../api/backend";
import { toAppError } from "../api/errors";
import { useAppointmentSettled, useInvalidateSchedules } from "../api/queries";

export type BookingState =
  | { kind: "idle" }
  | { kind: "submitting" }
  | {
      kind: "booked";
      result: BookingResult;
      appointment: Appointment;
      /** For a reschedule: the old appointment, once the vendor cancelled it. */
      replacedCancelled?: string | null;
    }
  | { kind: "taken"; message: string; next: OpenSlot[] }
  | { kind: "error"; error: AppError };

export interface Booking {
  state: BookingState;
  /** Books `request`; with `replaces`, moves that appointment to the new time instead. */
  book: (request: BookRequest, replaces?: string | null) => Promise<void>;
  reset: () => void;
}

/** How often the cache is read for a pending booking's outcome, should its event be missed. */
export const SETTLE_POLL_MS = 3000;

export function useBooking(): Booking {
  const [state, setState] = useState<BookingState>({ kind: "idle" });
  const invalidate = useInvalidateSchedules();

  const settle = (appointment: Appointment, key?: string, replacedCancelled?: string | null) => {
    setState((current) => {
      if (current.kind !== "booked") return current;
      if (current.appointment.id !== appointment.id && current.result.key !== key) return current;
      return { ...current, appointment, replacedCancelled: replacedCancelled ?? current.replacedCancelled ?? null };
    });
  };

  useAppointmentSettled((settled) => {
    const { appointment } = settled;
    // The event's outcome is the word that counts; the reason rides on a failed status.
    const status =
      settled.outcome === "failed" && appointment.status.state !== "failed"
        ? { state: "failed" as const, reason: settled.reason ?? "" }
        : appointment.status;
    settle({ ...appointment, status }, settled.key, settled.replacedCancelled);
  });

  const pendingId = state.kind === "booked" && state.appointment.status.state === "pending" ? state.appointment.id : null;
  usePendingPoll(pendingId, (appointment) => {
    settle(appointment);
    invalidate();
  });

  const book = async (request: BookRequest, replaces?: string | null) => {
    setState({ kind: "submitting" });
    try {
      const outcome = replaces ? await rescheduleAppointment(replaces, request) : await bookSlot(request);
      if (outcome.outcome === "taken") {
        setState({ kind: "taken", message: outcome.message, next: outcome.next });
        return;
      }
      setState({ kind: "booked", result: outcome.result, appointment: outcome.result.appointment });
      invalidate();
    } catch (error) {
      setState({ kind: "error", error: toAppError(error) });
    }
  };

  return {
    state,
    book,
    reset: () => {
      setState({ kind: "idle" });
    },
  };
}

/**
 * Reads `appointmentId` from the cache every SETTLE_POLL_MS while it is pending and calls
 * `onSettled` once it is not: the settled event's safety net.
 */
function usePendingPoll(appointmentId: string | null, onSettled: (appointment: Appointment) => void): void {
  const latest = useRef(onSettled);
  useEffect(() => {
    latest.current = onSettled;
  });
  useEffect(() => {
    if (!appointmentId) return;
    const timer = window.setInterval(() => {
      getAppointmentStatus(appointmentId).then(
        (appointment) => {
          if (appointment.status.state !== "pending") latest.current(appointment);
        },
        () => {
          // The event will still come; a failed read changes nothing on screen.
        },
      );
    }, SETTLE_POLL_MS);
    return () => {
      window.clearInterval(timer);
    };
  }, [appointmentId]);
}
