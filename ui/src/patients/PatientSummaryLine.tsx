// One person in a result list, with what tells two namesakes apart at a glance: date of birth,
// MRN, a phone, and which vendor systems know them.
import type { PatientSummary } from "../api/backend";
import { useI18n } from "../i18n/context";
import { formatBirthDate } from "../time/zoned";
import { displayName, formatPhone, primaryPhone } from "./format";
import { VendorBadge } from "./VendorBadge";

export function PatientSummaryLine({ patient }: { patient: PatientSummary }) {
  const { t, locale } = useI18n();
  const phone = primaryPhone(patient.phones);
  const vendors = [...new Set(patient.links.map((l) => l.vendor))];
  return (
    <span className="patient-line">
      <span className="patient-line__name">{displayName(patient)}</span>
      <span className="patient-line__facts">
        <span>
          {t("patient.dobShort")}{" "}
          {patient.birthDate ? formatBirthDate(patient.birthDate, locale) : t("patient.unknown")}
        </span>
        {patient.mrn && (
          <span>
            {t("patient.mrnShort")} {patient.mrn}
          </span>
        )}
        {phone && <span>{formatPhone(phone.number)}</span>}
      </span>
      <span className="patient-line__vendors">
        {vendors.map((vendor) => (
          <VendorBadge key={vendor} vendor={vendor} />
        ))}
      </span>
    </span>
  );
}
