// Rosa's 08:05 call: Ctrl+K, type part of a name, arrow to the right namesake, Enter opens the
// card; and every other outcome of a search (nothing typed, no match, an error) said plainly.
import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import * as backend from "../api/backend";
import { BackendError } from "../api/errors";
import { appInfo, card, connected, summary } from "../test/fixtures";
import { renderWithProviders } from "../test/render";
import { SessionContext } from "../access/session";
import type { SessionContextValue } from "../access/session";
import { AppShell } from "./AppShell";
import { GlobalSearch } from "./GlobalSearch";

vi.mock("../api/backend", () => import("../test/mockBackend"));
const api = vi.mocked(backend);

const NGUYEN_A = summary({ id: "pat-a", givenName: "Thanh", birthDate: "1971-02-14", mrn: "MRN-2002" });
const NGUYEN_B = summary({ id: "pat-b" });

beforeEach(() => {
  vi.resetAllMocks();
  api.refreshPatientCard.mockImplementation((id) => api.getPatientCard(id));
  window.location.hash = "#/settings";
  api.getAppInfo.mockResolvedValue(appInfo({ practiceName: "Lakeside Family Eye Care" }));
  api.getVendorStatuses.mockResolvedValue(connected());
  api.onVendorStatusChanged.mockResolvedValue(() => undefined);
  api.getLocations.mockResolvedValue([]);
  api.getProviders.mockResolvedValue([]);
  api.searchPatients.mockResolvedValue([NGUYEN_A, NGUYEN_B]);
  api.getPatientCard.mockImplementation((id) =>
    Promise.resolve(card(id === "pat-b" ? { id: "pat-b" } : { id, givenName: "Thanh" })),
  );
});

async function searchBox() {
  renderWithProviders(<AppShell />);
  await screen.findByTestId("practice-name");
  return screen.getByRole("combobox", { name: "Search patients" });
}

