// Practice setup as the admin uses it: the phone menu form naming a bad holiday or backwards
// hours beside the input before anything is sent, then CXone's status and deployment status;
// Zoom hours refusing overlapping rows and saving good ones; NexHealth availabilities added,
// refused when they overlap (the backend's word beside the time) and switched off; an
// appointment type created with its length. Every string in English and Spanish.
import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import * as backend from "../api/backend";
import type { NexAvailability, ZoomAvailability } from "../api/backend";
import { BackendError } from "../api/errors";
import { appInfo, CHICAGO, DR_LEE, DR_PATEL } from "../test/fixtures";
import { renderWithProviders } from "../test/render";
import { PracticeSetupScreen } from "./PracticeSetupScreen";

vi.mock("../api/backend", () => import("../test/mockBackend"));
const api = vi.mocked(backend);

const TEMPLATES = [
  { id: "ivr-temp-123", name: "Healthcare Appointment Management", description: "Scheduling", category: "appointment" },
  { id: "ivr-temp-456", name: "Prescription Refill Request", description: null, category: "pharmacy" },
];

const LEE_HOURS: ZoomAvailability = {
  providerId: DR_LEE.id,
  zoomProviderId: "prov_1",
  timeZone: "America/Chicago",
  weeklyHours: [{ day: "Monday", start: "09:00", end: "12:00" }],
  unavailableDates: [],
};

const AVAILABILITY: NexAvailability = {
  id: "401",
  providerId: DR_LEE.id,
  locationId: CHICAGO.id,
  operatoryId: null,
  days: ["Tuesday"],
  specificDate: null,
  startTime: "09:00",
  endTime: "12:00",
  appointmentTypeIds: [],
  active: true,
};

beforeEach(() => {
  vi.resetAllMocks();
  api.getAppInfo.mockResolvedValue(appInfo({ practiceName: "Lakeside Family Eye Care" }));
  api.getIvrTemplates.mockResolvedValue(TEMPLATES);
  api.getProviders.mockResolvedValue([DR_LEE, DR_PATEL]);
  api.getLocations.mockResolvedValue([CHICAGO]);
  api.getZoomAvailability.mockResolvedValue(LEE_HOURS);
  api.getNexAvailabilities.mockResolvedValue([AVAILABILITY]);
  api.getNexAppointmentTypes.mockResolvedValue([
    { id: "nexhealth:301", name: "Follow-up", minutes: 20, locationId: CHICAGO.id, bookableOnline: true },
  ]);
});

async function ivrForm() {
  renderWithProviders(<PracticeSetupScreen />);
  const section = await screen.findByTestId("ivr-section");
  await within(section).findByTestId("ivr-templates");
  return section;
}

