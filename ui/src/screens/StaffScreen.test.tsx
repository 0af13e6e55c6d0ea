// The staff screen: the accounts listed, a new one sent to the backend as entered, a role change
// sent as a change of role alone, a clinician linked to her provider, and the backend's refusal
// shown in words.
import { screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import * as backend from "../api/backend";
import type { Provider, StaffMember } from "../api/backend";
import { BackendError } from "../api/errors";
import { renderWithProviders } from "../test/render";
import { StaffScreen } from "./StaffScreen";

vi.mock("../api/backend", () => import("../test/mockBackend"));

const api = vi.mocked(backend);
const dana: StaffMember = { id: "1", username: "dana", displayName: "Dana", role: "admin", active: true, secondFactor: false, providerId: null };
const rosa: StaffMember = { id: "2", username: "rosa", displayName: "Rosa", role: "receptionist", active: true, secondFactor: false, providerId: null };
const lee: StaffMember = { id: "3", username: "lee", displayName: "Dr. Lee", role: "clinician", active: true, secondFactor: false, providerId: null };
const provider = (id: string, displayName: string): Provider => ({ id, displayName, designation: null, links: [], asOf: "2026-11-21T08:00:00Z" });
const providers = [provider("zoom:gl", "Dr. Grace Lee"), provider("zoom:ok", "Dr. Omar Khan")];

beforeEach(() => {
  vi.resetAllMocks();
  api.listStaff.mockResolvedValue([dana, rosa]);
  api.getRetentionWindow.mockResolvedValue({ days: 30, chosen: false, defaultDays: 30 });
  api.getSecondFactorSettings.mockResolvedValue({ roles: [], enrolled: [] });
  api.getProviders.mockResolvedValue(providers);
});

describe("StaffScreen", () => {
  it("lists the accounts and adds one as entered", async () => {
    api.createStaff.mockResolvedValue({ ...rosa, id: "3", username: "lee", displayName: "Dr. Lee", role: "clinician" });
    renderWithProviders(<StaffScreen />);
    expect(await screen.findAllByTestId("staff-row")).toHaveLength(2);
    const form = screen.getByTestId("staff-new");
    await userEvent.type(within(form).getByLabelText("Your name"), "Dr. Lee");
    await userEvent.type(within(form).getByLabelText("Username"), "lee");
    await userEvent.selectOptions(within(form).getByLabelText("Role"), "clinician");
    await userEvent.type(within(form).getByLabelText("New PIN or password"), "135791");
    await userEvent.click(within(form).getByRole("button", { name: "Add" }));
    expect(api.createStaff).toHaveBeenCalledWith({ username: "lee", displayName: "Dr. Lee", role: "clinician", credential: "135791", providerId: null });
  });

  it("links a new clinician to the provider she is, and only a clinician", async () => {
    api.createStaff.mockResolvedValue({ ...lee, providerId: "zoom:gl" });
    renderWithProviders(<StaffScreen />);
    const form = screen.getByTestId("staff-new");
    expect(within(form).queryByLabelText("Provider")).toBeNull();
    await userEvent.type(within(form).getByLabelText("Your name"), "Dr. Lee");
    await userEvent.type(within(form).getByLabelText("Username"), "lee");
    await userEvent.selectOptions(within(form).getByLabelText("Role"), "clinician");
    const picker = await within(form).findByLabelText("Provider");
    await within(form).findByRole("option", { name: "Dr. Grace Lee" });
    await userEvent.selectOptions(picker, "zoom:gl");
    await userEvent.type(within(form).getByLabelText("New PIN or password"), "135791");
    await userEvent.click(within(form).getByRole("button", { name: "Add" }));
    expect(api.createStaff).toHaveBeenCalledWith({ username: "lee", displayName: "Dr. Lee", role: "clinician", credential: "135791", providerId: "zoom:gl" });
  });

  it("changes a clinician's provider alone, and offers none to other roles", async () => {
    api.listStaff.mockResolvedValue([dana, { ...lee, providerId: "zoom:gl" }]);
    api.updateStaff.mockResolvedValue({ ...lee, providerId: "zoom:ok" });
    renderWithProviders(<StaffScreen />);
    const picker = await screen.findByLabelText("Provider Dr. Lee is");
    await within(picker).findByRole("option", { name: "Dr. Omar Khan" });
    expect(picker).toHaveValue("zoom:gl");
    expect(screen.queryByLabelText("Provider Dana is")).toBeNull();
    await userEvent.selectOptions(picker, "zoom:ok");
    expect(api.updateStaff).toHaveBeenCalledWith("3", { displayName: null, role: null, active: null, secondFactor: null, providerId: "zoom:ok" });
    await userEvent.selectOptions(picker, "");
    expect(api.updateStaff).toHaveBeenLastCalledWith("3", { displayName: null, role: null, active: null, secondFactor: null, providerId: null });
  });

  it("changes a role alone and shows the backend's refusal", async () => {
    api.updateStaff.mockRejectedValue(new BackendError({ kind: "conflict", message: "this is the last active admin: make another admin first" }));
    renderWithProviders(<StaffScreen />);
    await userEvent.selectOptions(await screen.findByLabelText("Role of Dana"), "receptionist");
    expect(api.updateStaff).toHaveBeenCalledWith("1", { displayName: null, role: "receptionist", active: null, secondFactor: null });
    expect(await screen.findByRole("alert")).toHaveTextContent("last active admin");
  });

  it("shows the 30-day default in force, sets another window and purges with it, saying what went", async () => {
    api.setRetentionWindow.mockResolvedValue();
    api.purgeNow.mockResolvedValue({ appointments: 12, patients: 3, contacts: 4, encounters: 2, referrals: 0 });
    renderWithProviders(<StaffScreen />);
    const form = await screen.findByTestId("retention");
    expect(await within(form).findByText("No window chosen: the default of 30 days applies.")).toBeInTheDocument();
    const days = within(form).getByRole("spinbutton");
    expect(days).toHaveValue(30);
    expect(within(form).getByRole("button", { name: "Purge now" })).toBeEnabled();
    await userEvent.clear(days);
    await userEvent.type(days, "90");
    api.getRetentionWindow.mockResolvedValue({ days: 90, chosen: true, defaultDays: 30 });
    await userEvent.click(within(form).getByRole("button", { name: "Save" }));
    expect(api.setRetentionWindow).toHaveBeenCalledWith(90);
    expect(await within(form).findByText("Chosen by an admin (the default is 30 days).")).toBeInTheDocument();
    expect(within(form).getByText(/purges after each sync and once a day/)).toBeInTheDocument();
    await userEvent.click(within(form).getByRole("button", { name: "Purge now" }));
    expect(await screen.findByTestId("purged")).toHaveTextContent("Removed 12 appointments, 3 patients");
  });
});
