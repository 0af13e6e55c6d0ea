// The vendors' chips follow pushed events, and an event pushed before the shell subscribed is
// not lost: the statuses are read again once the subscription is up.
import { renderHook, waitFor } from "@testing-library/react";
import { QueryClientProvider } from "@tanstack/react-query";
import type { QueryClient } from "@tanstack/react-query";
import type { ReactNode } from "react";
import * as backend from "./backend";
import type { VendorStatus } from "./backend";
import { createQueryClient } from "./queryClient";
import { queryKeys, useVendorStatusEvents, useVendorStatuses } from "./queries";

vi.mock("./backend", () => import("../test/mockBackend"));

const api = vi.mocked(backend);

const cxone = (state: VendorStatus["state"]) => ({ vendor: "cxone", state }) as VendorStatus;

beforeEach(() => {
  vi.resetAllMocks();
});

/** What the shell mounts for the chips: the statuses, kept current by the events. */
function renderChips(client: QueryClient) {
  const wrapper = ({ children }: { children: ReactNode }) => (
    <QueryClientProvider client={client}>{children}</QueryClientProvider>
  );
  return renderHook(
    () => {
      useVendorStatusEvents();
      return useVendorStatuses();
    },
    { wrapper },
  );
}

describe("useVendorStatusEvents", () => {
  it("reads the statuses again once subscribed, so a pass that ended before is shown ended", async () => {
    const client = createQueryClient();
    // Read as the session opened, while CXone was still syncing.
    client.setQueryData(queryKeys.vendorStatuses, [cxone("syncing")]);
    // The pass ended before the subscription was up: the backend now says ok.
    api.getVendorStatuses.mockResolvedValue([cxone("ok")]);
    api.onVendorStatusChanged.mockResolvedValue(() => undefined);
    const { result } = renderChips(client);
    await waitFor(() => {
      expect(result.current.data?.[0]?.state).toBe("ok");
    });
  });

  it("keeps a pushed change over a re-read that was answered while the pass still ran", async () => {
    const client = createQueryClient();
    client.setQueryData(queryKeys.vendorStatuses, [cxone("syncing")]);
    let push: ((status: VendorStatus) => void) | undefined;
    let answer: ((statuses: VendorStatus[]) => void) | undefined;
    api.getVendorStatuses.mockReturnValue(
      new Promise((resolve) => {
        answer = resolve;
      }),
    );
    api.onVendorStatusChanged.mockImplementation((onChange) => {
      push = onChange;
      return Promise.resolve(() => undefined);
    });
    const { result } = renderChips(client);
    await waitFor(() => {
      expect(answer).toBeDefined();
    });
    // The pass ends and says so; then the re-read, taken while it ran, arrives.
    push?.(cxone("ok"));
    answer?.([cxone("syncing")]);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(result.current.data?.[0]?.state).toBe("ok");
  });

  it("folds a pushed change into the statuses", async () => {
    const client = createQueryClient();
    let push: ((status: VendorStatus) => void) | undefined;
    api.getVendorStatuses.mockResolvedValue([cxone("syncing")]);
    api.onVendorStatusChanged.mockImplementation((onChange) => {
      push = onChange;
      return Promise.resolve(() => undefined);
    });
    const { result } = renderChips(client);
    await waitFor(() => {
      expect(result.current.data?.[0]?.state).toBe("syncing");
    });
    push?.(cxone("ok"));
    await waitFor(() => {
      expect(result.current.data?.[0]?.state).toBe("ok");
    });
  });
});