describe("global search", () => {
  it("says what to type before anything is typed", async () => {
    const box = await searchBox();
    await userEvent.click(box);
    expect(box).toHaveAttribute("aria-expanded", "true");
    expect(screen.getByTestId("search-popup")).toHaveTextContent("Type a name, date of birth, phone or MRN");
  });

  it("searches once typing pauses, not per keystroke", async () => {
    const box = await searchBox();
    await userEvent.type(box, "nguy 5/3/64");
    await screen.findAllByTestId("search-result");
    expect(api.searchPatients).toHaveBeenCalledWith("nguy 5/3/64", 20);
    expect(api.searchPatients).not.toHaveBeenCalledWith("n", 20);
    expect(api.searchPatients.mock.calls.length).toBeLessThanOrEqual(2);
  });

  it("shows each result with name, date of birth, MRN, phone and vendor badges", async () => {
    const box = await searchBox();
    await userEvent.type(box, "nguy");
    const rows = await screen.findAllByTestId("search-result");
    expect(rows).toHaveLength(2);
    const second = rows[1];
    if (!second) throw new Error("no second row");
    expect(second).toHaveAttribute("role", "option");
    expect(second).toHaveTextContent("Nguyen, Minh");
    expect(second).toHaveTextContent("DOB May 3, 1964");
    expect(second).toHaveTextContent("MRN MRN-1001");
    expect(second).toHaveTextContent("(312) 555-0142");
    const badges = within(second).getAllByTestId("vendor-badge").map((b) => b.textContent);
    expect(badges).toEqual(["NexHealth", "CXone", "Nextech"]);
  });

  it("arrows to the second result and Enter opens that patient's card", async () => {
    const box = await searchBox();
    await userEvent.type(box, "nguy 5/3/64");
    await screen.findAllByTestId("search-result");

    await userEvent.keyboard("{ArrowDown}");
    const options = within(screen.getByRole("listbox", { name: "Search results" })).getAllByRole("option");
    expect(options[0]).toHaveAttribute("aria-selected", "true");
    expect(box).toHaveAttribute("aria-activedescendant", options[0]?.id);
    await userEvent.keyboard("{ArrowDown}");
    expect(options[1]).toHaveAttribute("aria-selected", "true");
    expect(options[0]).toHaveAttribute("aria-selected", "false");
    await userEvent.keyboard("{ArrowUp}{ArrowDown}");

    await userEvent.keyboard("{Enter}");
    expect(window.location.hash).toBe("#/patients/pat-b");
    expect(await screen.findByRole("heading", { level: 1, name: "Nguyen, Minh" })).toBeInTheDocument();
    expect(api.getPatientCard).toHaveBeenCalledWith("pat-b");
    // The box is ready for the next caller, and focus went to the card's heading.
    expect(box).toHaveValue("");
    expect(box).toHaveAttribute("aria-expanded", "false");
    expect(screen.getByRole("heading", { level: 1 })).toHaveFocus();
  });

  it("does not guess which of several results Enter means", async () => {
    const box = await searchBox();
    await userEvent.type(box, "nguy");
    await screen.findAllByTestId("search-result");
    await userEvent.keyboard("{Enter}");
    expect(window.location.hash).toBe("#/settings");
  });

  it("Escape closes the results, a second Escape clears the box", async () => {
    const box = await searchBox();
    await userEvent.type(box, "nguy");
    await screen.findAllByTestId("search-result");
    await userEvent.keyboard("{Escape}");
    expect(box).toHaveAttribute("aria-expanded", "false");
    expect(box).toHaveValue("nguy");
    await userEvent.keyboard("{Escape}");
    expect(box).toHaveValue("");
  });

  it("says when no patient matches and offers New patient, which opens Book's form with the typed name", async () => {
    api.searchPatients.mockResolvedValue([]);
    const box = await searchBox();
    await userEvent.type(box, "Tran Lan");
    const noMatch = await screen.findByTestId("search-no-match");
    expect(noMatch).toHaveTextContent("No patient matches “Tran Lan”.");
    expect(within(screen.getByRole("listbox", { name: "Search results" })).queryAllByRole("option")).toHaveLength(0);
    const create = within(noMatch).getByRole("button", { name: "New patient" });
    expect(create).toBeEnabled();
    expect(create).toHaveAccessibleDescription("Opens Book on a new patient's form, with the name you typed.");
    await userEvent.click(create);
    expect(window.location.hash).toBe("#/book?newPatient=1");
    expect(box).toHaveValue("");
    expect(box).toHaveAttribute("aria-expanded", "false");
    const form = await screen.findByTestId("new-patient");
    expect(within(form).getByLabelText("Given name")).toHaveValue("Lan");
    expect(within(form).getByLabelText("Family name")).toHaveValue("Tran");
    expect(within(form).getByLabelText("Date of birth")).toHaveValue("");
  });

  it("leaves the names empty when what was typed is not a name", async () => {
    api.searchPatients.mockResolvedValue([]);
    const box = await searchBox();
    await userEvent.type(box, "5/3/64");
    await userEvent.click(within(await screen.findByTestId("search-no-match")).getByRole("button", { name: "New patient" }));
    const form = await screen.findByTestId("new-patient");
    expect(within(form).getByLabelText("Given name")).toHaveValue("");
    expect(within(form).getByLabelText("Family name")).toHaveValue("");
  });

  it("offers New patient only to someone who may book", async () => {
    api.searchPatients.mockResolvedValue([]);
    const session: SessionContextValue = {
      status: {} as SessionContextValue["status"],
      can: (command) => command !== "search_slots",
      lock: () => undefined,
      switchUser: () => undefined,
      signOut: () => undefined,
    };
    renderWithProviders(
      <SessionContext.Provider value={session}>
        <GlobalSearch practiceConnected />
      </SessionContext.Provider>,
    );
    await userEvent.type(screen.getByRole("combobox", { name: "Search patients" }), "zzyzx");
    const noMatch = await screen.findByTestId("search-no-match");
    expect(noMatch).toHaveTextContent("No patient matches “zzyzx”.");
    expect(within(noMatch).queryByRole("button", { name: "New patient" })).not.toBeInTheDocument();
  });

  it("explains a failed search in a sentence", async () => {
    api.searchPatients.mockRejectedValue(
      new BackendError({ kind: "storage", message: "the cache is locked by another window", wayOut: "Close it." }),
    );
    const box = await searchBox();
    await userEvent.type(box, "nguy");
    const alert = await within(screen.getByTestId("search-popup")).findByRole("alert");
    expect(alert).toHaveTextContent("The local cache cannot be used: the cache is locked by another window. Close it.");
  });

  it("opens a card with the mouse too", async () => {
    const box = await searchBox();
    await userEvent.type(box, "nguy");
    const rows = await screen.findAllByTestId("search-result");
    if (!rows[0]) throw new Error("no row");
    await userEvent.click(rows[0]);
    await waitFor(() => {
      expect(window.location.hash).toBe("#/patients/pat-a");
    });
  });
});

describe("Patients page", () => {
  it("offers the same search as a larger list of links to cards", async () => {
    window.location.hash = "#/patients";
    renderWithProviders(<AppShell />);
    const input = await screen.findByLabelText("Find a patient");
    await userEvent.type(input, "nguy");
    const rows = await screen.findAllByTestId("patients-result");
    expect(rows).toHaveLength(2);
    expect(api.searchPatients).toHaveBeenCalledWith("nguy", 100);
    const link = within(rows[1] as HTMLElement).getByRole("link");
    expect(link).toHaveAttribute("href", "#/patients/pat-b");
    await userEvent.click(link);
    expect(await screen.findByRole("heading", { level: 1, name: "Nguyen, Minh" })).toBeInTheDocument();
  });

  it("speaks Spanish", async () => {
    window.location.hash = "#/patients";
    api.searchPatients.mockResolvedValue([]);
    renderWithProviders(<AppShell />, { locale: "es" });
    const input = await screen.findByLabelText("Buscar un paciente");
    await userEvent.type(input, "zzyzx");
    expect(await screen.findByTestId("search-no-match")).toHaveTextContent("Ningún paciente coincide con «zzyzx».");
    expect(screen.getByRole("button", { name: "Nuevo paciente" })).toHaveAccessibleDescription(
      "Abre Citar con el formulario de paciente nuevo y el nombre que escribió.",
    );
  });
});
