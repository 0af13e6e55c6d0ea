// A vendor's name as a compact badge, tinted per vendor so a row of them scans quickly; the
// name itself is always the text, so the tint is never the only cue.
import type { Vendor } from "../api/backend";
import { VENDOR_NAMES } from "../api/vendors";

export function VendorBadge({ vendor }: { vendor: Vendor }) {
  return (
    <span className={`vendor-badge vendor-badge--${vendor}`} data-testid="vendor-badge" data-vendor={vendor}>
      {VENDOR_NAMES[vendor]}
    </span>
  );
}
