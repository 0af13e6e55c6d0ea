// Dr. Lee's 09:00: her own day (every location and her video visits, which have no location)
// in time order, the patient waiting in Zoom's waiting room, and Join on the telehealth one
// opening the provider link through the opener (mocked here), never inside the app.
import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import * as backend from "../api/backend";
import type { ProviderDay } from "../api/backend";
import { BackendError } from "../api/errors";
import { AppShell } from "../shell/AppShell";
import { appInfo, appointment, CHICAGO, connected, DR_LEE, DR_PATEL, summary } from "../test/fixtures";
import { renderWithProviders } from "../test/render";
import { SessionContext } from "../access/session";
import type { SessionContextValue } from "../access/session";
import { PROVIDER_STORAGE_KEY } from "./MyDayScreen";

vi.mock("../api/backend", () => import("../test/mockBackend"));
const api = vi.mocked(backend);

const PROVIDER_URL = "https://zoom.example/s/915?zak=provider-only";

const day: ProviderDay = {
  provider: DR_LEE,
  day: "2026-11-21",
  timeZone: CHICAGO.timeZone,
  appointments: [
    appointment({ id: "nexhealth:2", start: "2026-11-21T16:30:00Z", end: "2026-11-21T17:00:00Z" }),
    appointment({
      id: "zoom:1",
      vendor: "zoom",
      // A video visit has no location; it is on her day all the same.
      locationId: null,
      // 09:15 CST.
      start: "2026-11-21T15:15:00Z",
      end: "2026-11-21T15:35:00Z",
      status: { state: "waiting" },
      visit: { mode: "telehealth", patientJoinUrl: "https://zoom.example/j/915", providerJoinUrl: PROVIDER_URL },
    }),
  ],
  patients: [summary()],
};
const patelDay: ProviderDay = {
  ...day,
  provider: DR_PATEL,
  appointments: [appointment({ id: "nexhealth:3", providerId: DR_PATEL.id })],
};

beforeEach(() => {
  vi.resetAllMocks();
  api.refreshPatientCard.mockImplementation((id) => api.getPatientCard(id));
  window.localStorage.clear();
  window.location.hash = "#/my-day";
  vi.useFakeTimers({ toFake: ["Date"] });
  vi.setSystemTime(new Date("2026-11-21T15:13:00Z"));
  api.getAppInfo.mockResolvedValue(appInfo({ practiceName: "Lakeside Family Eye Care" }));
  api.getVendorStatuses.mockResolvedValue(connected());
  api.onVendorStatusChanged.mockResolvedValue(() => undefined);
  api.getLocations.mockResolvedValue([CHICAGO]);
  api.getProviders.mockResolvedValue([DR_LEE, DR_PATEL]);
  api.getDayBoard.mockRejectedValue(new Error("My day is the provider's day, not a location's board"));
  api.getProviderDay.mockImplementation((providerId) => Promise.resolve(providerId === DR_PATEL.id ? patelDay : day));
  api.getPatientCard.mockRejectedValue(new Error("the board must not open cards to name people"));
  api.joinVisit.mockResolvedValue();
  api.getWaitingRoom.mockResolvedValue([]);
});

afterEach(() => {
  vi.useRealTimers();
});

async function myDayAs(providerName: string) {
  renderWithProviders(<AppShell />);
  const picker = await screen.findByLabelText("Provider");
  await userEvent.selectOptions(picker, screen.getByRole("option", { name: providerName }));
  return screen.findByTestId("my-day");
}

