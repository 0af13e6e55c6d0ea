// The shell as a receptionist meets it, against a mocked backend module: the header's practice
// and vendor chips, Ctrl+K, the search combobox, navigation and the Settings facts.
// The screens inside have their own tests; here every backend call is mocked to say "nothing".
import { act, fireEvent, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import * as backend from "../api/backend";
import type { VendorStatus } from "../api/backend";
import { BackendError } from "../api/errors";
import { appInfo } from "../test/fixtures";
import { mockQuietShell } from "../test/quietShell";
import { renderWithProviders } from "../test/render";
import { AppShell } from "./AppShell";

vi.mock("../api/backend", () => import("../test/mockBackend"));

const api = vi.mocked(backend);
let pushStatus: ((status: VendorStatus) => void) | undefined;

beforeEach(() => {
  vi.resetAllMocks();
  window.location.hash = "";
  mockQuietShell(api);
  api.onVendorStatusChanged.mockImplementation((onChange) => {
    pushStatus = onChange;
    return Promise.resolve(() => {
      pushStatus = undefined;
    });
  });
});

const chip = (vendor: string) => {
  const chips = screen.getByRole("list", { name: /Vendor connections|Conexiones con proveedores/ });
  const item = within(chips)
    .getAllByRole("listitem")
    .find((li) => li.dataset.vendor === vendor);
  if (!item) throw new Error(`no chip for ${vendor}`);
  return item;
};

describe("header", () => {
  it('says "No practice connected" when no practice is', async () => {
    renderWithProviders(<AppShell />);
    expect(await screen.findByTestId("practice-name")).toHaveTextContent("No practice connected");
  });

  it("shows the practice's name when one is connected", async () => {
    api.getAppInfo.mockResolvedValue(appInfo({ practiceName: "Lakeside Family Eye Care" }));
    renderWithProviders(<AppShell />);
    expect(await screen.findByTestId("practice-name")).toHaveTextContent("Lakeside Family Eye Care");
    expect(screen.queryByText("No practice connected")).not.toBeInTheDocument();
  });

  it("renders a chip per vendor with its state in words", async () => {
    renderWithProviders(<AppShell />);
    await waitFor(() => {
      expect(chip("nexhealth")).toHaveTextContent("NexHealth Not set up");
    });
    for (const name of ["CXone", "Zoom", "Nextech", "NexHealth", "WellHive"]) {
      expect(screen.getByText(name)).toBeInTheDocument();
    }
  });

  it("updates a chip when the backend pushes a status change", async () => {
    const asOf = new Date(2026, 10, 21, 13, 8).toISOString();
    renderWithProviders(<AppShell />);
    await waitFor(() => {
      expect(pushStatus).toBeDefined();
    });
    await waitFor(() => {
      expect(chip("zoom")).toHaveTextContent("Not set up");
    });
    act(() => {
      pushStatus?.({ vendor: "zoom", state: "offline", asOf, lastError: "Zoom did not answer" });
    });
    // The query cache notifies its readers on the next tick.
    await waitFor(() => {
      expect(chip("zoom")).toHaveTextContent("Zoom Offline");
    });
    const zoom = chip("zoom");
    expect(zoom).toHaveAttribute("data-state", "offline");
    expect(zoom.title).toContain("13:08");
    expect(zoom.title).toContain("Last error: Zoom did not answer");
    // The details are in the text too, for screen readers, not only in the tooltip.
    expect(zoom).toHaveTextContent("Last error: Zoom did not answer");
  });

  it("stops listening for status changes when the shell goes away", async () => {
    const { unmount } = renderWithProviders(<AppShell />);
    await waitFor(() => {
      expect(pushStatus).toBeDefined();
    });
    unmount();
    expect(pushStatus).toBeUndefined();
  });

  it("speaks Spanish in the header when the desk does", async () => {
    renderWithProviders(<AppShell />, { locale: "es" });
    expect(await screen.findByTestId("practice-name")).toHaveTextContent("Ninguna consulta conectada");
    await waitFor(() => {
      expect(chip("cxone")).toHaveTextContent("CXone Sin configurar");
    });
  });

  it("explains a failure to load the desk's facts with a banner", async () => {
    api.getAppInfo.mockRejectedValue(
      new BackendError({ kind: "storage", message: "the cache is damaged", wayOut: "Re-sync it." }),
    );
    renderWithProviders(<AppShell />);
    expect(await screen.findByRole("alert")).toHaveTextContent(
      "The local cache cannot be used: the cache is damaged. Re-sync it.",
    );
    // Unknown is not the same as "none": the header makes no claim.
    expect(screen.queryByTestId("practice-name")).not.toBeInTheDocument();
  });
});

describe("search", () => {
  it("Ctrl+K focuses the search box from anywhere", () => {
    renderWithProviders(<AppShell />);
    const box = screen.getByRole("combobox", { name: "Search patients" });
    expect(box).not.toHaveFocus();
    fireEvent.keyDown(document.body, { key: "k", ctrlKey: true });
    expect(box).toHaveFocus();
  });

  it("Cmd+K focuses it too", async () => {
    renderWithProviders(<AppShell />);
    await userEvent.keyboard("{Meta>}k{/Meta}");
    expect(screen.getByRole("combobox", { name: "Search patients" })).toHaveFocus();
  });

  it("is a combobox that says honestly that search is unavailable without a practice", async () => {
    renderWithProviders(<AppShell />);
    await screen.findByTestId("practice-name");
    const box = screen.getByRole("combobox", { name: "Search patients" });
    const listbox = document.getElementById(box.getAttribute("aria-controls") ?? "");
    expect(listbox).toHaveAttribute("role", "listbox");
    expect(box).toHaveAttribute("aria-expanded", "false");

    await userEvent.type(box, "nguy 5/3/64");
    expect(box).toHaveAttribute("aria-expanded", "true");
    expect(screen.getByTestId("search-popup")).toHaveTextContent("Search is unavailable: no practice is connected.");
    expect(api.searchPatients).not.toHaveBeenCalled();

    await userEvent.keyboard("{Escape}");
    expect(box).toHaveAttribute("aria-expanded", "false");
    await userEvent.keyboard("{Escape}");
    expect(box).toHaveValue("");
  });
});

describe("navigation", () => {
  it("switches pages and marks the current one", async () => {
    renderWithProviders(<AppShell />);
    const nav = screen.getByRole("navigation", { name: "Main" });
    expect(screen.getByRole("heading", { level: 1 })).toHaveTextContent("Today");
    expect(within(nav).getByRole("link", { name: "Today" })).toHaveAttribute("aria-current", "page");

    for (const name of ["My day", "Patients", "Book", "Settings", "Today"]) {
      await userEvent.click(within(nav).getByRole("link", { name }));
      // Pages other than Today arrive as their own code the first time they open.
      expect(await screen.findByRole("heading", { level: 1, name })).toBeInTheDocument();
      expect(within(nav).getByRole("link", { name })).toHaveAttribute("aria-current", "page");
      for (const other of within(nav).getAllByRole("link").filter((l) => l.textContent !== name)) {
        expect(other).not.toHaveAttribute("aria-current");
      }
    }
    expect(window.location.hash).toBe("#/today");
  });

  it("moves focus to the new page's heading", async () => {
    renderWithProviders(<AppShell />);
    const nav = screen.getByRole("navigation", { name: "Main" });
    within(nav).getByRole("link", { name: "Book" }).focus();
    await userEvent.keyboard("{Enter}");
    // Focus waits for the page whose code is still on its way, then lands on its heading.
    const heading = await screen.findByRole("heading", { level: 1, name: "Book" });
    await waitFor(() => {
      expect(heading).toHaveFocus();
    });
  });

  it("opens the page the address names", async () => {
    window.location.hash = "#/book";
    renderWithProviders(<AppShell />);
    expect(await screen.findByRole("heading", { level: 1 })).toHaveTextContent("Book");
  });

  it("tells every page that no practice is connected and offers to connect the vendors in Settings", async () => {
    renderWithProviders(<AppShell />);
    const nav = screen.getByRole("navigation", { name: "Main" });
    for (const name of ["Today", "My day", "Patients", "Book"]) {
      await userEvent.click(within(nav).getByRole("link", { name }));
      const main = screen.getByRole("main");
      expect(await within(main).findByText(/not connected to a practice/)).toBeInTheDocument();
      expect(within(main).getByRole("link", { name: "Connect your vendors" })).toHaveAttribute("href", "#/settings");
    }
  });
});

describe("settings", () => {
  it("shows the version and data directory", async () => {
    window.location.hash = "#/settings";
    renderWithProviders(<AppShell />);
    expect(await screen.findByTestId("app-version")).toHaveTextContent("0.1.0");
    expect(screen.getByTestId("data-dir")).toHaveTextContent("/home/rosa/.local/share/health.frontdesk.desk");
    expect(screen.getByText("Version").tagName).toBe("DT");
  });

  it("switches the desk to Spanish", async () => {
    window.location.hash = "#/settings";
    renderWithProviders(<AppShell />);
    await userEvent.selectOptions(screen.getByLabelText("Display language"), "es");
    expect(screen.getByRole("heading", { level: 1 })).toHaveTextContent("Ajustes");
    expect(screen.getByRole("navigation", { name: "Principal" })).toBeInTheDocument();
    expect(document.documentElement.lang).toBe("es");
    await userEvent.selectOptions(screen.getByLabelText("Idioma de la interfaz"), "en");
  });
});
