// The header's sync control: Sync now reaches the backend, a running pass shows a progress bar
// naming the vendors still syncing, and a refusal is said in words.
import { act, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import * as backend from "../api/backend";
import type { SyncEvent } from "../api/backend";
import { BackendError } from "../api/errors";
import { renderWithProviders } from "../test/render";
import { SyncControl } from "./SyncControl";

vi.mock("../api/backend", () => import("../test/mockBackend"));

const api = vi.mocked(backend);
let push: ((event: SyncEvent) => void) | undefined;

beforeEach(() => {
  vi.resetAllMocks();
  push = undefined;
  api.onSyncProgressed.mockImplementation((cb) => {
    push = cb;
    return Promise.resolve(() => undefined);
  });
  api.syncNow.mockResolvedValue();
});

const step = (vendor: SyncEvent["vendor"], phase: SyncEvent["phase"]): SyncEvent => ({
  vendor,
  phase,
  items: 40,
  pages: 2,
  state: phase === "finished" ? "ok" : "syncing",
});

describe("SyncControl", () => {
  it("asks the backend for a pass when Sync now is pressed", async () => {
    renderWithProviders(<SyncControl />);
    await userEvent.click(screen.getByRole("button", { name: "Sync now" }));
    expect(api.syncNow).toHaveBeenCalledOnce();
  });

  it("shows progress while vendors sync and hides it when they finish", async () => {
    renderWithProviders(<SyncControl />);
    await vi.waitFor(() => {
      expect(push).toBeDefined();
    });
    expect(screen.queryByTestId("sync-progress")).not.toBeInTheDocument();
    act(() => {
      push?.(step("nexhealth", "patients"));
      push?.(step("cxone", "patients"));
    });
    expect(screen.getByTestId("sync-progress")).toHaveAccessibleName("Syncing NexHealth, CXone");
    act(() => {
      push?.(step("cxone", "finished"));
    });
    expect(screen.getByTestId("sync-progress")).toHaveAccessibleName("Syncing NexHealth");
    act(() => {
      push?.(step("nexhealth", "finished"));
    });
    expect(screen.queryByTestId("sync-progress")).not.toBeInTheDocument();
  });

  it("says why a sync could not start", async () => {
    api.syncNow.mockRejectedValue(new BackendError({ kind: "notConfigured", what: "a practice" }));
    renderWithProviders(<SyncControl />);
    await userEvent.click(screen.getByRole("button", { name: "Sync now" }));
    expect(await screen.findByRole("alert")).toHaveTextContent("a practice");
  });
});
