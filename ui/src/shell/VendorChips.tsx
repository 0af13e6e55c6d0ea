// One compact chip per vendor in the header: its name and state in words, coloured by state,
// with when it last synced and its last error for the tooltip and for screen readers.
import type { ConnectionState, VendorStatus } from "../api/backend";
import { VENDOR_NAMES, VENDORS } from "../api/vendors";
import { useI18n } from "../i18n/context";
import { formatDateTime } from "../i18n/format";
import type { Translate } from "../i18n/types";
import type { Locale } from "../i18n/types";
import "./VendorChips.css";

export interface VendorChipsProps {
  /** Known statuses; a vendor missing from the list shows as "Unknown". */
  statuses: readonly VendorStatus[];
}

type ChipState = ConnectionState | "unknown";

const STATE_KEYS = {
  notConfigured: "vendorState.notConfigured",
  ok: "vendorState.ok",
  syncing: "vendorState.syncing",
  degraded: "vendorState.degraded",
  offline: "vendorState.offline",
  needsAuth: "vendorState.needsAuth",
  unknown: "vendorState.unknown",
} as const satisfies Record<ChipState, string>;

export function stateLabel(state: ChipState, t: Translate): string {
  return t(STATE_KEYS[state]);
}

export function statusDetails(status: VendorStatus | undefined, t: Translate, locale: Locale): string {
  if (!status) return "";
  const parts = [
    status.asOf ? t("vendor.asOf", { time: formatDateTime(status.asOf, locale) }) : t("vendor.neverSynced"),
  ];
  if (status.lastError) parts.push(t("vendor.lastError", { error: status.lastError }));
  return parts.join(". ");
}

export function VendorChips({ statuses }: VendorChipsProps) {
  const { t, locale } = useI18n();
  return (
    <ul className="vendor-chips" aria-label={t("header.vendors")}>
      {VENDORS.map((vendor) => {
        const status = statuses.find((s) => s.vendor === vendor);
        const state: ChipState = status?.state ?? "unknown";
        const details = statusDetails(status, t, locale);
        return (
          <li
            key={vendor}
            className={`vendor-chip vendor-chip--${state}`}
            data-vendor={vendor}
            data-state={state}
            title={details || undefined}
          >
            <span className="vendor-chip__dot" aria-hidden="true" />
            <span className="vendor-chip__name">{VENDOR_NAMES[vendor]}</span>{" "}
            <span className="vendor-chip__state">{stateLabel(state, t)}</span>
            {details && <span className="visually-hidden">. {details}</span>}
          </li>
        );
      })}
    </ul>
  );
}
