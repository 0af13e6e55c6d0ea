// A shell with nothing in it, for tests of the frame around the pages: no practice connected,
// no locations, providers or search results, and no vendor events. Tests change what they need.
import type { MockedObject } from "vitest";
import type * as Backend from "../api/backend";
import { appInfo, notConfigured } from "./fixtures";

/** `api` is the test's `vi.mocked(backend)`. */
export function mockQuietShell(api: MockedObject<typeof Backend>): void {
  api.getLocations.mockResolvedValue([]);
  api.getProviders.mockResolvedValue([]);
  api.searchPatients.mockResolvedValue([]);
  api.getAppInfo.mockResolvedValue(appInfo());
  api.getVendorStatuses.mockResolvedValue(notConfigured());
  api.onVendorStatusChanged.mockResolvedValue(() => undefined);
}
