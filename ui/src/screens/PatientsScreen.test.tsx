// The Patients page's search when nobody matches: New patient opens the Book page's form with
// the typed name filled in, and the name travels beside the address, never in it.
import { screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import * as backend from "../api/backend";
import { typedNewPatientName } from "../booking/bookingLink";
import { AppShell } from "../shell/AppShell";
import { appInfo, connected } from "../test/fixtures";
import { renderWithProviders } from "../test/render";

vi.mock("../api/backend", () => import("../test/mockBackend"));
const api = vi.mocked(backend);

beforeEach(() => {
  vi.resetAllMocks();
  window.location.hash = "#/patients";
  api.getAppInfo.mockResolvedValue(appInfo({ practiceName: "Lakeside Family Eye Care" }));
  api.getVendorStatuses.mockResolvedValue(connected());
  api.onVendorStatusChanged.mockResolvedValue(() => undefined);
  api.getLocations.mockResolvedValue([]);
  api.getProviders.mockResolvedValue([]);
  api.getAppointmentTypes.mockResolvedValue([]);
  api.searchPatients.mockResolvedValue([]);
});

it("opens Book on the new-patient form with the name typed in Patients", async () => {
  renderWithProviders(<AppShell />);
  await userEvent.type(await screen.findByTestId("patients-search"), "Nguyen, Thi Lan");
  const noMatch = await screen.findByTestId("search-no-match");
  const create = within(noMatch).getByRole("button", { name: "New patient" });
  expect(create).toHaveAccessibleDescription("Opens Book on a new patient's form, with the name you typed.");
  await userEvent.click(create);
  expect(window.location.hash).toBe("#/book?newPatient=1");
  const form = await screen.findByTestId("new-patient");
  expect(within(form).getByLabelText("Given name")).toHaveValue("Thi Lan");
  expect(within(form).getByLabelText("Family name")).toHaveValue("Nguyen");
  // The Book page took the name; nothing keeps it after that.
  expect(typedNewPatientName()).toBe("");
});

it("leaves a plain visit to Book on the patient search, not the form", async () => {
  window.location.hash = "#/book";
  renderWithProviders(<AppShell />);
  expect(await screen.findByTestId("book-patient-search")).toHaveValue("");
  expect(screen.queryByTestId("new-patient")).not.toBeInTheDocument();
});
