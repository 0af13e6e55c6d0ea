// Each vendor connection spelled out in a table, for the admin who needs the whole error text
// the header chips only hint at.
import type { VendorStatus } from "../api/backend";
import { VENDOR_NAMES, VENDORS } from "../api/vendors";
import { useI18n } from "../i18n/context";
import { formatDateTime } from "../i18n/format";
import { stateLabel } from "../shell/VendorChips";

export interface VendorTableProps {
  statuses: readonly VendorStatus[];
}

export function VendorTable({ statuses }: VendorTableProps) {
  const { t, locale } = useI18n();
  return (
    <table className="data-table">
      <thead>
        <tr>
          <th scope="col">{t("settings.vendor")}</th>
          <th scope="col">{t("settings.state")}</th>
          <th scope="col">{t("settings.asOf")}</th>
          <th scope="col">{t("settings.lastError")}</th>
        </tr>
      </thead>
      <tbody>
        {VENDORS.map((vendor) => {
          const status = statuses.find((s) => s.vendor === vendor);
          return (
            <tr key={vendor}>
              <th scope="row">{VENDOR_NAMES[vendor]}</th>
              <td>{stateLabel(status?.state ?? "unknown", t)}</td>
              <td>{status?.asOf ? formatDateTime(status.asOf, locale) : t("settings.none")}</td>
              <td>{status?.lastError ?? t("settings.none")}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
