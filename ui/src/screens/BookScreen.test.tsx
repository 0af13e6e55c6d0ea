// Booking at the desk, against the mock backend: the finder's results by day in the location's
// zone with a failing vendor beside them, an in-person booking pending then confirmed by event,
// a conflict with the next times offered, an asynchronous failure with the time offered again,
// an offline vendor's sentence, and the telehealth and referral choices reaching the request.
import { act, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import * as backend from "../api/backend";
import { BackendError } from "../api/errors";
import type { SettledBooking } from "../api/backend";
import {
  booked,
  FOLLOW_UP,
  openSlot,
  outcome,
  referralSlot,
  slotResults,
  videoSlot,
  ZOOM_LEE,
} from "../test/bookingFixtures";
import { appInfo, card, CHICAGO, connected, DR_LEE, DR_PATEL, summary } from "../test/fixtures";
import { renderWithProviders } from "../test/render";
import { SETTLE_POLL_MS } from "../booking/useBooking";
import { BookScreen } from "./BookScreen";

vi.mock("../api/backend", () => import("../test/mockBackend"));
const api = vi.mocked(backend);

const LEE = { ...DR_LEE, links: [...DR_LEE.links, { vendor: "zoom" as const, externalId: "prov_lee" }] };
let settle: ((settled: SettledBooking) => void) | undefined;

beforeEach(() => {
  vi.resetAllMocks();
  settle = undefined;
  window.location.hash = "#/book?patientId=pat-nguyen";
  api.getAppInfo.mockResolvedValue(appInfo({ practiceName: "Lakeside Family Eye Care" }));
  api.getVendorStatuses.mockResolvedValue(connected());
  api.getLocations.mockResolvedValue([CHICAGO]);
  api.getProviders.mockResolvedValue([LEE, DR_PATEL]);
  api.getAppointmentTypes.mockResolvedValue([FOLLOW_UP]);
  api.getPatientCard.mockResolvedValue(card());
  api.onAppointmentSettled.mockImplementation((onSettled) => {
    settle = onSettled;
    return Promise.resolve(() => undefined);
  });
  api.getAppointmentStatus.mockRejectedValue(new BackendError({ kind: "notFound", what: "appointment" }));
});

async function searchFor(results: ReturnType<typeof slotResults>) {
  api.searchSlots.mockResolvedValue(results);
  renderWithProviders(<BookScreen />);
  expect(await screen.findByTestId("chosen-patient")).toHaveTextContent("Nguyen, Minh");
  await userEvent.click(screen.getByTestId("finder-search"));
  await screen.findByTestId("slot-results");
}

async function pickAndBook(slotId: string) {
  const slot = screen.getAllByTestId("slot").find((b) => b.dataset.slotId === slotId);
  if (!slot) throw new Error(`no slot ${slotId} on screen`);
  await userEvent.click(slot);
  const panel = await screen.findByTestId("booking-panel");
  await userEvent.click(within(panel).getByTestId("book-button"));
  return panel;
}

describe("the slot finder", () => {
  it("asks for the patient's search and shows the times by day in the location's zone", async () => {
    await searchFor(slotResults([openSlot(), openSlot({ id: "slot-nh-1000", start: "2026-11-24T10:00:00-06:00", end: "2026-11-24T10:30:00-06:00" })]));
    expect(api.searchSlots).toHaveBeenCalledWith(
      expect.objectContaining({ patientId: "pat-nguyen", modes: ["inPerson", "telehealth"], providerIds: [], referralId: null }),
    );
    expect(screen.getByTestId("slots-found")).toHaveAttribute("role", "status");
    expect(screen.getByTestId("slots-found")).toHaveTextContent("Open times found: 2.");
    const days = screen.getAllByTestId("slot-day");
    expect(days.map((d) => d.dataset.date)).toEqual(["2026-11-23", "2026-11-24"]);
    expect(within(days[0] as HTMLElement).getByRole("heading")).toHaveTextContent("Monday, November 23, 2026");
    // The test runs on Berlin's clock: Chicago's 09:00 is written as 09:00 with its zone.
    const first = within(days[0] as HTMLElement).getByTestId("slot");
    expect(first).toHaveTextContent("09:00–09:30 CST");
    expect(first).toHaveAccessibleName(/^09:00–09:30 CST, Monday, November 23, 2026, Dr\. Ana Lee, Lakeside Clinic$/);
  });

  it("sends each picked provider under every vendor id it has, and the chosen kind of visit", async () => {
    await searchFor(slotResults([openSlot()]));
    await userEvent.click(screen.getByTestId("finder-mode-telehealth"));
    await userEvent.click(screen.getByRole("checkbox", { name: "Dr. Ana Lee" }));
    await userEvent.click(screen.getByTestId("finder-search"));
    await waitFor(() => {
      expect(api.searchSlots).toHaveBeenLastCalledWith(
        expect.objectContaining({ modes: ["telehealth"], providerIds: [DR_LEE.id, ZOOM_LEE] }),
      );
    });
  });

  it("shows a vendor that timed out or failed beside the others' results", async () => {
    await searchFor(
      slotResults(
        [openSlot()],
        [
          outcome("nexhealth", { state: "ok", slots: 1 }),
          outcome("zoom", { state: "timedOut", afterMs: 8000 }),
          outcome("wellhive", { state: "failed", kind: "unavailable", message: "503 from the network." }),
        ],
      ),
    );
    const lines = screen.getAllByTestId("vendor-outcome");
    expect(lines.map((l) => l.textContent)).toEqual([
      "NexHealth: 1 open time",
      "Zoom did not answer within 8 s; its times are missing below.",
      "WellHive answered with an error (503 from the network); its times are missing below.",
    ]);
    expect(screen.getAllByTestId("slot")).toHaveLength(1);
  });

  it("refuses a range that ends before it starts, and says why", async () => {
    renderWithProviders(<BookScreen />);
    const to = await screen.findByTestId("finder-to");
    await userEvent.clear(to);
    await userEvent.type(to, "2000-01-01");
    expect(screen.getByTestId("finder-search")).toBeDisabled();
    expect(screen.getByText("The last day is before the first.")).toBeInTheDocument();
  });
});

describe("booking in person", () => {
  it("shows pending in EHR until the settled event confirms it", async () => {
    await searchFor(slotResults([openSlot()]));
    api.bookSlot.mockResolvedValue({ outcome: "booked", result: booked() });
    await pickAndBook("slot-nh-0900");
    const status = await screen.findByTestId("booking-status");
    await waitFor(() => {
      expect(status).toHaveAttribute("data-state", "pending");
    });
    expect(status).toHaveTextContent("Pending in EHR");
    expect(status).toHaveTextContent("NexHealth accepted the booking; waiting for it to reach the EHR.");
    expect(api.bookSlot).toHaveBeenCalledWith(
      expect.objectContaining({ slotId: "slot-nh-0900", patient: { kind: "existing", patientId: "pat-nguyen" }, telehealth: null, referral: null }),
    );
    const sent = api.bookSlot.mock.calls[0]?.[0];
    expect(sent?.key).toBeTruthy();

    act(() => {
      settle?.({ key: sent?.key ?? "", outcome: "confirmed", reason: null, appointment: booked({ status: { state: "confirmed" } }).appointment, replacedCancelled: null });
    });
    await waitFor(() => {
      expect(screen.getByTestId("booking-status")).toHaveAttribute("data-state", "confirmed");
    });
    expect(screen.getByTestId("booking-status")).toHaveTextContent("Confirmed");
    expect(screen.getByTestId("to-board")).toHaveAttribute("href", "#/today");
  });

  it("reads the cache for a pending booking's outcome when no settled event comes", async () => {
    await searchFor(slotResults([openSlot()]));
    api.bookSlot.mockResolvedValue({ outcome: "booked", result: booked() });
    api.getAppointmentStatus.mockResolvedValue(booked({ status: { state: "scheduled" } }).appointment);
    await pickAndBook("slot-nh-0900");
    await waitFor(
      () => {
        expect(screen.getByTestId("booking-status")).toHaveAttribute("data-state", "scheduled");
      },
      { timeout: 3 * SETTLE_POLL_MS },
    );
    expect(api.getAppointmentStatus).toHaveBeenCalledWith("nexhealth:9001");
  });

  it("says the time was taken and offers the next ones, which can be booked", async () => {
    await searchFor(slotResults([openSlot()]));
    const next = openSlot({ id: "slot-nh-0930", start: "2026-11-23T09:30:00-06:00", end: "2026-11-23T10:00:00-06:00" });
    api.bookSlot.mockResolvedValueOnce({ outcome: "taken", message: "the slot was just taken", next: [next] });
    await pickAndBook("slot-nh-0900");
    const status = await screen.findByTestId("booking-status");
    expect(status).toHaveAttribute("data-state", "taken");
    expect(status).toHaveTextContent("Someone else booked this time a moment ago.");
    const offered = within(status).getByTestId("next-slot");
    expect(offered).toHaveTextContent("09:30–10:00");

    api.bookSlot.mockResolvedValueOnce({ outcome: "booked", result: booked() });
    await userEvent.click(offered);
    expect(await screen.findByTestId("booking-panel")).toHaveAttribute("data-slot-id", "slot-nh-0930");
    await userEvent.click(screen.getByTestId("book-button"));
    await waitFor(() => {
      expect(api.bookSlot).toHaveBeenLastCalledWith(expect.objectContaining({ slotId: "slot-nh-0930" }));
    });
    // A new time is a new booking: it must not reuse the first attempt's key.
    expect(api.bookSlot.mock.calls[1]?.[0].key).not.toBe(api.bookSlot.mock.calls[0]?.[0].key);
  });

  it("shows the vendor's reason when the insertion fails, searches again and books the time anew", async () => {
    await searchFor(slotResults([openSlot()]));
    api.bookSlot.mockResolvedValue({ outcome: "booked", result: booked() });
    await pickAndBook("slot-nh-0900");
    await waitFor(() => {
      expect(screen.getByTestId("booking-status")).toHaveAttribute("data-state", "pending");
    });
    const searches = api.searchSlots.mock.calls.length;
    const failed = booked({ status: { state: "pending" } }).appointment;
    act(() => {
      settle?.({ key: "key-1", outcome: "failed", reason: "operatory double-booked", appointment: failed, replacedCancelled: null });
    });
    const status = screen.getByTestId("booking-status");
    await waitFor(() => {
      expect(status).toHaveAttribute("data-state", "failed");
    });
    expect(status).toHaveAttribute("role", "alert");
    expect(status).toHaveTextContent("NexHealth could not book it: operatory double-booked.");
    await waitFor(() => {
      expect(api.searchSlots.mock.calls.length).toBeGreaterThan(searches);
    });
    expect(screen.getAllByTestId("slot").map((s) => s.dataset.slotId)).toContain("slot-nh-0900");
    await userEvent.click(within(status).getByTestId("book-again"));
    await waitFor(() => {
      expect(api.bookSlot).toHaveBeenCalledTimes(2);
    });
    expect(api.bookSlot.mock.calls[1]?.[0].key).not.toBe(api.bookSlot.mock.calls[0]?.[0].key);
  });

  it("retries after an error with the same key, so a first attempt that landed is found, not doubled", async () => {
    await searchFor(slotResults([openSlot()]));
    api.bookSlot.mockRejectedValueOnce(new BackendError({ kind: "unavailable", vendor: "nexhealth", message: "timeout", traceId: null }));
    await pickAndBook("slot-nh-0900");
    const status = await screen.findByTestId("booking-status");
    await waitFor(() => {
      expect(status).toHaveAttribute("data-state", "error");
    });
    api.bookSlot.mockResolvedValueOnce({ outcome: "booked", result: booked() });
    await userEvent.click(within(status).getByRole("button", { name: "Try again" }));
    await waitFor(() => {
      expect(api.bookSlot).toHaveBeenCalledTimes(2);
    });
    expect(api.bookSlot.mock.calls[1]?.[0].key).toBe(api.bookSlot.mock.calls[0]?.[0].key);
  });

  it("says in a sentence why a vendor that went offline cannot book, without a retry that would fail", async () => {
    await searchFor(slotResults([openSlot()]));
    api.bookSlot.mockRejectedValue(new BackendError({ kind: "offline", vendor: "nexhealth", asOf: "2026-11-21T13:08:00Z" }));
    await pickAndBook("slot-nh-0900");
    const status = await screen.findByTestId("booking-status");
    await waitFor(() => {
      expect(status).toHaveAttribute("data-kind", "offline");
    });
    expect(status).toHaveTextContent("NexHealth cannot be reached.");
    expect(status).toHaveTextContent("booking is paused until it is back");
    expect(within(status).queryByRole("button", { name: "Try again" })).not.toBeInTheDocument();
  });

  it("disables Book with the reason when the slot's vendor is known to be offline", async () => {
    api.getVendorStatuses.mockResolvedValue(
      connected().map((s) => (s.vendor === "nexhealth" ? { ...s, state: "offline" as const, asOf: "2026-11-21T13:08:00Z" } : s)),
    );
    await searchFor(slotResults([openSlot()]));
    await userEvent.click(screen.getAllByTestId("slot")[0] as HTMLElement);
    const panel = await screen.findByTestId("booking-panel");
    expect(within(panel).getByTestId("book-button")).toBeDisabled();
    expect(within(panel).getByRole("alert")).toHaveTextContent("NexHealth cannot be reached.");
  });

  it("moves the picked time's panel into focus for the keyboard", async () => {
    await searchFor(slotResults([openSlot()]));
    await userEvent.click(screen.getAllByTestId("slot")[0] as HTMLElement);
    expect(await screen.findByRole("heading", { name: "Book this time" })).toHaveFocus();
  });
});

describe("booking a video visit", () => {
  it("offers the doc's visit types, invites only by allowed channels and records consent", async () => {
    api.getPatientCard.mockResolvedValue(card({ communication: { allowEmail: false, allowSms: true, allowVoice: false } }));
    await searchFor(slotResults([videoSlot()], [outcome("zoom", { state: "ok", slots: 1 })]));
    await userEvent.click(screen.getAllByTestId("slot")[0] as HTMLElement);
    const panel = await screen.findByTestId("booking-panel");
    const types = within(panel).getByRole("combobox", { name: "Visit type" });
    expect([...(types as HTMLSelectElement).options].map((o) => o.value)).toEqual([
      "initial_consultation",
      "follow_up",
      "urgent_care",
      "mental_health",
      "group_therapy",
      "specialist_consult",
    ]);
    expect(within(panel).getByTestId("invite-channels")).toHaveTextContent("The invitation goes by SMS, as the patient allows.");
    await userEvent.selectOptions(types, "urgent_care");
    // A 20-minute window: visits of up to 20 minutes, the whole window by default.
    const length = within(panel).getByRole("combobox", { name: "Length" });
    expect([...(length as HTMLSelectElement).options].map((o) => o.value)).toEqual(["10", "15", "20"]);
    expect(length).toHaveValue("20");
    await userEvent.selectOptions(length, "15");
    await userEvent.click(within(panel).getByRole("checkbox", { name: /consents to the visit being recorded/ }));
    api.bookSlot.mockResolvedValue({
      outcome: "booked",
      result: booked(
        { vendor: "zoom", status: { state: "scheduled" }, visit: { mode: "telehealth", patientJoinUrl: "https://zoom.example/j/1", providerJoinUrl: "https://zoom.example/s/1" } },
        { settling: false, telehealth: { patientJoinUrl: "https://zoom.example/j/1", providerJoinUrl: "https://zoom.example/s/1", invite: { state: "sent", channels: ["sms"] }, remindersAt: ["a", "b"] } },
      ),
    });
    await userEvent.click(within(panel).getByTestId("book-button"));
    expect(api.bookSlot).toHaveBeenCalledWith(
      expect.objectContaining({ telehealth: { visitType: "urgent_care", minutes: 15, recordingConsent: true } }),
    );
    const status = await screen.findByTestId("booking-status");
    await waitFor(() => {
      expect(status).toHaveAttribute("data-state", "scheduled");
    });
    expect(within(status).getByText("Video")).toBeInTheDocument();
    expect(within(status).getByTestId("invite-state")).toHaveTextContent("Invitation sent by SMS. 2 reminders scheduled.");
    // The provider's link is for staff in My day, never printed where a patient could read it.
    expect(status).not.toHaveTextContent("zoom.example/s/1");
  });
});

/** Lan Tran, whom no vendor knows, typed into the new-patient form and sent on. */
async function enterNewPatient(phone: string) {
  await userEvent.click(await screen.findByTestId("new-patient-button"));
  await userEvent.type(screen.getByLabelText("Given name"), "Lan");
  await userEvent.type(screen.getByLabelText("Family name"), "Tran");
  await userEvent.type(screen.getByLabelText("Date of birth"), "1950-05-03");
  await userEvent.type(screen.getByLabelText("Phone"), phone);
  await userEvent.click(screen.getByTestId("new-patient-continue"));
}

/** Minh's approved referral picked, and WellHive's times searched under it. */
async function searchReferralTimes() {
  api.getPatientCard.mockResolvedValue(
    card({
      referrals: [{ externalId: "ref-9", patientId: "pat-nguyen", referralNumber: "R-2026-9", specialty: "Dermatology", status: "approved", network: "Midwest", asOf: "2026-11-21T12:00:00Z" }],
    }),
  );
  api.searchSlots.mockResolvedValue(slotResults([referralSlot()], [outcome("wellhive", { state: "ok", slots: 1 })]));
  renderWithProviders(<BookScreen />);
  await screen.findByTestId("chosen-patient");
  await userEvent.click(screen.getByTestId("finder-mode-referral"));
  await userEvent.selectOptions(await screen.findByTestId("finder-referral-pick"), "ref-9");
  await userEvent.click(screen.getByTestId("finder-search"));
}

describe("booking a referral out", () => {
  it("searches under the picked referral and asks for the attributes the service needs before booking", async () => {
    api.missingBookingAttributes.mockResolvedValue(["gender"]);
    await searchReferralTimes();
    await waitFor(() => {
      expect(api.searchSlots).toHaveBeenCalledWith(expect.objectContaining({ modes: ["referral"], referralId: "ref-9", maxMiles: 20 }));
    });
    const slot = await screen.findByTestId("slot");
    expect(slot).toHaveTextContent("18 min by car");
    await userEvent.click(slot);
    const input = await screen.findByRole("textbox", { name: "Gender" });
    const book = screen.getByTestId("book-button");
    expect(book).toBeDisabled();
    await userEvent.type(input, "female");
    expect(book).toBeEnabled();
    api.bookSlot.mockResolvedValue({ outcome: "booked", result: booked({ vendor: "wellhive", visit: { mode: "referral", network: "Midwest", providerService: "ps-derm", referral: "ref-9" } }) });
    await userEvent.click(book);
    expect(api.bookSlot).toHaveBeenCalledWith(
      expect.objectContaining({ referral: { referralId: "ref-9", attributes: [{ name: "gender", value: "female" }] } }),
    );
    expect(await screen.findByTestId("booking-status")).toHaveTextContent("Submitted to WellHive; waiting for the network to confirm it.");
  });
});

/** A referral time picked for Minh, with nothing more to ask: Book is on, with no caveat. */
async function pickReferralTime() {
  api.missingBookingAttributes.mockResolvedValue([]);
  await searchReferralTimes();
  await userEvent.click(await screen.findByTestId("slot"));
  const panel = await screen.findByTestId("booking-panel");
  await waitFor(() => {
    expect(within(panel).getByTestId("book-button")).toBeEnabled();
  });
  expect(within(panel).queryByTestId("referral-elsewhere")).not.toBeInTheDocument();
  return panel;
}

describe("a referral time and another patient", () => {
  it("says why Book is off when the patient becomes a new one, who has no referral", async () => {
    api.searchPatients.mockResolvedValue([]);
    const panel = await pickReferralTime();

    await userEvent.click(screen.getByTestId("change-patient"));
    await enterNewPatient("+13125550199");
    await screen.findByTestId("chosen-patient");

    const book = within(panel).getByTestId("book-button");
    expect(book).toBeDisabled();
    const why = within(panel).getByTestId("referral-elsewhere");
    expect(why).toHaveTextContent("a new patient has none yet");
    expect(book).toHaveAccessibleDescription(why.textContent);
  });

  it("says why Book is off when the patient becomes another one on file, who has their own referrals", async () => {
    api.searchPatients.mockResolvedValue([summary({ id: "pat-tran", givenName: "Lan", familyName: "Tran" })]);
    const panel = await pickReferralTime();

    await userEvent.click(screen.getByTestId("change-patient"));
    await userEvent.type(await screen.findByTestId("book-patient-search"), "Tran");
    await userEvent.click(await screen.findByTestId("book-patient-result"));
    expect(await screen.findByTestId("chosen-patient")).toHaveAttribute("data-patient-id", "pat-tran");

    expect(within(panel).getByTestId("book-button")).toBeDisabled();
    expect(within(panel).getByTestId("referral-elsewhere")).toHaveTextContent("found for another patient, under their referral");
    expect(api.bookSlot).not.toHaveBeenCalled();
  });
});

describe("booking a new patient", () => {
  it("finds a similar record (day and month swapped) and links to it instead of duplicating", async () => {
    window.location.hash = "#/book";
    const mother = summary({ id: "pat-tran", givenName: "Lan", familyName: "Tran", birthDate: "1950-03-05", phones: [] });
    api.searchPatients.mockImplementation((query) => Promise.resolve(query.includes("Tran") ? [mother] : []));
    renderWithProviders(<BookScreen />);
    await enterNewPatient("3125550199");
    const similar = await screen.findByTestId("similar-patients");
    expect(similar).toHaveTextContent("A similar record already exists.");
    expect(within(similar).getByTestId("similar-patient")).toHaveTextContent("day and month swapped");
    await userEvent.click(within(similar).getByRole("button", { name: "Use this patient" }));
    expect(await screen.findByTestId("chosen-patient")).toHaveAttribute("data-patient-id", "pat-tran");
  });

  it("books someone found nowhere as a new patient", async () => {
    window.location.hash = "#/book";
    api.searchPatients.mockResolvedValue([]);
    api.searchSlots.mockResolvedValue(slotResults([openSlot()]));
    renderWithProviders(<BookScreen />);
    await enterNewPatient("+13125550199");
    expect(await screen.findByTestId("chosen-patient")).toHaveTextContent("New patient: Tran, Lan");
    await userEvent.click(screen.getByTestId("finder-search"));
    api.bookSlot.mockResolvedValue({ outcome: "booked", result: booked({}, { patientCreated: true }) });
    await pickAndBook("slot-nh-0900");
    expect(api.bookSlot).toHaveBeenCalledWith(
      expect.objectContaining({
        patient: { kind: "new", givenName: "Lan", familyName: "Tran", birthDate: "1950-05-03", phone: "+13125550199", email: null },
      }),
    );
  });
  it("books a new patient for a video time, their Zoom record made with the visit", async () => {
    window.location.hash = "#/book";
    api.searchPatients.mockResolvedValue([]);
    api.searchSlots.mockResolvedValue(slotResults([videoSlot()], [outcome("zoom", { state: "ok", slots: 1 })]));
    renderWithProviders(<BookScreen />);
    await enterNewPatient("+13125550199");
    await screen.findByTestId("chosen-patient");
    await userEvent.click(screen.getByTestId("finder-search"));
    await userEvent.click(await screen.findByTestId("slot"));
    const panel = await screen.findByTestId("booking-panel");
    const book = within(panel).getByTestId("book-button");
    expect(book).toBeEnabled();
    api.bookSlot.mockResolvedValue({
      outcome: "booked",
      result: booked(
        { vendor: "zoom", status: { state: "scheduled" }, visit: { mode: "telehealth", patientJoinUrl: "https://zoom.example/j/2", providerJoinUrl: "https://zoom.example/s/2" } },
        { settling: false, patientCreated: true, telehealth: { patientJoinUrl: "https://zoom.example/j/2", providerJoinUrl: "https://zoom.example/s/2", invite: { state: "sent", channels: ["sms"] }, remindersAt: [] } },
      ),
    });
    await userEvent.click(book);
    expect(api.bookSlot).toHaveBeenCalledWith(
      expect.objectContaining({
        slotId: videoSlot().id,
        patient: { kind: "new", givenName: "Lan", familyName: "Tran", birthDate: "1950-05-03", phone: "+13125550199", email: null },
      }),
    );
    expect(api.bookSlot.mock.calls[0]?.[0].telehealth?.minutes).toBeGreaterThan(0);
    await waitFor(() => {
      expect(screen.getByTestId("booking-status")).toHaveAttribute("data-state", "scheduled");
    });
  });
});

describe("rescheduling", () => {
  it("opens on the appointment's provider and type and moves it rather than booking twice", async () => {
    window.location.hash =
      "#/book?patientId=pat-nguyen&reschedule=nexhealth%3A4411&providerId=nexhealth%3Aprov-lee&appointmentType=Follow-up&mode=inPerson";
    api.searchSlots.mockResolvedValue(slotResults([openSlot()]));
    renderWithProviders(<BookScreen />);
    expect(await screen.findByRole("heading", { level: 1, name: "Reschedule" })).toBeInTheDocument();
    expect(await screen.findByRole("checkbox", { name: "Dr. Ana Lee" })).toBeChecked();
    await waitFor(() => {
      expect(screen.getByTestId("finder-type")).toHaveValue("nexhealth:7");
    });
    expect(screen.queryByTestId("change-patient")).not.toBeInTheDocument();
    await screen.findByTestId("chosen-patient");
    await userEvent.click(screen.getByTestId("finder-search"));
    await screen.findByTestId("slot-results");
    api.rescheduleAppointment.mockResolvedValue({ outcome: "booked", result: booked({}, { replaces: "nexhealth:4411" }) });
    await pickAndBook("slot-nh-0900");
    expect(api.rescheduleAppointment).toHaveBeenCalledWith("nexhealth:4411", expect.objectContaining({ slotId: "slot-nh-0900" }));
    expect(api.bookSlot).not.toHaveBeenCalled();
    expect(await screen.findByText("The old appointment stays until the new one is confirmed.")).toBeInTheDocument();
    act(() => {
      settle?.({ key: "key-1", outcome: "confirmed", reason: null, appointment: booked({ status: { state: "scheduled" } }).appointment, replacedCancelled: "nexhealth:4411" });
    });
    expect(await screen.findByTestId("replaced-cancelled")).toHaveTextContent("The old appointment is cancelled");
  });
});
