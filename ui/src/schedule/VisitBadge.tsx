// Marks a visit that is not in the room: telehealth with a camera and the word "Video", a
// referral with its word. In-person visits, the usual case, carry no mark.
import type { Visit } from "../api/backend";
import { useT } from "../i18n/context";

export function VisitBadge({ visit }: { visit: Visit }) {
  const t = useT();
  if (visit.mode === "inPerson") return null;
  if (visit.mode === "referral") {
    return (
      <span className="visit-badge visit-badge--referral" data-visit="referral">
        {t("visit.referral")}
      </span>
    );
  }
  return (
    <span className="visit-badge visit-badge--telehealth" data-visit="telehealth">
      <svg viewBox="0 0 16 16" width="12" height="12" aria-hidden="true" focusable="false">
        <rect x="1" y="4" width="10" height="8" rx="1.5" fill="currentColor" />
        <path d="M11 7.2 15 5v6l-4-2.2z" fill="currentColor" />
      </svg>
      {t("visit.telehealth")}
    </span>
  );
}