describe("Phone menu", () => {
  it("lists the templates", async () => {
    const section = await ivrForm();
    const table = within(section).getByTestId("ivr-templates");
    expect(within(table).getAllByRole("row")).toHaveLength(3);
    expect(table).toHaveTextContent("Prescription Refill Request");
  });

  it("names a holiday that is not a date and backwards hours beside their inputs, and sends nothing", async () => {
    const section = await ivrForm();
    await userEvent.selectOptions(within(section).getByLabelText("Template"), "ivr-temp-123");
    await userEvent.type(within(section).getByLabelText("Flow name"), "Cardiology line");
    await userEvent.type(within(section).getByLabelText("Opens at (24 h, HH:MM)"), "17:00");
    await userEvent.type(within(section).getByLabelText("Closes at (24 h, HH:MM)"), "08:00");
    await userEvent.type(within(section).getByLabelText("Holiday dates"), "2026-12-25, 2026-02-30");
    await userEvent.click(within(section).getByTestId("ivr-create"));

    const holidays = within(section).getByLabelText("Holiday dates");
    expect(holidays).toHaveAttribute("aria-invalid", "true");
    expect(holidays).toHaveAccessibleDescription(/“2026-02-30” is not a date written YYYY-MM-DD\./);
    expect(within(section).getByLabelText("Closes at (24 h, HH:MM)")).toHaveAccessibleDescription("The start must be before the end.");
    expect(api.createIvrFlow).not.toHaveBeenCalled();
  });

  it("sends every parameter and shows the flow's status and deployment status", async () => {
    api.createIvrFlow.mockResolvedValue({
      id: "ivr-flow-9",
      name: "Cardiology line",
      templateId: "ivr-temp-123",
      status: "created",
      deploymentStatus: "pending",
      createdAt: "2026-11-21T15:00:00Z",
    });
    const section = await ivrForm();
    await userEvent.selectOptions(within(section).getByLabelText("Template"), "ivr-temp-123");
    await userEvent.type(within(section).getByLabelText("Flow name"), "Cardiology line");
    await userEvent.type(within(section).getByLabelText("Department name"), "Cardiology");
    await userEvent.type(within(section).getByLabelText("Opens at (24 h, HH:MM)"), "08:00");
    await userEvent.type(within(section).getByLabelText("Closes at (24 h, HH:MM)"), "17:00");
    await userEvent.click(within(section).getByLabelText("Monday"));
    await userEvent.click(within(section).getByLabelText("Friday"));
    await userEvent.type(within(section).getByLabelText("Holiday dates"), "2026-12-25");
    await userEvent.type(within(section).getByLabelText("Greeting"), "Thank you for calling.");
    await userEvent.click(within(section).getByLabelText("Ask callers for their insurance"));
    await userEvent.click(within(section).getByLabelText("Offer callers a callback"));
    await userEvent.type(within(section).getByLabelText("Callback within (days)"), "3");
    await userEvent.type(within(section).getByLabelText("EHR system id"), "ehr-456");
    await userEvent.type(within(section).getByLabelText("Scheduling system id"), "schedule-789");
    await userEvent.click(within(section).getByLabelText("Callers must identify themselves"));
    await userEvent.click(within(section).getByTestId("ivr-create"));

    expect(api.createIvrFlow).toHaveBeenCalledExactlyOnceWith({
      name: "Cardiology line",
      description: null,
      templateId: "ivr-temp-123",
      departmentName: "Cardiology",
      collectInsuranceInfo: true,
      offerCallbackOption: true,
      maxCallbackDays: 3,
      workingHoursStart: "08:00",
      workingHoursEnd: "17:00",
      workingDays: ["Monday", "Friday"],
      holidayDates: ["2026-12-25"],
      greetingMessage: "Thank you for calling.",
      ehrSystemId: "ehr-456",
      schedulingSystemId: "schedule-789",
      authenticationRequired: true,
    });
    const result = within(section).getByTestId("ivr-result");
    await waitFor(() => {
      expect(result).toHaveTextContent("Flow ivr-flow-9 created.");
    });
    expect(within(result).getByTestId("ivr-status")).toHaveTextContent("created");
    expect(within(result).getByTestId("ivr-deployment")).toHaveTextContent("pending");
  });

  it("puts the backend's refusal beside the field it names", async () => {
    api.createIvrFlow.mockRejectedValue(
      new BackendError({ kind: "invalid", field: "holidayDates", message: "`2026-13-01` is not a calendar date written YYYY-MM-DD" }),
    );
    const section = await ivrForm();
    await userEvent.selectOptions(within(section).getByLabelText("Template"), "ivr-temp-456");
    await userEvent.type(within(section).getByLabelText("Flow name"), "Refills");
    await userEvent.click(within(section).getByTestId("ivr-create"));
    expect(await within(section).findByTestId("field-error")).toHaveTextContent("calendar date");
    expect(within(section).getByLabelText("Holiday dates")).toHaveAttribute("aria-invalid", "true");
  });
});

