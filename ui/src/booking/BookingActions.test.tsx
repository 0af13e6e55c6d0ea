// The booking actions where appointments and patients are shown: the card's Book, "Call me
// back" (queued while CXone is down), Reschedule and Cancel (with WellHive's reasons), and the
// same from a block on the day board.
import { useState } from "react";
import type { ReactElement } from "react";
import { act, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { SessionContext } from "../access/session";
import type { SessionContextValue } from "../access/session";
import * as backend from "../api/backend";
import { BackendError } from "../api/errors";
import type { Appointment } from "../api/backend";
import { appointment, CHICAGO, connected } from "../test/fixtures";
import { renderWithProviders } from "../test/render";
import { AppointmentActions } from "./AppointmentActions";
import { BoardActionsButton, BoardActionsHost } from "./BoardAppointmentMenu";
import type { BoardActionTarget } from "./BoardAppointmentMenu";
import { PatientActions } from "./PatientActions";

vi.mock("../api/backend", () => import("../test/mockBackend"));
const api = vi.mocked(backend);

const NOW = new Date("2026-11-21T14:00:00Z");

beforeEach(() => {
  vi.resetAllMocks();
  api.getVendorStatuses.mockResolvedValue(connected());
});

describe("Book and Call me back on a card", () => {
  it("links Book to the slot finder for this patient", () => {
    renderWithProviders(<PatientActions patientId="pat-nguyen" patientName="Nguyen, Minh" />);
    expect(screen.getByRole("link", { name: "Book" })).toHaveAttribute("href", "#/book?patientId=pat-nguyen");
  });

  it("schedules a callback and says it waits in the outbox while CXone is down", async () => {
    api.getVendorStatuses.mockResolvedValue(connected().map((s) => (s.vendor === "cxone" ? { ...s, state: "offline" as const } : s)));
    api.scheduleCallback.mockImplementation((patientId, at, reason) =>
      Promise.resolve({ id: "cb-9", patientId, at, reason, state: { state: "queued" } }),
    );
    renderWithProviders(<PatientActions patientId="pat-nguyen" patientName="Nguyen, Minh" />);
    const opener = screen.getByRole("button", { name: "Call me back" });
    await userEvent.click(opener);
    const dialog = screen.getByRole("dialog", { name: "Call back Nguyen, Minh" });
    // Focus moves into the dialog, onto its first field.
    expect(within(dialog).getByLabelText("Call back at")).toHaveFocus();
    const submit = within(dialog).getByRole("button", { name: "Schedule callback" });
    expect(submit).toBeDisabled();
    await userEvent.type(within(dialog).getByLabelText("Reason"), "Question about a bill");
    await userEvent.click(submit);
    await waitFor(() => {
      expect(api.scheduleCallback).toHaveBeenCalledWith("pat-nguyen", expect.stringMatching(/Z$/), "Question about a bill");
    });
    const status = await within(dialog).findByTestId("callback-status");
    expect(status).toHaveAttribute("data-state", "queued");
    expect(status).toHaveTextContent("it will be sent when CXone is back");
    await userEvent.click(within(dialog).getByRole("button", { name: "Close" }));
    expect(screen.queryByRole("dialog")).not.toBeInTheDocument();
    expect(opener).toHaveFocus();
  });

  it("closes on Escape without scheduling anything", async () => {
    renderWithProviders(<PatientActions patientId="pat-nguyen" patientName="Nguyen, Minh" />);
    await userEvent.click(screen.getByRole("button", { name: "Call me back" }));
    await userEvent.keyboard("{Escape}");
    expect(screen.queryByRole("dialog")).not.toBeInTheDocument();
    expect(api.scheduleCallback).not.toHaveBeenCalled();
  });
});

describe("Reschedule and Cancel on an appointment", () => {
  it("opens the finder filled in from the appointment for Reschedule", () => {
    renderWithProviders(<AppointmentActions appointment={appointment()} description="10:30, Dr. Ana Lee" zone={CHICAGO.timeZone} now={NOW} />);
    const link = screen.getByRole("link", { name: "Reschedule 10:30, Dr. Ana Lee" });
    const params = new URLSearchParams(link.getAttribute("href")?.split("?")[1]);
    expect(Object.fromEntries(params)).toEqual({
      patientId: "pat-nguyen",
      reschedule: "nexhealth:4411",
      providerId: "nexhealth:prov-lee",
      appointmentType: "Follow-up",
      mode: "inPerson",
    });
  });

  it("offers nothing to change on a past or cancelled appointment", () => {
    const { container } = renderWithProviders(
      <>
        <AppointmentActions appointment={appointment({ status: { state: "cancelled" } })} description="x" zone={undefined} now={NOW} />
        <AppointmentActions appointment={appointment({ end: "2026-11-20T10:00:00Z" })} description="y" zone={undefined} now={NOW} />
      </>,
    );
    expect(container).toBeEmptyDOMElement();
  });

  it("cancels an in-person appointment without asking a reason, and says so after the row changed", async () => {
    api.cancelAppointment.mockResolvedValue(appointment({ status: { state: "cancelled" } }));
    let showOnCard: (appt: Appointment) => void = () => undefined;
    function Row() {
      const [appt, setAppt] = useState(appointment());
      showOnCard = setAppt;
      return <AppointmentActions appointment={appt} description="10:30, Dr. Ana Lee" zone={CHICAGO.timeZone} now={NOW} />;
    }
    renderWithProviders(<Row />);
    await userEvent.click(screen.getByRole("button", { name: "Cancel 10:30, Dr. Ana Lee" }));
    const dialog = screen.getByRole("dialog", { name: "Cancel appointment" });
    expect(within(dialog).queryByLabelText("Reason")).not.toBeInTheDocument();
    expect(api.getCancelReasons).not.toHaveBeenCalled();
    await userEvent.click(within(dialog).getByTestId("cancel-confirm"));
    expect(api.cancelAppointment).toHaveBeenCalledWith("nexhealth:4411", null);
    // The card re-reads the appointment as cancelled; the dialog stays to say how it went.
    act(() => {
      showOnCard(appointment({ status: { state: "cancelled" } }));
    });
    expect(await screen.findByTestId("cancel-status")).toHaveTextContent("The appointment is cancelled");
    expect(screen.queryByRole("button", { name: "Cancel 10:30, Dr. Ana Lee" })).not.toBeInTheDocument();
  });

  it("asks WellHive's reasons for a referral and sends the one chosen", async () => {
    const referral = appointment({ id: "wellhive:ap-1", vendor: "wellhive", visit: { mode: "referral", network: "Midwest", providerService: "ps-1", referral: "ref-9" } });
    api.getCancelReasons.mockResolvedValue([
      { id: "patient-request", name: "Patient request" },
      { id: "no-longer-needed", name: null },
    ]);
    api.cancelAppointment.mockResolvedValue({ ...referral, status: { state: "pending" } });
    renderWithProviders(<AppointmentActions appointment={referral} description="the referral" zone={undefined} now={NOW} />);
    await userEvent.click(screen.getByRole("button", { name: "Cancel the referral" }));
    const dialog = screen.getByRole("dialog");
    const confirm = within(dialog).getByTestId("cancel-confirm");
    expect(confirm).toBeDisabled();
    const reason = within(dialog).getByLabelText("Reason");
    await waitFor(() => {
      expect(within(reason).getAllByRole("option")).toHaveLength(3);
    });
    await userEvent.selectOptions(reason, "patient-request");
    await userEvent.click(confirm);
    expect(api.cancelAppointment).toHaveBeenCalledWith("wellhive:ap-1", "patient-request");
    expect(await within(dialog).findByTestId("cancel-status")).toHaveTextContent("WellHive is cancelling it");
  });

  it("says why a cancel could not reach the vendor", async () => {
    api.cancelAppointment.mockRejectedValue(new BackendError({ kind: "offline", vendor: "nexhealth", asOf: null }));
    renderWithProviders(<AppointmentActions appointment={appointment()} description="10:30" zone={undefined} now={NOW} />);
    await userEvent.click(screen.getByRole("button", { name: "Cancel 10:30" }));
    await userEvent.click(screen.getByTestId("cancel-confirm"));
    expect(await screen.findByRole("alert")).toHaveTextContent("NexHealth cannot be reached.");
  });
});

describe("the day board's menu", () => {
  let showOnBoard: (appt: Appointment) => void = () => undefined;

  function Board() {
    const [appt, setAppt] = useState(appointment());
    showOnBoard = setAppt;
    const [open, setOpen] = useState<BoardActionTarget | null>(null);
    const target = { appointment: appt, description: "10:30–11:00, Nguyen, Minh", patientName: "Nguyen, Minh", zone: CHICAGO.timeZone };
    return (
      <>
        {/* The block leaves the board once cancelled, as the real board re-reads it. */}
        {appt.status.state !== "cancelled" && <BoardActionsButton target={target} style={{}} onOpen={setOpen} />}
        <BoardActionsHost
          target={open}
          onClose={() => {
            setOpen(null);
          }}
        />
      </>
    );
  }

  it("names the block it acts on, cancels, and keeps saying so after the block has gone", async () => {
    api.cancelAppointment.mockResolvedValue(appointment({ status: { state: "cancelled" } }));
    renderWithProviders(<Board />);
    await userEvent.click(screen.getByRole("button", { name: "Actions for 10:30–11:00, Nguyen, Minh" }));
    const menu = screen.getByRole("dialog", { name: "Actions for 10:30–11:00, Nguyen, Minh" });
    expect(within(menu).getByRole("link", { name: "Reschedule" })).toHaveAttribute("href", expect.stringContaining("reschedule=nexhealth%3A4411"));
    await userEvent.click(within(menu).getByRole("button", { name: "Cancel" }));
    await userEvent.click(screen.getByTestId("cancel-confirm"));
    expect(api.cancelAppointment).toHaveBeenCalledWith("nexhealth:4411", null);
    act(() => {
      showOnBoard(appointment({ status: { state: "cancelled" } }));
    });
    expect(await screen.findByTestId("cancel-status")).toHaveTextContent("The appointment is cancelled");
    expect(screen.queryByRole("button", { name: /^Actions for/ })).not.toBeInTheDocument();
  });
});

describe("what a role may not run is not offered", () => {
  function asClinician(ui: ReactElement) {
    // The clinician's permissions as the backend lists them: cards and visits, no schedule changes.
    const session: SessionContextValue = {
      status: {} as SessionContextValue["status"],
      can: (command) => ["patient_card", "provider_day", "join_visit"].includes(command),
      lock: () => undefined,
      switchUser: () => undefined,
      signOut: () => undefined,
    };
    return renderWithProviders(<SessionContext.Provider value={session}>{ui}</SessionContext.Provider>);
  }

  it("gives a clinician no Book or Call me back on a card", () => {
    asClinician(<PatientActions patientId="pat-nguyen" patientName="Nguyen, Minh" />);
    expect(screen.queryByRole("link", { name: "Book" })).toBeNull();
    expect(screen.queryByRole("button", { name: "Call me back" })).toBeNull();
  });

  it("gives a clinician no Reschedule or Cancel on an upcoming appointment", () => {
    asClinician(<AppointmentActions appointment={appointment()} description="10:30, Dr. Ana Lee" zone={CHICAGO.timeZone} now={NOW} />);
    expect(screen.queryByTestId("reschedule-appointment")).toBeNull();
    expect(screen.queryByTestId("cancel-appointment")).toBeNull();
  });
});
