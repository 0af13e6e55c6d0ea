// The first render waits for who is at the desk, but never past its limit, and a failed read
// is left in the cache for the gate to show.
import * as backend from "../api/backend";
import type { SessionStatus } from "../api/backend";
import { createQueryClient } from "../api/queryClient";
import { primeSession } from "./primeSession";
import { SESSION_KEY } from "./session";

vi.mock("../api/backend", () => import("../test/mockBackend"));

const api = vi.mocked(backend);

const signedOut: SessionStatus = { phase: "signedOut", user: null, allowed: [], idleLockSecs: 900, demoAccounts: [] };

beforeEach(() => {
  vi.resetAllMocks();
});

describe("primeSession", () => {
  it("has the session's state cached when it resolves", async () => {
    api.getSessionStatus.mockResolvedValue(signedOut);
    const client = createQueryClient();
    await primeSession(client, 60_000);
    expect(client.getQueryData(SESSION_KEY)).toEqual(signedOut);
  });

  it("resolves at its limit when the backend does not answer", async () => {
    api.getSessionStatus.mockReturnValue(new Promise(() => undefined));
    const client = createQueryClient();
    const started = Date.now();
    await primeSession(client, 50);
    expect(Date.now() - started).toBeLessThan(2000);
    expect(client.getQueryData(SESSION_KEY)).toBeUndefined();
  });

  it("resolves when the read fails and leaves the failure to the gate", async () => {
    api.getSessionStatus.mockRejectedValue(new Error("backend down"));
    const client = createQueryClient();
    await primeSession(client, 60_000);
    expect(client.getQueryState(SESSION_KEY)?.status).toBe("error");
  });
});
