// Rosa looks for Mrs Okafor, last seen two years ago: the cache (recent patients only) has no
// match, so she asks the vendors from the no-match state, by mouse or keyboard, and gets her in
// the same list with vendor badges; a system that could not answer is said in a sentence.
import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import * as backend from "../api/backend";
import type { VendorSearchResults } from "../api/backend";
import { BackendError } from "../api/errors";
import { SessionContext } from "../access/session";
import type { SessionContextValue } from "../access/session";
import { appInfo, card, connected, summary } from "../test/fixtures";
import { renderWithProviders } from "../test/render";
import { AppShell } from "./AppShell";
import { GlobalSearch } from "./GlobalSearch";

vi.mock("../api/backend", () => import("../test/mockBackend"));
const api = vi.mocked(backend);

const OKAFOR = summary({
  id: "pat-okafor",
  givenName: "Adaeze",
  familyName: "Okafor",
  birthDate: "1950-02-01",
  mrn: "MRN-7007",
  links: [
    { vendor: "cxone", externalId: "pt-7007", confidence: "exact" },
    { vendor: "nexhealth", externalId: "np-7007", confidence: "matched" },
  ],
});

function answer(overrides: Partial<VendorSearchResults> = {}): VendorSearchResults {
  return {
    patients: [OKAFOR],
    fromVendors: ["pat-okafor"],
    outcomes: [
      { vendor: "nextech", state: { state: "unreachable", kind: "offline", message: "Nextech cannot be reached" }, elapsedMs: 4 },
      { vendor: "cxone", state: { state: "ok", found: 1 }, elapsedMs: 12 },
      {
        vendor: "nexhealth",
        state: { state: "failed", kind: "unauthorized", message: "NexHealth refused the desk's credentials: bad key." },
        elapsedMs: 9,
      },
    ],
    asOf: "2026-11-21T13:50:00Z",
    ...overrides,
  };
}

beforeEach(() => {
  vi.resetAllMocks();
  window.location.hash = "#/settings";
  api.getAppInfo.mockResolvedValue(appInfo({ practiceName: "Lakeside Family Eye Care" }));
  api.getVendorStatuses.mockResolvedValue(connected());
  api.onVendorStatusChanged.mockResolvedValue(() => undefined);
  api.getLocations.mockResolvedValue([]);
  api.getProviders.mockResolvedValue([]);
  api.getAppointmentTypes.mockResolvedValue([]);
  api.searchPatients.mockResolvedValue([]);
  api.searchVendorPatients.mockResolvedValue(answer());
  api.getPatientCard.mockImplementation((id) => Promise.resolve(card({ id, givenName: "Adaeze", familyName: "Okafor" })));
  api.refreshPatientCard.mockImplementation((id) => api.getPatientCard(id));
});

async function searchBox() {
  renderWithProviders(<AppShell />);
  await screen.findByTestId("practice-name");
  return screen.getByRole("combobox", { name: "Search patients" });
}

