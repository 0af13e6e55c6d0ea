// The five vendors in the order the desk always shows them, their proper names (brands, never
// translated) and how one pushed status update folds into the list.
import type { Vendor, VendorStatus } from "./backend";

export const VENDORS: readonly Vendor[] = ["cxone", "zoom", "nextech", "nexhealth", "wellhive"];

export const VENDOR_NAMES: Record<Vendor, string> = {
  cxone: "CXone",
  zoom: "Zoom",
  nextech: "Nextech",
  nexhealth: "NexHealth",
  wellhive: "WellHive",
};

export function mergeVendorStatus(list: readonly VendorStatus[], update: VendorStatus): VendorStatus[] {
  const rest = list.filter((s) => s.vendor !== update.vendor);
  return [...rest, update].sort((a, b) => VENDORS.indexOf(a.vendor) - VENDORS.indexOf(b.vendor));
}