describe("Provider hours", () => {
  async function chooseLee() {
    renderWithProviders(<PracticeSetupScreen />);
    const section = await screen.findByTestId("availability-section");
    await waitFor(() => {
      expect(within(section).getByRole("option", { name: "Dr. Ana Lee" })).toBeInTheDocument();
    });
    await userEvent.selectOptions(within(section).getByTestId("setup-provider"), DR_LEE.id);
    return section;
  }

  it("reads Lee's Zoom hours, refuses overlapping rows, and saves good ones", async () => {
    const section = await chooseLee();
    const form = await within(section).findByTestId("zoom-hours-form");
    expect(form).toHaveTextContent("Times are in America/Chicago.");
    await userEvent.click(within(form).getByTestId("zoom-add-row"));
    const second = within(form).getAllByTestId("zoom-row")[1] as HTMLElement;
    await userEvent.type(within(second).getByLabelText("From"), "11:00");
    await userEvent.type(within(second).getByLabelText("To"), "13:00");
    await userEvent.click(within(form).getByTestId("zoom-save"));
    expect(await within(form).findByTestId("field-error")).toHaveTextContent("Monday 09:00–12:00 overlaps 11:00–13:00.");
    expect(api.setZoomAvailability).not.toHaveBeenCalled();

    api.setZoomAvailability.mockResolvedValue({
      ...LEE_HOURS,
      weeklyHours: [
        { day: "Monday", start: "09:00", end: "12:00" },
        { day: "Monday", start: "12:00", end: "13:00" },
      ],
    });
    const from = within(second).getByLabelText("From");
    await userEvent.clear(from);
    await userEvent.type(from, "12:00");
    await userEvent.click(within(form).getByTestId("zoom-save"));
    expect(api.setZoomAvailability).toHaveBeenCalledExactlyOnceWith(DR_LEE.id, {
      weeklyHours: [
        { day: "Monday", start: "09:00", end: "12:00" },
        { day: "Monday", start: "12:00", end: "13:00" },
      ],
      unavailableDates: [],
    });
    expect(await within(section).findByTestId("zoom-result")).toHaveTextContent("Telehealth hours saved.");
  });

  it("adds a NexHealth availability, shows an overlap refusal beside the time, and switches one off", async () => {
    const section = await chooseLee();
    await userEvent.selectOptions(within(section).getByTestId("setup-location"), CHICAGO.id);
    const table = await within(section).findByTestId("nex-availabilities");
    expect(table).toHaveTextContent("Dr. Ana Lee");
    expect(table).toHaveTextContent("Tuesday");
    expect(table).toHaveTextContent("Every type");

    const form = within(section).getByTestId("nex-form");
    await userEvent.click(within(form).getByLabelText("Tuesday"));
    await userEvent.type(within(form).getByLabelText("From (24 h, HH:MM)"), "11:00");
    await userEvent.type(within(form).getByLabelText("To (24 h, HH:MM)"), "14:00");
    await userEvent.click(await within(form).findByLabelText("Follow-up"));
    api.createNexAvailability.mockRejectedValueOnce(
      new BackendError({ kind: "invalid", field: "startTime", message: "overlaps this provider's hours Tuesday 09:00-12:00 (availability 401)" }),
    );
    await userEvent.click(within(form).getByTestId("nex-create"));
    expect(api.createNexAvailability).toHaveBeenCalledWith({
      locationId: CHICAGO.id,
      providerId: DR_LEE.id,
      days: ["Tuesday"],
      specificDate: null,
      startTime: "11:00",
      endTime: "14:00",
      appointmentTypeIds: ["nexhealth:301"],
      operatoryId: null,
    });
    await waitFor(() => {
      expect(within(form).getByLabelText("From (24 h, HH:MM)")).toHaveAccessibleDescription(/availability 401/);
    });

    api.createNexAvailability.mockResolvedValueOnce({ ...AVAILABILITY, id: "402", startTime: "12:00", endTime: "14:00" });
    const from = within(form).getByLabelText("From (24 h, HH:MM)");
    await userEvent.clear(from);
    await userEvent.type(from, "12:00");
    await userEvent.click(within(form).getByTestId("nex-create"));
    expect(await within(section).findByTestId("nex-result")).toHaveTextContent("Availability 402 added.");

    api.deactivateNexAvailability.mockResolvedValue({ ...AVAILABILITY, active: false });
    await userEvent.click(within(section).getByRole("button", { name: "Switch off availability 401" }));
    expect(api.deactivateNexAvailability).toHaveBeenCalledExactlyOnceWith("401");
    expect(await within(section).findByTestId("nex-result")).toHaveTextContent("Availability 401 switched off.");
  });

  it("asks for days or a date, not both, before sending", async () => {
    const section = await chooseLee();
    await userEvent.selectOptions(within(section).getByTestId("setup-location"), CHICAGO.id);
    const form = await within(section).findByTestId("nex-form");
    await userEvent.type(within(form).getByLabelText("From (24 h, HH:MM)"), "09:00");
    await userEvent.type(within(form).getByLabelText("To (24 h, HH:MM)"), "25:00");
    await userEvent.click(within(form).getByTestId("nex-create"));
    expect(within(form).getByTestId(/-days-days$/)).toHaveTextContent("Choose weekly days or one date, not both.");
    expect(within(form).getByLabelText("To (24 h, HH:MM)")).toHaveAccessibleDescription("Use a 24-hour time, HH:MM (00:00 to 23:59).");
    expect(api.createNexAvailability).not.toHaveBeenCalled();
  });
});