describe("search the vendors from the header's search", () => {
  it("offers the action in the no-match state, labelled and explained", async () => {
    const box = await searchBox();
    await userEvent.type(box, "okafor");
    const noMatch = await screen.findByTestId("search-no-match");
    expect(noMatch).toHaveTextContent("No patient matches “okafor”.");
    const action = within(noMatch).getByRole("button", { name: "Search the vendors" });
    expect(action).toHaveAccessibleDescription(
      "The desk keeps only recent patients; this asks the connected systems for anyone else.",
    );
    expect(api.searchVendorPatients).not.toHaveBeenCalled();
  });

  it("lists what the vendors found with badges and says which systems did not answer", async () => {
    const box = await searchBox();
    await userEvent.type(box, "okafor");
    await userEvent.click(
      within(await screen.findByTestId("search-no-match")).getByRole("button", { name: "Search the vendors" }),
    );
    expect(api.searchVendorPatients).toHaveBeenCalledWith("okafor", 20);
    const rows = await screen.findAllByTestId("search-result");
    expect(rows).toHaveLength(1);
    const row = rows[0] as HTMLElement;
    expect(row).toHaveTextContent("Okafor, Adaeze");
    expect(within(row).getAllByTestId("vendor-badge").map((b) => b.textContent)).toEqual(["CXone", "NexHealth"]);
    const outcome = screen.getByTestId("vendor-search-outcome");
    expect(outcome).toHaveTextContent("1 patient found in the vendors' records.");
    const problems = within(outcome).getAllByTestId("vendor-search-problem").map((p) => p.textContent);
    expect(problems).toEqual([
      "Nextech cannot be reached; its patients are missing here.",
      "NexHealth answered with an error (NexHealth refused the desk's credentials: bad key); its patients are missing here.",
    ]);
    // The answer is not a second search: the action is gone, New patient too (someone was found).
    expect(screen.queryByRole("button", { name: "Search the vendors" })).not.toBeInTheDocument();
    expect(screen.queryByRole("button", { name: "New patient" })).not.toBeInTheDocument();
  });

  it("is reachable by keyboard: Enter on no match asks the vendors, then Enter opens the one found", async () => {
    const box = await searchBox();
    await userEvent.type(box, "okafor");
    await screen.findByTestId("search-no-match");
    await userEvent.keyboard("{Enter}");
    expect(api.searchVendorPatients).toHaveBeenCalledWith("okafor", 20);
    await screen.findAllByTestId("search-result");
    await userEvent.keyboard("{Enter}");
    await waitFor(() => {
      expect(window.location.hash).toBe("#/patients/pat-okafor");
    });
  });

  it("keeps the popup open when Tab moves to its action", async () => {
    const box = await searchBox();
    await userEvent.type(box, "okafor");
    await screen.findByTestId("search-no-match");
    await userEvent.tab();
    const action = screen.getByRole("button", { name: "Search the vendors" });
    expect(action).toHaveFocus();
    expect(screen.getByTestId("search-popup")).toBeVisible();
    await userEvent.keyboard("{Enter}");
    expect(api.searchVendorPatients).toHaveBeenCalledWith("okafor", 20);
  });

  it("says plainly when the vendors have nobody either, and still offers New patient", async () => {
    api.searchVendorPatients.mockResolvedValue(
      answer({
        patients: [],
        fromVendors: [],
        outcomes: [
          { vendor: "nextech", state: { state: "cannotSearch" }, elapsedMs: 0 },
          { vendor: "cxone", state: { state: "ok", found: 0 }, elapsedMs: 5 },
        ],
      }),
    );
    const box = await searchBox();
    await userEvent.type(box, "2/1/1950");
    await userEvent.click(
      within(await screen.findByTestId("search-no-match")).getByRole("button", { name: "Search the vendors" }),
    );
    const outcome = await screen.findByTestId("vendor-search-outcome");
    expect(outcome).toHaveTextContent("The vendors have no patient matching “2/1/1950” either.");
    expect(outcome).toHaveTextContent("Nextech cannot search by what you typed, so it was not asked.");
    expect(screen.getByRole("button", { name: "New patient" })).toBeInTheDocument();
  });

  it("says when no system answered, and offers to ask again", async () => {
    const offline = (vendor: "nextech" | "cxone") => ({
      vendor,
      state: { state: "unreachable" as const, kind: "offline" as const, message: "cannot be reached" },
      elapsedMs: 1,
    });
    api.searchVendorPatients.mockResolvedValue(
      answer({ patients: [], fromVendors: [], outcomes: [offline("nextech"), offline("cxone")] }),
    );
    const box = await searchBox();
    await userEvent.type(box, "okafor");
    await userEvent.click(
      within(await screen.findByTestId("search-no-match")).getByRole("button", { name: "Search the vendors" }),
    );
    const outcome = await screen.findByTestId("vendor-search-outcome");
    expect(outcome).toHaveTextContent("No system answered, so nobody else could be found. Try again when they are back.");
    expect(outcome).toHaveTextContent("CXone cannot be reached; its patients are missing here.");
    api.searchVendorPatients.mockResolvedValue(answer());
    await userEvent.click(screen.getByRole("button", { name: "Search the vendors" }));
    expect(await screen.findAllByTestId("search-result")).toHaveLength(1);
    expect(api.searchVendorPatients).toHaveBeenCalledTimes(2);
  });

  it("says when no connected system can search", async () => {
    api.searchVendorPatients.mockResolvedValue(answer({ patients: [], fromVendors: [], outcomes: [] }));
    const box = await searchBox();
    await userEvent.type(box, "okafor");
    await userEvent.click(
      within(await screen.findByTestId("search-no-match")).getByRole("button", { name: "Search the vendors" }),
    );
    expect(await screen.findByTestId("vendor-search-outcome")).toHaveTextContent(
      "No connected system can search for patients.",
    );
  });

  it("explains a refused search in a sentence", async () => {
    api.searchVendorPatients.mockRejectedValue(
      new BackendError({ kind: "storage", message: "the cache is locked by another window", wayOut: "Close it." }),
    );
    const box = await searchBox();
    await userEvent.type(box, "okafor");
    await userEvent.click(
      within(await screen.findByTestId("search-no-match")).getByRole("button", { name: "Search the vendors" }),
    );
    const alert = await within(screen.getByTestId("search-popup")).findByRole("alert");
    expect(alert).toHaveTextContent("the cache is locked by another window");
  });

  it("is not offered to a role that may not ask the vendors", async () => {
    const session: SessionContextValue = {
      status: {} as SessionContextValue["status"],
      can: (command) => command !== "search_vendor_patients",
      lock: () => undefined,
      switchUser: () => undefined,
      signOut: () => undefined,
    };
    renderWithProviders(
      <SessionContext.Provider value={session}>
        <GlobalSearch practiceConnected />
      </SessionContext.Provider>,
    );
    await userEvent.type(screen.getByRole("combobox", { name: "Search patients" }), "okafor");
    const noMatch = await screen.findByTestId("search-no-match");
    expect(within(noMatch).queryByRole("button", { name: "Search the vendors" })).not.toBeInTheDocument();
    await userEvent.keyboard("{Enter}");
    expect(api.searchVendorPatients).not.toHaveBeenCalled();
  });
});

