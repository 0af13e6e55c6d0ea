// Rosa's day board, in a test process whose clock is Berlin's (see vite.config.ts) for a clinic
// in Chicago: the day, the rows and the times must all be Chicago's.
import { act, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import * as backend from "../api/backend";
import type { AppointmentStatus, DayBoard, Location, VendorStatus } from "../api/backend";
import { AppShell } from "../shell/AppShell";
import { appInfo, appointment, CHICAGO, connected, DR_LEE, DR_PATEL, summary } from "../test/fixtures";
import { renderWithProviders } from "../test/render";
import { LOCATION_STORAGE_KEY } from "../schedule/useBoardPlace";

vi.mock("../api/backend", () => import("../test/mockBackend"));
const api = vi.mocked(backend);

const DENVER: Location = { ...CHICAGO, id: "nexhealth:loc-2", externalId: "loc-2", name: "Foothills Clinic", timeZone: "America/Denver" };

const board = (appointments: DayBoard["appointments"], day = "2026-11-21"): DayBoard => ({
  location: CHICAGO,
  day,
  providers: [DR_LEE, DR_PATEL],
  appointments,
  patients: [summary()],
});

let pushStatus: ((status: VendorStatus) => void) | undefined;

beforeEach(() => {
  vi.resetAllMocks();
  api.refreshPatientCard.mockImplementation((id) => api.getPatientCard(id));
  window.localStorage.clear();
  window.location.hash = "#/today";
  // 03:00 on the 22nd in UTC (04:00 in Berlin) is still the evening of the 21st in Chicago.
  vi.useFakeTimers({ toFake: ["Date"] });
  vi.setSystemTime(new Date("2026-11-22T03:00:00Z"));
  api.getAppInfo.mockResolvedValue(appInfo({ practiceName: "Lakeside Family Eye Care" }));
  api.getVendorStatuses.mockResolvedValue(connected());
  api.onVendorStatusChanged.mockImplementation((onChange) => {
    pushStatus = onChange;
    return Promise.resolve(() => undefined);
  });
  api.getLocations.mockResolvedValue([CHICAGO, DENVER]);
  api.getProviders.mockResolvedValue([DR_LEE, DR_PATEL]);
  api.getDayBoard.mockImplementation((_location, day) =>
    Promise.resolve(board([appointment({ providerId: DR_PATEL.id })], day)),
  );
  api.getPatientCard.mockRejectedValue(new Error("the board must not open cards to name people"));
});

afterEach(() => {
  vi.useRealTimers();
});

describe("day board", () => {
  it("opens on today in the location's zone, not the computer's", async () => {
    renderWithProviders(<AppShell />);
    await screen.findByTestId("day-board");
    expect(api.getDayBoard).toHaveBeenCalledWith(CHICAGO.id, "2026-11-21");
    expect(screen.getByTestId("day-picker")).toHaveValue("2026-11-21");
    expect(screen.getByRole("heading", { level: 2 })).toHaveTextContent("Lakeside Clinic · Saturday, November 21, 2026");
  });

  it("places an appointment in its provider's column at its Chicago time", async () => {
    renderWithProviders(<AppShell />);
    const boardEl = await screen.findByTestId("day-board");
    const columns = within(boardEl).getAllByTestId("board-column");
    expect(columns.map((c) => c.dataset.providerId)).toEqual([DR_LEE.id, DR_PATEL.id]);
    const patel = within(boardEl).getByRole("group", { name: "Dr. Raj Patel" });
    const block = await within(patel).findByRole("button", {
      name: "10:30–11:00, Nguyen, Minh, Dr. Raj Patel, Confirmed",
    });
    // 10:30 is the 11th quarter-hour row after 08:00; 11:00 ends before row 13.
    expect(block).toHaveAttribute("data-start-row", "11");
    expect(block).toHaveAttribute("data-end-row", "13");
    // Drawn on 5-minute tracks: 10:30 is track 31, 11:00 ends at 37.
    expect(block.style.gridRow).toBe("31 / 37");
    expect(within(screen.getByRole("group", { name: "Dr. Ana Lee" })).queryAllByRole("button")).toHaveLength(0);
  });

  it("says the times are the location's, with its zone, when the computer's differs", async () => {
    renderWithProviders(<AppShell />);
    expect(await screen.findByTestId("board-zone")).toHaveTextContent("Times are the location's: CST (America/Chicago)");
  });

  it("opens the patient's card from a block", async () => {
    renderWithProviders(<AppShell />);
    const block = await screen.findByRole("button", { name: /^10:30–11:00, Nguyen, Minh/ });
    await userEvent.click(block);
    expect(window.location.hash).toBe("#/patients/pat-nguyen");
  });

  it.each<[AppointmentStatus, string]>([
    [{ state: "scheduled" }, "Scheduled"],
    [{ state: "pending" }, "Pending in EHR"],
    [{ state: "confirmed" }, "Confirmed"],
    [{ state: "waiting" }, "In waiting room"],
    [{ state: "checkedIn" }, "Checked in"],
    [{ state: "inProgress" }, "In progress"],
    [{ state: "completed" }, "Completed"],
    [{ state: "noShow" }, "No-show"],
    [{ state: "cancelled" }, "Cancelled"],
    [{ state: "failed", reason: "slot no longer available" }, "Failed: slot no longer available"],
  ])("shows status %o in words", async (status, words) => {
    api.getDayBoard.mockResolvedValue(board([appointment({ status })]));
    renderWithProviders(<AppShell />);
    const block = await screen.findByTestId("appointment-block");
    expect(block).toHaveAttribute("data-status", status.state);
    expect(block).toHaveTextContent(words);
    expect(block).toHaveAccessibleName(expect.stringContaining(words) as string);
  });

  it("marks telehealth visits with a video badge and words", async () => {
    api.getDayBoard.mockResolvedValue(
      board([appointment({ visit: { mode: "telehealth", patientJoinUrl: null, providerJoinUrl: "https://zoom.example/s/1" } })]),
    );
    renderWithProviders(<AppShell />);
    const block = await screen.findByTestId("appointment-block");
    expect(within(block).getByText("Video")).toHaveAttribute("data-visit", "telehealth");
    expect(block).toHaveAccessibleName(expect.stringContaining("video visit") as string);
  });

  it("says so when the day has no appointments", async () => {
    api.getDayBoard.mockResolvedValue(board([]));
    renderWithProviders(<AppShell />);
    expect(await screen.findByTestId("board-empty")).toHaveTextContent("No appointments on this day.");
    expect(screen.queryByTestId("day-board")).not.toBeInTheDocument();
  });

  it("keeps the cancel dialog, over an empty day, when the day's last appointment is cancelled", async () => {
    // 08:00 in Chicago: the 10:30 is still ahead, so the board offers its actions.
    vi.setSystemTime(new Date("2026-11-21T14:00:00Z"));
    let cancelled = false;
    api.getDayBoard.mockImplementation((_location, day) =>
      Promise.resolve(board(cancelled ? [] : [appointment({ providerId: DR_PATEL.id })], day)),
    );
    api.cancelAppointment.mockImplementation(() => {
      cancelled = true;
      return Promise.resolve(appointment({ providerId: DR_PATEL.id, status: { state: "cancelled" } }));
    });
    renderWithProviders(<AppShell />);
    await userEvent.click(await screen.findByTestId("appointment-actions"));
    await userEvent.click(within(screen.getByTestId("appointment-menu")).getByRole("button", { name: "Cancel" }));
    await userEvent.click(screen.getByTestId("cancel-confirm"));
    // The board re-read the day and found it empty...
    expect(await screen.findByTestId("board-empty")).toHaveTextContent("No appointments on this day.");
    expect(screen.queryByTestId("day-board")).not.toBeInTheDocument();
    // ...and the dialog is still there to say the cancel worked.
    expect(within(screen.getByTestId("cancel-dialog")).getByTestId("cancel-status")).toHaveTextContent(
      "The appointment is cancelled",
    );
    await userEvent.click(screen.getByTestId("cancel-close"));
    expect(screen.queryByTestId("cancel-dialog")).not.toBeInTheDocument();
  });

  it("steps to the next and previous day and back to today", async () => {
    renderWithProviders(<AppShell />);
    await screen.findByTestId("day-board");
    const today = screen.getByRole("button", { name: "Today" });
    expect(today).toBeDisabled();
    await userEvent.click(screen.getByRole("button", { name: "Next day" }));
    await waitFor(() => {
      expect(api.getDayBoard).toHaveBeenLastCalledWith(CHICAGO.id, "2026-11-22");
    });
    await userEvent.click(screen.getByRole("button", { name: "Previous day" }));
    await userEvent.click(screen.getByRole("button", { name: "Previous day" }));
    await waitFor(() => {
      expect(api.getDayBoard).toHaveBeenLastCalledWith(CHICAGO.id, "2026-11-20");
    });
    await userEvent.click(today);
    expect(screen.getByTestId("day-picker")).toHaveValue("2026-11-21");
  });

  it("remembers the chosen location on this computer", async () => {
    const { unmount } = renderWithProviders(<AppShell />);
    await screen.findByTestId("day-board");
    await userEvent.selectOptions(screen.getByLabelText("Location"), DENVER.id);
    await waitFor(() => {
      expect(api.getDayBoard).toHaveBeenLastCalledWith(DENVER.id, "2026-11-21");
    });
    expect(window.localStorage.getItem(LOCATION_STORAGE_KEY)).toBe(DENVER.id);
    unmount();
    api.getDayBoard.mockClear();
    renderWithProviders(<AppShell />);
    await waitFor(() => {
      expect(api.getDayBoard).toHaveBeenCalledWith(DENVER.id, "2026-11-21");
    });
    expect(screen.getByLabelText("Location")).toHaveValue(DENVER.id);
  });

  it("warns when the practice is offline, with the time of the data shown", async () => {
    const asOf = new Date(2026, 10, 21, 13, 8).toISOString();
    api.getVendorStatuses.mockResolvedValue(
      connected().map((s) => ({ ...s, state: "offline" as const, asOf })),
    );
    renderWithProviders(<AppShell />);
    const banner = await screen.findByTestId("offline-banner");
    expect(banner).toHaveTextContent(
      "The practice's systems cannot be reached. The schedule shown is from 13:08; booking is paused until the connection is back.",
    );
    // The board is still there: the cache is what it shows.
    expect(await screen.findByTestId("day-board")).toBeInTheDocument();
  });

  it("names the one vendor that is offline", async () => {
    const statuses = connected().map((s) =>
      s.vendor === "nexhealth" ? { ...s, state: "offline" as const, asOf: new Date(2026, 10, 21, 13, 8).toISOString() } : s,
    );
    api.getVendorStatuses.mockResolvedValue(statuses);
    renderWithProviders(<AppShell />);
    expect(await screen.findByTestId("offline-banner")).toHaveTextContent("NexHealth cannot be reached. The schedule shown is from 13:08");
  });

  it("re-reads the board when a vendor's status changes", async () => {
    renderWithProviders(<AppShell />);
    await screen.findByTestId("day-board");
    await waitFor(() => {
      expect(pushStatus).toBeDefined();
    });
    const before = api.getDayBoard.mock.calls.length;
    act(() => {
      pushStatus?.({ vendor: "nexhealth", state: "ok", asOf: "2026-11-22T02:59:00Z", lastError: null });
    });
    await waitFor(() => {
      expect(api.getDayBoard.mock.calls.length).toBeGreaterThan(before);
    });
  });

  it("prints the day as a table, once the printout is in the audit log", async () => {
    const print = vi.spyOn(window, "print").mockImplementation(() => undefined);
    api.recordDaySheetPrint.mockResolvedValue(undefined);
    renderWithProviders(<AppShell />);
    await screen.findByTestId("day-board");
    await userEvent.click(screen.getByRole("button", { name: "Print" }));
    await waitFor(() => {
      expect(print).toHaveBeenCalledOnce();
    });
    expect(api.recordDaySheetPrint).toHaveBeenCalledWith(CHICAGO.id, "2026-11-21", 1);
    expect(api.recordDaySheetPrint.mock.invocationCallOrder[0]).toBeLessThan(print.mock.invocationCallOrder[0] ?? 0);
    const sheet = screen.getByTestId("print-sheet");
    expect(within(sheet).getAllByRole("row")).toHaveLength(2);
    expect(sheet).toHaveTextContent("10:30–11:00");
    expect(sheet).toHaveTextContent("Dr. Raj Patel");
    expect(sheet).toHaveTextContent("Confirmed");
  });

  it("does not print a day sheet the audit log could not record, and says why", async () => {
    const print = vi.spyOn(window, "print").mockImplementation(() => undefined);
    api.recordDaySheetPrint.mockRejectedValue({ kind: "storage", message: "the cache could not be written", wayOut: "restart" });
    renderWithProviders(<AppShell />);
    await screen.findByTestId("day-board");
    await userEvent.click(screen.getByRole("button", { name: "Print" }));
    await screen.findByRole("alert");
    expect(print).not.toHaveBeenCalled();
  });

  it("speaks Spanish", async () => {
    api.getDayBoard.mockResolvedValue(board([appointment({ status: { state: "pending" } })]));
    renderWithProviders(<AppShell />, { locale: "es" });
    const block = await screen.findByTestId("appointment-block");
    expect(block).toHaveTextContent("Pendiente en la historia clínica");
    expect(screen.getByRole("button", { name: "Imprimir" })).toBeInTheDocument();
    expect(screen.getByRole("button", { name: "Día siguiente" })).toBeInTheDocument();
  });
});
