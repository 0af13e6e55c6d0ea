// The vendor form: labelled fields filled from the file, the secret write-only ("set" or "not
// set", never its value), a refused value said beside its input, "Test connection" with the
// vendor's own answer in words, and Nextech's browser sign-in.
import { screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import * as backend from "../api/backend";
import type { VendorSettings } from "../api/backend";
import { BackendError } from "../api/errors";
import { renderWithProviders } from "../test/render";
import { VendorForm } from "./VendorForm";

vi.mock("../api/backend", () => import("../test/mockBackend"));

const api = vi.mocked(backend);

const cxone: VendorSettings = {
  vendor: "cxone",
  present: true,
  enabled: true,
  values: {
    base_url: "http://127.0.0.1:9001/healthcare/v1",
    token_url: "",
    client_id: "desk",
    plan: "basic",
    rate_share: "0.25",
  },
  defaults: { token_url: "https://auth.cxone.com/oauth/token", rate_share: "1" },
  required: ["client_id", "plan"],
  choices: { plan: ["basic", "professional", "enterprise"] },
  secret: { name: "cxone.client_secret", set: true, typed: true },
};

const nextech: VendorSettings = {
  vendor: "nextech",
  present: false,
  enabled: false,
  values: {},
  defaults: {},
  required: ["client_id", "resource", "practice_id"],
  choices: {},
  secret: { name: "nextech.refresh_token", set: false, typed: false },
};

beforeEach(() => {
  vi.resetAllMocks();
});

describe("VendorForm", () => {
  it("shows the file's values in labelled fields and the secret only as set", () => {
    renderWithProviders(<VendorForm settings={cxone} />);
    expect(screen.getByLabelText(/Client ID/)).toHaveValue("desk");
    expect(screen.getByLabelText("Plan (required)")).toHaveValue("basic");
    expect(screen.getByLabelText(/share of the rate budget/)).toHaveValue("0.25");
    expect(screen.getByLabelText("Token URL")).toHaveAccessibleDescription(
      "Default: https://auth.cxone.com/oauth/token",
    );
    const secret = screen.getByLabelText("Client secret");
    expect(secret).toHaveAttribute("type", "password");
    expect(secret).toHaveValue("");
    expect(secret).toHaveAccessibleDescription(/Set in the keychain as cxone\.client_secret/);
    expect(screen.getByLabelText("Use CXone")).toBeChecked();
  });

  it("saves what was typed and puts a refused value beside its input", async () => {
    api.saveVendorSettings.mockRejectedValueOnce(
      new BackendError({ kind: "invalid", field: "rate_share", message: "rate share 2 is out of range" }),
    );
    renderWithProviders(<VendorForm settings={cxone} />);
    const share = screen.getByLabelText(/share of the rate budget/);
    await userEvent.clear(share);
    await userEvent.type(share, "2");
    await userEvent.type(screen.getByLabelText("Client secret"), "new-secret");
    await userEvent.click(screen.getByRole("button", { name: "Save" }));
    expect(api.saveVendorSettings).toHaveBeenCalledWith({
      vendor: "cxone",
      enabled: true,
      values: { ...cxone.values, rate_share: "2" },
      secret: "new-secret",
    });
    expect(await screen.findByText("rate share 2 is out of range")).toBeInTheDocument();
    expect(share).toHaveAttribute("aria-invalid", "true");
    expect(share).toHaveAccessibleDescription(/rate share 2 is out of range/);
    expect(share).toHaveFocus();

    api.saveVendorSettings.mockResolvedValueOnce();
    await userEvent.clear(share);
    await userEvent.type(share, "0.5");
    await userEvent.click(screen.getByRole("button", { name: "Save" }));
    expect(await screen.findByText(/Saved\. The desk reconnected/)).toBeInTheDocument();
    expect(share).not.toHaveAttribute("aria-invalid");
    expect(screen.getByLabelText("Client secret")).toHaveValue("");
  });

  it("says the connection works", async () => {
    api.testVendorConnection.mockResolvedValue({
      outcome: "ok",
      vendor: "cxone",
      checked: "GET /integrations/cxone/ivr/templates",
    });
    renderWithProviders(<VendorForm settings={cxone} />);
    await userEvent.click(screen.getByRole("button", { name: "Test connection" }));
    expect(await screen.findByRole("status")).toHaveTextContent(
      "Connected: CXone accepted the credentials and answered GET /integrations/cxone/ivr/templates.",
    );
    expect(api.saveVendorSettings).not.toHaveBeenCalled();
  });

  it("says what the vendor said when it refuses", async () => {
    api.testVendorConnection.mockResolvedValue({
      outcome: "refused",
      vendor: "cxone",
      failure: {
        reason: "rejected",
        step: "sign-in",
        status: 401,
        code: "authentication_failed",
        message: "Authentication failed: Invalid client credentials",
        traceId: "req-42",
      },
    });
    renderWithProviders(<VendorForm settings={cxone} />);
    await userEvent.click(screen.getByRole("button", { name: "Test connection" }));
    const alert = await screen.findByRole("alert");
    expect(alert).toHaveTextContent("CXone refused the connection at sign-in.");
    expect(alert).toHaveTextContent("The credentials were not accepted");
    expect(alert).toHaveTextContent("HTTP status 401, code authentication_failed");
    expect(alert).toHaveTextContent("CXone said: “Authentication failed: Invalid client credentials”");
    expect(alert).toHaveTextContent("Trace id for CXone support: req-42");
  });

  it("says in words when the vendor cannot be reached", async () => {
    api.testVendorConnection.mockRejectedValue(new BackendError({ kind: "offline", vendor: "cxone", asOf: null }));
    renderWithProviders(<VendorForm settings={cxone} />);
    await userEvent.click(screen.getByRole("button", { name: "Test connection" }));
    expect(await screen.findByRole("alert")).toHaveTextContent(/CXone/);
    expect(screen.getByRole("alert").closest("[data-kind]")).toHaveAttribute("data-kind", "offline");
  });

  it("signs in to Nextech through the browser and takes no secret from the form", async () => {
    api.signInNextech.mockResolvedValue();
    renderWithProviders(<VendorForm settings={nextech} />);
    expect(screen.queryByLabelText(/secret|key/i)).not.toBeInTheDocument();
    const state = screen.getByTestId("nextech-sign-in-state");
    expect(state).toHaveTextContent("Not signed in yet.");
    await userEvent.click(within(state).getByRole("button", { name: "Sign in with Nextech" }));
    expect(api.signInNextech).toHaveBeenCalledWith(expect.objectContaining({ vendor: "nextech", secret: null }));
    expect(await screen.findByRole("status")).toHaveTextContent("Signed in to Nextech.");
  });

  it("is in Spanish too", () => {
    renderWithProviders(<VendorForm settings={cxone} />, { locale: "es" });
    expect(screen.getByRole("button", { name: "Probar la conexión" })).toBeInTheDocument();
    expect(screen.getByLabelText("Secreto de cliente")).toHaveAccessibleDescription(/Guardado en el llavero/);
  });
});
