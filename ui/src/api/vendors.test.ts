// A pushed status replaces that vendor's entry and the list keeps the desk's fixed order.
import { mergeVendorStatus } from "./vendors";
import type { VendorStatus } from "./backend";

const status = (vendor: VendorStatus["vendor"], state: VendorStatus["state"]): VendorStatus => ({
  vendor,
  state,
  asOf: null,
  lastError: null,
});

describe("mergeVendorStatus", () => {
  it("replaces the vendor's previous status", () => {
    const merged = mergeVendorStatus([status("zoom", "ok"), status("cxone", "ok")], status("zoom", "offline"));
    expect(merged).toEqual([status("cxone", "ok"), status("zoom", "offline")]);
  });

  it("adds a vendor not seen before, in order", () => {
    const merged = mergeVendorStatus([status("wellhive", "ok")], status("nextech", "syncing"));
    expect(merged.map((s) => s.vendor)).toEqual(["nextech", "wellhive"]);
  });
});
