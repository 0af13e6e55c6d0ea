// Dr. Lee's video visit on "My day" while the patient waits in Zoom's waiting room: the time
// they joined, Admit, a message to them, and the invitation sent again; each button names the
// patient for a screen reader and each outcome is announced. In-person rows have none of it.
import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import * as backend from "../api/backend";
import type { ProviderDay } from "../api/backend";
import { BackendError } from "../api/errors";
import { PROVIDER_STORAGE_KEY } from "../screens/MyDayScreen";
import { AppShell } from "../shell/AppShell";
import { appInfo, appointment, CHICAGO, connected, DR_LEE, summary } from "../test/fixtures";
import { renderWithProviders } from "../test/render";

vi.mock("../api/backend", () => import("../test/mockBackend"));
const api = vi.mocked(backend);

const day: ProviderDay = {
  provider: DR_LEE,
  day: "2026-11-21",
  timeZone: CHICAGO.timeZone,
  appointments: [
    appointment({ id: "nexhealth:2", start: "2026-11-21T16:30:00Z", end: "2026-11-21T17:00:00Z" }),
    appointment({
      id: "zoom:visit_1",
      vendor: "zoom",
      externalId: "visit_1",
      patientExternalId: "pat_1",
      locationId: null,
      start: "2026-11-21T15:15:00Z",
      end: "2026-11-21T15:35:00Z",
      status: { state: "scheduled" },
      visit: { mode: "telehealth", patientJoinUrl: "https://zoom.example/j/1", providerJoinUrl: "https://zoom.example/s/1" },
    }),
  ],
  patients: [summary()],
};

beforeEach(() => {
  vi.resetAllMocks();
  window.localStorage.clear();
  window.localStorage.setItem(PROVIDER_STORAGE_KEY, DR_LEE.id);
  window.location.hash = "#/my-day";
  vi.useFakeTimers({ toFake: ["Date"] });
  vi.setSystemTime(new Date("2026-11-21T15:13:00Z"));
  api.getAppInfo.mockResolvedValue(appInfo({ practiceName: "Lakeside Family Eye Care" }));
  api.getVendorStatuses.mockResolvedValue(connected());
  api.onVendorStatusChanged.mockResolvedValue(() => undefined);
  api.getLocations.mockResolvedValue([CHICAGO]);
  api.getProviders.mockResolvedValue([DR_LEE]);
  api.getProviderDay.mockResolvedValue(day);
  // 09:14 in Chicago: the patient joined a minute before the visit.
  api.getWaitingRoom.mockResolvedValue([{ appointmentId: "zoom:visit_1", joinedAt: "2026-11-21T15:14:00Z" }]);
});

afterEach(() => {
  vi.useRealTimers();
});

async function videoRow() {
  renderWithProviders(<AppShell />);
  const list = await screen.findByTestId("my-day");
  const row = list.querySelector('[data-appointment-id="zoom:visit_1"]') as HTMLElement;
  await within(row).findByTestId("admit-button");
  return { list, row };
}

describe("the waiting room on My day", () => {
  it("says since when the patient waits, from Zoom, though the cached visit is only scheduled", async () => {
    const { list, row } = await videoRow();
    expect(within(row).getByTestId("waiting-room")).toHaveTextContent("In the waiting room since 09:14");
    const inPerson = list.querySelector('[data-appointment-id="nexhealth:2"]') as HTMLElement;
    expect(within(inPerson).queryByTestId("visit-actions")).toBeNull();
  });

  it("admits the patient and says so", async () => {
    api.admitWaitingPatient.mockResolvedValue();
    const { row } = await videoRow();
    await userEvent.click(within(row).getByRole("button", { name: "Admit Nguyen, Minh from the waiting room" }));
    expect(api.admitWaitingPatient).toHaveBeenCalledExactlyOnceWith("zoom:visit_1");
    expect(await within(row).findByTestId("visit-action-result")).toHaveTextContent("Admitted.");
  });

  it("sends the waiting patient a message typed by the clinician", async () => {
    api.notifyWaitingPatient.mockResolvedValue();
    const { row } = await videoRow();
    const open = within(row).getByRole("button", { name: "Send Nguyen, Minh a message in the waiting room" });
    expect(open).toHaveAttribute("aria-expanded", "false");
    await userEvent.click(open);
    expect(open).toHaveAttribute("aria-expanded", "true");
    await userEvent.type(within(row).getByLabelText("Message to Nguyen, Minh"), "Running 5 minutes late");
    await userEvent.click(within(row).getByRole("button", { name: "Send" }));
    expect(api.notifyWaitingPatient).toHaveBeenCalledExactlyOnceWith("zoom:visit_1", "Running 5 minutes late");
    expect(await within(row).findByTestId("visit-action-result")).toHaveTextContent("Message sent.");
    expect(within(row).queryByTestId("notify-form")).toBeNull();
  });

  it("resends the invitation and names the channels, or says why not", async () => {
    api.resendInvitation.mockResolvedValueOnce({ channels: ["sms", "email"] });
    const { row } = await videoRow();
    const resend = within(row).getByRole("button", { name: "Resend the video visit invitation to Nguyen, Minh" });
    await userEvent.click(resend);
    expect(api.resendInvitation).toHaveBeenCalledExactlyOnceWith("zoom:visit_1");
    expect(await within(row).findByTestId("visit-action-result")).toHaveTextContent(
      "Invitation sent again by text message, e-mail.",
    );
    api.resendInvitation.mockRejectedValueOnce(
      new BackendError({ kind: "conflict", message: "the patient allows neither e-mail nor text messages" }),
    );
    await userEvent.click(resend);
    expect(await within(row).findByRole("alert")).toHaveTextContent("the patient allows neither e-mail nor text messages");
  });

  it("offers only Resend when nobody waits, in Spanish too", async () => {
    api.getWaitingRoom.mockResolvedValue([]);
    renderWithProviders(<AppShell />, { locale: "es" });
    const list = await screen.findByTestId("my-day");
    const row = list.querySelector('[data-appointment-id="zoom:visit_1"]') as HTMLElement;
    await waitFor(() => {
      expect(within(row).getByTestId("resend-invitation")).toHaveTextContent("Reenviar invitación");
    });
    expect(within(row).queryByTestId("admit-button")).toBeNull();
  });
});
