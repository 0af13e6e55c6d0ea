// Backend answers the tests reuse, typed as the bindings type them.
import type { AppInfo, VendorStatus } from "../api/backend";

export const appInfo = (overrides: Partial<AppInfo> = {}): AppInfo => ({
  name: "Frontdesk",
  version: "0.1.0",
  dataDir: "/home/rosa/.local/share/health.frontdesk.desk",
  practiceName: null,
  ...overrides,
});

export const notConfigured = (): VendorStatus[] =>
  (["cxone", "zoom", "nextech", "nexhealth", "wellhive"] as const).map((vendor) => ({
    vendor,
    state: "notConfigured",
    asOf: null,
    lastError: null,
  }));