describe("search the vendors from the Patients page", () => {
  it("lists the vendors' patients as links to their cards, with badges and the failures said", async () => {
    window.location.hash = "#/patients";
    renderWithProviders(<AppShell />);
    await userEvent.type(await screen.findByLabelText("Find a patient"), "okafor");
    await userEvent.click(
      within(await screen.findByTestId("search-no-match")).getByRole("button", { name: "Search the vendors" }),
    );
    expect(api.searchVendorPatients).toHaveBeenCalledWith("okafor", 50);
    const rows = await screen.findAllByTestId("patients-result");
    expect(rows).toHaveLength(1);
    const link = within(rows[0] as HTMLElement).getByRole("link");
    expect(link).toHaveAttribute("href", "#/patients/pat-okafor");
    expect(within(link).getAllByTestId("vendor-badge")).toHaveLength(2);
    expect(screen.getByTestId("vendor-search-outcome")).toHaveTextContent(
      "Nextech cannot be reached; its patients are missing here.",
    );
  });

  it("speaks Spanish", async () => {
    window.location.hash = "#/patients";
    renderWithProviders(<AppShell />, { locale: "es" });
    await userEvent.type(await screen.findByLabelText("Buscar un paciente"), "okafor");
    await userEvent.click(
      within(await screen.findByTestId("search-no-match")).getByRole("button", { name: "Buscar en los sistemas" }),
    );
    const outcome = await screen.findByTestId("vendor-search-outcome");
    expect(outcome).toHaveTextContent("1 paciente encontrado en los registros de los sistemas.");
    expect(outcome).toHaveTextContent("No se puede conectar con Nextech; faltan aquí sus pacientes.");
  });
});
