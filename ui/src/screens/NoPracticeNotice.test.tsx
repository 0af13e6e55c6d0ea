// With no practice, the notice offers the demo practice (pressing it opens the demo through the
// backend and re-reads everything; a failure is said in words and the button comes back) or
// connecting the real vendors in Settings.
import { screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import * as backend from "../api/backend";
import { BackendError } from "../api/errors";
import { renderWithProviders } from "../test/render";
import { SessionContext } from "../access/session";
import type { SessionContextValue } from "../access/session";
import { NoPracticeNotice } from "./NoPracticeNotice";

vi.mock("../api/backend", () => import("../test/mockBackend"));

const api = vi.mocked(backend);

beforeEach(() => {
  vi.resetAllMocks();
});

describe("NoPracticeNotice", () => {
  it("opens the demo practice", async () => {
    api.openDemoPractice.mockResolvedValue();
    renderWithProviders(<NoPracticeNotice />);
    await userEvent.click(screen.getByRole("button", { name: "Open the demo practice" }));
    expect(api.openDemoPractice).toHaveBeenCalledOnce();
    expect(await screen.findByRole("button", { name: "Open the demo practice" })).toBeEnabled();
  });

  it("says why the demo could not open", async () => {
    api.openDemoPractice.mockRejectedValue(
      new BackendError({ kind: "conflict", message: "a practice is already connected" }),
    );
    renderWithProviders(<NoPracticeNotice />);
    await userEvent.click(screen.getByRole("button", { name: "Open the demo practice" }));
    expect(await screen.findByRole("alert")).toHaveTextContent("a practice is already connected");
  });

  it("offers to connect the real vendors in Settings", () => {
    renderWithProviders(<NoPracticeNotice />);
    expect(screen.getByRole("link", { name: "Connect your vendors" })).toHaveAttribute("href", "#/settings");
  });

  it("offers the vendor forms only to someone who may use them", () => {
    const session = { can: () => false } as unknown as SessionContextValue;
    renderWithProviders(
      <SessionContext.Provider value={session}>
        <NoPracticeNotice />
      </SessionContext.Provider>,
    );
    expect(screen.queryByRole("link", { name: "Connect your vendors" })).not.toBeInTheDocument();
  });

  it("is in Spanish too", () => {
    renderWithProviders(<NoPracticeNotice />, { locale: "es" });
    expect(screen.getByRole("button", { name: "Abrir la consulta de demostración" })).toBeInTheDocument();
    expect(screen.getByRole("link", { name: "Conectar sus proveedores" })).toBeInTheDocument();
  });
});
