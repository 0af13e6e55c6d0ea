// The admin's webhooks panel: the plain sentence when no receiver is configured, per vendor the
// subscriptions with Remove, Register (and the field-level refusal when the public URL does not
// reach the desk), and Zoom's secret token instead of a registration.
import { screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import * as backend from "../../api/backend";
import type { WebhookReceiverStatus, WebhookVendorActivity } from "../../api/backend";
import { BackendError } from "../../api/errors";
import { renderAs, renderWithProviders } from "../../test/render";
import { WebhooksSection } from "./WebhooksSection";

vi.mock("../../api/backend", () => import("../../test/mockBackend"));

const api = vi.mocked(backend);

function activity(vendor: WebhookVendorActivity["vendor"], extra: Partial<WebhookVendorActivity> = {}): WebhookVendorActivity {
  return {
    vendor,
    lastEventAt: null,
    lastEvent: null,
    accepted: 0,
    rejected: 0,
    lastRejection: null,
    secretStored: false,
    ...extra,
  };
}

const running: WebhookReceiverStatus = {
  configured: true,
  listening: "127.0.0.1:8787",
  publicUrl: "https://desk.example.org",
  problem: null,
  vendors: [
    activity("cxone", { accepted: 3, lastEvent: "patient.updated", lastEventAt: "2026-11-21T10:00:00Z", secretStored: true }),
    activity("zoom"),
    activity("nexhealth", { rejected: 1, lastRejection: "bad_signature" }),
  ],
};

beforeEach(() => {
  vi.clearAllMocks();
  api.getWebhookSubscriptions.mockImplementation((vendor) => {
    if (vendor === "zoom") return Promise.resolve({ kind: "marketplace", secretStored: false });
    if (vendor === "cxone")
      return Promise.resolve({
        kind: "subscriptions",
        subscriptions: [
          {
            id: "webhook-7",
            url: "https://desk.example.org/webhooks/cxone",
            events: ["appointment.created", "patient.updated"],
            active: true,
            ours: true,
          },
        ],
      });
    return Promise.resolve({ kind: "subscriptions", subscriptions: [] });
  });
});

function vendorSection(vendor: string): HTMLElement {
  const section = document.querySelector<HTMLElement>(`section[data-vendor="${vendor}"]`);
  if (!section) throw new Error(`no section for ${vendor}`);
  return section;
}

it("says plainly that the desk polls when no receiver is configured", async () => {
  api.getWebhookReceiverStatus.mockResolvedValue({ ...running, configured: false, listening: null, publicUrl: null, vendors: [] });
  renderWithProviders(<WebhooksSection />);
  expect(
    await screen.findByText("No webhook receiver is configured: the desk polls each vendor instead"),
  ).toBeInTheDocument();
  expect(api.getWebhookSubscriptions).not.toHaveBeenCalled();
});

it("says it in Spanish too", async () => {
  api.getWebhookReceiverStatus.mockResolvedValue({ ...running, configured: false, vendors: [] });
  renderWithProviders(<WebhooksSection />, { locale: "es" });
  expect(await screen.findByText(/No hay ningún receptor de webhooks configurado/)).toBeInTheDocument();
});

it("lists each vendor's subscriptions and what arrived, and removes one", async () => {
  api.getWebhookReceiverStatus.mockResolvedValue(running);
  api.removeWebhookSubscription.mockResolvedValue(undefined);
  renderWithProviders(<WebhooksSection />);
  expect(await screen.findByText("Listening on 127.0.0.1:8787")).toBeInTheDocument();
  const cx = vendorSection("cxone");
  expect(await within(cx).findByText("https://desk.example.org/webhooks/cxone")).toBeInTheDocument();
  expect(within(cx).getByText("3 accepted, 0 refused")).toBeInTheDocument();
  expect(within(vendorSection("nexhealth")).getByText("Last refusal: bad_signature")).toBeInTheDocument();
  expect(await within(vendorSection("nexhealth")).findByText("No subscriptions")).toBeInTheDocument();

  await userEvent.click(within(cx).getByRole("button", { name: "Remove the CXone subscription webhook-7" }));
  expect(api.removeWebhookSubscription).toHaveBeenCalledWith("cxone", "webhook-7");
});

it("registers a vendor and shows the field-level refusal when the URL does not reach the desk", async () => {
  api.getWebhookReceiverStatus.mockResolvedValue(running);
  api.registerWebhooks.mockRejectedValueOnce(
    new BackendError({
      kind: "invalid",
      field: "webhooks.public_url",
      message: "https://desk.example.org does not reach this desk's webhook receiver: the connection failed",
    }),
  );
  renderWithProviders(<WebhooksSection />);
  await screen.findByText("Listening on 127.0.0.1:8787");
  const nh = vendorSection("nexhealth");
  await userEvent.click(await within(nh).findByRole("button", { name: "Register this desk" }));
  expect(api.registerWebhooks).toHaveBeenCalledWith("nexhealth", null);
  const alert = await within(nh).findByRole("alert");
  expect(alert).toHaveTextContent("webhooks.public_url");

  api.registerWebhooks.mockResolvedValueOnce({ kind: "subscriptions", subscriptions: [] });
  await userEvent.click(within(nh).getByRole("button", { name: "Register this desk" }));
  expect(await within(nh).findByRole("status")).toHaveTextContent("Registered.");
});

it("keeps Zoom's secret token instead of registering through an API", async () => {
  api.getWebhookReceiverStatus.mockResolvedValue(running);
  api.registerWebhooks.mockResolvedValue({ kind: "marketplace", secretStored: true });
  renderWithProviders(<WebhooksSection />);
  await screen.findByText("Listening on 127.0.0.1:8787");
  const zoom = vendorSection("zoom");
  expect(await within(zoom).findByText(/https:\/\/desk\.example\.org\/webhooks\/zoom/)).toBeInTheDocument();
  expect(within(zoom).queryByRole("button", { name: "Register this desk" })).not.toBeInTheDocument();
  const save = within(zoom).getByRole("button", { name: "Save the secret token" });
  expect(save).toBeDisabled();
  await userEvent.type(within(zoom).getByLabelText("Zoom secret token"), "tok-123");
  await userEvent.click(save);
  expect(api.registerWebhooks).toHaveBeenCalledWith("zoom", "tok-123");
  expect(await within(zoom).findByRole("button", { name: "Forget the secret token" })).toBeInTheDocument();
});

it("shows a receptionist nothing, and asks the backend nothing, rather than a refusal", async () => {
  api.getWebhookReceiverStatus.mockResolvedValue(running);
  renderAs(["search_patients", "day_board", "vendor_statuses"], <><h1>Settings</h1><WebhooksSection /></>);
  await screen.findByRole("heading", { name: "Settings" });
  expect(screen.queryByRole("heading", { name: "Webhooks" })).not.toBeInTheDocument();
  expect(screen.queryByRole("alert")).not.toBeInTheDocument();
  expect(api.getWebhookReceiverStatus).not.toHaveBeenCalled();
});

it("shows the practice admin the receiver", async () => {
  api.getWebhookReceiverStatus.mockResolvedValue({ ...running, configured: false, listening: null, publicUrl: null, vendors: [] });
  renderAs(["webhook_receiver_status"], <WebhooksSection />);
  expect(await screen.findByRole("heading", { name: "Webhooks" })).toBeInTheDocument();
  expect(api.getWebhookReceiverStatus).toHaveBeenCalledTimes(1);
});
