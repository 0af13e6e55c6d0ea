// Slot and booking answers the booking tests reuse, shaped as the desk's booking types.
import type { Appointment, AppointmentType, BookingResult, OpenSlot, SlotResults, VendorOutcome } from "../api/backend";
import { appointment, CHICAGO, DR_LEE } from "./fixtures";

export const ZOOM_LEE = "zoom:prov_lee";

export const openSlot = (overrides: Partial<OpenSlot> = {}): OpenSlot => ({
  id: "slot-nh-0900",
  vendor: "nexhealth",
  mode: "inPerson",
  providerId: DR_LEE.id,
  locationId: CHICAGO.id,
  operatoryId: "nexhealth:op-1",
  appointmentType: "nexhealth:7",
  // 09:00–09:30 in Chicago (CST) on Monday 23 November.
  start: "2026-11-23T09:00:00-06:00",
  end: "2026-11-23T09:30:00-06:00",
  zone: CHICAGO.timeZone,
  driveTimeMinutes: null,
  ...overrides,
});

export const videoSlot = (overrides: Partial<OpenSlot> = {}): OpenSlot =>
  openSlot({
    id: "slot-zoom-1400",
    vendor: "zoom",
    mode: "telehealth",
    providerId: ZOOM_LEE,
    locationId: null,
    operatoryId: null,
    appointmentType: null,
    start: "2026-11-24T14:00:00-06:00",
    end: "2026-11-24T14:20:00-06:00",
    ...overrides,
  });

export const referralSlot = (overrides: Partial<OpenSlot> = {}): OpenSlot =>
  openSlot({
    id: "slot-wh-1",
    vendor: "wellhive",
    mode: "referral",
    providerId: "wellhive:ps-derm",
    locationId: null,
    operatoryId: null,
    appointmentType: null,
    start: "2026-11-25T10:00:00-06:00",
    end: "2026-11-25T10:30:00-06:00",
    driveTimeMinutes: 18,
    ...overrides,
  });

export const outcome = (vendor: VendorOutcome["vendor"], state: VendorOutcome["state"]): VendorOutcome => ({
  vendor,
  mode: vendor === "zoom" ? "telehealth" : vendor === "wellhive" ? "referral" : "inPerson",
  state,
  elapsedMs: 120,
});

export const slotResults = (slots: OpenSlot[], outcomes?: VendorOutcome[]): SlotResults => {
  const byDay = new Map<string, OpenSlot[]>();
  for (const slot of slots) byDay.set(slot.start.slice(0, 10), [...(byDay.get(slot.start.slice(0, 10)) ?? []), slot]);
  return {
    days: [...byDay.entries()].sort().map(([date, list]) => ({ date, slots: list })),
    outcomes: outcomes ?? [outcome("nexhealth", { state: "ok", slots: slots.length })],
    asOf: "2026-11-21T14:00:00Z",
  };
};

export const booked = (overrides: Partial<Appointment> = {}, result: Partial<BookingResult> = {}): BookingResult => ({
  key: "key-1",
  appointment: appointment({
    id: "nexhealth:9001",
    externalId: "9001",
    start: "2026-11-23T15:00:00Z",
    end: "2026-11-23T15:30:00Z",
    status: { state: "pending" },
    ...overrides,
  }),
  patientId: "pat-nguyen",
  patientCreated: false,
  settling: true,
  replaces: null,
  telehealth: null,
  ...result,
});

export const FOLLOW_UP: AppointmentType = {
  id: "nexhealth:7",
  name: "Follow-up",
  minutes: 30,
  locationId: CHICAGO.id,
  bookableOnline: true,
};