describe("Appointment types", () => {
  it("lists a location's types and creates one with its length", async () => {
    api.createAppointmentType.mockResolvedValue({
      id: "nexhealth:302",
      name: "Dilated exam",
      minutes: 45,
      locationId: CHICAGO.id,
      bookableOnline: true,
    });
    renderWithProviders(<PracticeSetupScreen />);
    const section = await screen.findByTestId("types-section");
    await waitFor(() => {
      expect(within(section).getByRole("option", { name: CHICAGO.name })).toBeInTheDocument();
    });
    await userEvent.selectOptions(within(section).getByTestId("types-location"), CHICAGO.id);
    expect(await within(section).findByTestId("types-table")).toHaveTextContent("Follow-up");

    const minutes = within(section).getByLabelText("Length (minutes)");
    await userEvent.clear(minutes);
    await userEvent.type(minutes, "2");
    await userEvent.type(within(section).getByLabelText("Name"), "Dilated exam");
    await userEvent.click(within(section).getByTestId("types-create"));
    expect(minutes).toHaveAccessibleDescription("Between 5 and 480 minutes.");
    expect(api.createAppointmentType).not.toHaveBeenCalled();

    await userEvent.clear(minutes);
    await userEvent.type(minutes, "45");
    await userEvent.click(within(section).getByTestId("types-create"));
    expect(api.createAppointmentType).toHaveBeenCalledExactlyOnceWith({
      locationId: CHICAGO.id,
      name: "Dilated exam",
      minutes: 45,
      bookableOnline: true,
    });
    expect(await within(section).findByTestId("types-result")).toHaveTextContent("“Dilated exam” created.");
  });
});

describe("in Spanish", () => {
  it("labels every section and input", async () => {
    renderWithProviders(<PracticeSetupScreen />, { locale: "es" });
    expect(await screen.findByRole("heading", { level: 1 })).toHaveTextContent("Configuración de la consulta");
    expect(await screen.findByRole("heading", { name: "Menú telefónico (CXone)" })).toBeInTheDocument();
    expect(screen.getByRole("heading", { name: "Horario de los profesionales" })).toBeInTheDocument();
    expect(screen.getByRole("heading", { name: "Tipos de cita (NexHealth)" })).toBeInTheDocument();
    expect(screen.getByLabelText("Días festivos")).toBeInTheDocument();
    expect(screen.getAllByLabelText("lunes").length).toBeGreaterThan(0);
  });
});