describe("My day", () => {
  it("opens on the signed-in clinician's own provider, whatever this shared computer saw last", async () => {
    window.localStorage.setItem(PROVIDER_STORAGE_KEY, DR_PATEL.id);
    const session: SessionContextValue = {
      status: {
        phase: "active",
        user: { staffId: "s2", username: "lee", displayName: "Dr. Lee", role: "clinician", providerId: DR_LEE.id },
        allowed: ["provider_day"],
        idleLockSecs: 900,
        demoAccounts: [],
      },
      can: () => true,
      lock: () => undefined,
      switchUser: () => undefined,
      signOut: () => undefined,
    };
    renderWithProviders(
      <SessionContext.Provider value={session}>
        <AppShell />
      </SessionContext.Provider>,
    );
    expect(await screen.findByLabelText("Provider")).toHaveValue(DR_LEE.id);
    await screen.findByTestId("my-day");
    expect(api.getProviderDay).toHaveBeenCalledWith(DR_LEE.id, expect.any(String), expect.any(String));
    expect(api.getProviderDay).not.toHaveBeenCalledWith(DR_PATEL.id, expect.any(String), expect.any(String));
  });

  it("asks the clinician to pick themselves first", async () => {
    renderWithProviders(<AppShell />);
    expect(await screen.findByText("Choose yourself as the provider to see your day.")).toBeInTheDocument();
  });

  it("lists only that provider's appointments, in time order, in the location's time", async () => {
    const list = await myDayAs("Dr. Ana Lee");
    const rows = within(list).getAllByTestId("my-day-row");
    expect(rows.map((r) => r.dataset.appointmentId)).toEqual(["zoom:1", "nexhealth:2"]);
    expect(rows[0]).toHaveTextContent("09:15–09:35");
    expect(rows[0]).toHaveTextContent("In waiting room");
    expect(within(rows[0] as HTMLElement).getByTestId("waiting-room")).toHaveTextContent("In the waiting room");
    expect(within(rows[1] as HTMLElement).queryByTestId("waiting-room")).toBeNull();
    expect(rows[0]).toHaveTextContent("Video");
    expect(rows[1]).toHaveTextContent("Lakeside Clinic");
    // Her day in the location's zone: Chicago's date, whatever the computer's zone.
    expect(api.getProviderDay).toHaveBeenLastCalledWith(DR_LEE.id, "2026-11-21", "America/Chicago");
    await waitFor(() => {
      expect(within(rows[0] as HTMLElement).getByRole("link", { name: "Nguyen, Minh" })).toHaveAttribute(
        "href",
        "#/patients/pat-nguyen",
      );
    });
    expect(window.localStorage.getItem(PROVIDER_STORAGE_KEY)).toBe(DR_LEE.id);
  });

  it("Join opens the provider's link through the opener, and only telehealth rows have it", async () => {
    const list = await myDayAs("Dr. Ana Lee");
    const joins = within(list).getAllByTestId("join-button");
    expect(joins).toHaveLength(1);
    const join = joins[0] as HTMLElement;
    expect(join).toHaveTextContent("Join");
    expect(join.closest("tr")).toHaveAttribute("data-appointment-id", "zoom:1");
    await userEvent.click(join);
    expect(api.joinVisit).toHaveBeenCalledExactlyOnceWith("zoom:1");
  });

  it("shows another provider's own day when they pick themselves", async () => {
    const list = await myDayAs("Dr. Raj Patel");
    const rows = within(list).getAllByTestId("my-day-row");
    expect(rows.map((r) => r.dataset.appointmentId)).toEqual(["nexhealth:3"]);
    expect(within(list).queryByTestId("join-button")).toBeNull();
  });

  it("says why Join did not open", async () => {
    api.joinVisit.mockRejectedValue(new BackendError({ kind: "invalid", field: "joinUrl", message: "not a web link" }));
    const list = await myDayAs("Dr. Ana Lee");
    await userEvent.click(within(list).getByTestId("join-button"));
    expect(await screen.findByRole("alert")).toHaveTextContent("“joinUrl” is not valid: not a web link.");
  });

  it("opens her own telehealth hours on request, and shows the desk's refusal of another's", async () => {
    api.getZoomAvailability.mockImplementation((providerId) =>
      providerId === DR_LEE.id
        ? Promise.resolve({ providerId, zoomProviderId: "prov_1", timeZone: "America/Chicago", weeklyHours: [{ day: "Monday", start: "09:00", end: "12:00" }], unavailableDates: [] })
        : Promise.reject(new BackendError({ kind: "forbidden", action: "zoom_availability" })),
    );
    await myDayAs("Dr. Ana Lee");
    expect(api.getZoomAvailability).not.toHaveBeenCalled();
    const hours = screen.getByTestId("my-zoom-hours");
    await userEvent.click(within(hours).getByRole("button", { name: "Show my telehealth hours" }));
    expect(await within(hours).findByTestId("zoom-hours-form")).toBeInTheDocument();
    expect(api.getZoomAvailability).toHaveBeenCalledWith(DR_LEE.id);

    await userEvent.selectOptions(screen.getByLabelText("Provider"), DR_PATEL.id);
    expect(await within(screen.getByTestId("my-zoom-hours")).findByRole("alert")).toHaveTextContent("Your role does not allow this");
  });

  it("says so when the provider has nothing that day", async () => {
    api.getProviderDay.mockResolvedValue({ ...day, appointments: [] });
    renderWithProviders(<AppShell />);
    await userEvent.selectOptions(await screen.findByLabelText("Provider"), DR_LEE.id);
    expect(await screen.findByTestId("my-day-empty")).toHaveTextContent("No appointments for this provider on this day.");
  });

  it("speaks Spanish", async () => {
    window.localStorage.setItem(PROVIDER_STORAGE_KEY, DR_LEE.id);
    renderWithProviders(<AppShell />, { locale: "es" });
    const list = await screen.findByTestId("my-day");
    expect(await within(list).findByTestId("join-button")).toHaveTextContent("Unirse");
    expect(list).toHaveTextContent("En sala de espera");
    expect(within(list).getByTestId("waiting-room")).toHaveTextContent("En la sala de espera");
    expect(within(list).getByRole("columnheader", { name: "Dónde" })).toBeInTheDocument();
    expect(screen.getByRole("heading", { level: 1 })).toHaveTextContent("Mi día");
  });
});
