// Opening the desk after sign-in: it waits for its first reads so it paints once, but never
// longer than its limit, and a read that fails does not keep anyone out.
import * as backend from "../api/backend";
import type { SessionStatus } from "../api/backend";
import { createQueryClient } from "../api/queryClient";
import { CHICAGO } from "../test/fixtures";
import { todayIn } from "../time/zoned";
import { loadedScreen } from "../screens";
import { loadedShell } from "../shell/loadShell";
import { prepareDesk } from "./prepareDesk";

vi.mock("../api/backend", () => import("../test/mockBackend"));

const api = vi.mocked(backend);

const active = (allowed: string[]): SessionStatus => ({
  phase: "active",
  user: { staffId: "s1", username: "rosa", displayName: "Rosa", role: "receptionist", providerId: null },
  allowed,
  idleLockSecs: 900,
  demoAccounts: [],
});

beforeEach(() => {
  vi.resetAllMocks();
  window.location.hash = "#/today";
  window.localStorage.clear();
});

describe("prepareDesk", () => {
  it("has the shell's facts and today's board cached when it resolves", async () => {
    api.getAppInfo.mockResolvedValue({} as backend.AppInfo);
    api.getVendorStatuses.mockResolvedValue([]);
    api.getLocations.mockResolvedValue([CHICAGO]);
    const day = todayIn(CHICAGO.timeZone);
    api.getDayBoard.mockResolvedValue({ location: CHICAGO, day, providers: [], appointments: [], patients: [] });
    const client = createQueryClient();
    // A long limit: under Vitest the desk's module is compiled on first import, which is slow.
    await prepareDesk(client, active(["day_board", "vendor_statuses"]), 60_000);
    expect(client.getQueryData(["vendorStatuses"])).toEqual([]);
    expect(client.getQueryData(["dayBoard", CHICAGO.id, day])).toBeDefined();
    // The desk's code is here too, so it renders at once rather than through a suspending lazy.
    expect(loadedShell()?.AppShell).toBeTypeOf("function");
  });

  it("has the code of the page it opens on, when that is not the board", async () => {
    api.getAppInfo.mockResolvedValue({} as backend.AppInfo);
    window.location.hash = "#/staff";
    expect(loadedScreen("staff")).toBeUndefined();
    await prepareDesk(createQueryClient(), active(["manage_staff"]), 60_000);
    expect(loadedScreen("staff")).toBeTypeOf("function");
  });

  it("opens after its limit when a read never answers", async () => {
    api.getAppInfo.mockReturnValue(new Promise(() => undefined));
    const started = Date.now();
    await prepareDesk(createQueryClient(), active([]), 50);
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it("opens at once when a read fails, and reads no board off the board's page or role", async () => {
    api.getAppInfo.mockRejectedValue(new Error("down"));
    window.location.hash = "#/patients";
    await prepareDesk(createQueryClient(), active(["day_board"]), 60_000);
    await prepareDesk(createQueryClient(), active(["search_patients"]), 60_000);
    expect(api.getLocations).not.toHaveBeenCalled();
  });
});
