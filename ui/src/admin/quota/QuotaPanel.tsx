// Settings' WellHive quota panel, for the practice admin: how often this desk has used each
// action WellHive counts against the practice's quota, so Dana sees the cost of the desk's
// referral searches before WellHive's invoice does. Shown only to a role that may read the
// counts (the backend refuses everyone else anyway), as the navigation hides pages.
import { useCan } from "../../access/session";
import type { QuotaAction } from "../../api/backend";
import { toAppError } from "../../api/errors";
import { useQuotaCounts } from "../../api/queries";
import { ErrorBanner } from "../../errors/ErrorBanner";
import { useI18n } from "../../i18n/context";
import type { PlainKey } from "../../i18n/types";

/** Every counted action, in the order of a referral's journey; a new action fails tsc here. */
const ACTIONS: Record<QuotaAction, PlainKey> = {
  providerServiceSearch: "quota.providerServiceSearch",
  driveTimeCalculation: "quota.driveTimeCalculation",
  slotSearch: "quota.slotSearch",
  appointmentBook: "quota.appointmentBook",
  appointmentShowLatest: "quota.appointmentShowLatest",
  appointmentCancel: "quota.appointmentCancel",
};

export function QuotaPanel() {
  const allowed = useCan()("quota_counts");
  const counts = useQuotaCounts(allowed);
  const { t, locale } = useI18n();
  if (!allowed) return null;

  let body;
  if (counts.isPending) body = <p className="muted">{t("quota.loading")}</p>;
  else if (counts.isError) {
    const error = toAppError(counts.error);
    // Without a practice nothing is counted; the page above already says there is none.
    body =
      error.kind === "notConfigured" ? (
        <p className="muted" data-testid="quota-none">
          {t("quota.noPractice")}
        </p>
      ) : (
        <ErrorBanner error={error} onRetry={() => void counts.refetch()} />
      );
  }
  else {
    const byAction = new Map(counts.data.map((c) => [c.action, c.count]));
    const number = new Intl.NumberFormat(locale);
    body = (
      <table className="quota-table" data-testid="quota-counts">
        <thead>
          <tr>
            <th scope="col">{t("quota.action")}</th>
            <th scope="col">{t("quota.count")}</th>
          </tr>
        </thead>
        <tbody>
          {(Object.keys(ACTIONS) as QuotaAction[]).map((action) => (
            <tr key={action} data-action={action}>
              <th scope="row">{t(ACTIONS[action])}</th>
              <td>{number.format(byAction.get(action) ?? 0)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    );
  }

  return (
    <section aria-labelledby="settings-quota" className="settings-section" data-testid="quota-panel">
      <h2 id="settings-quota">{t("quota.title")}</h2>
      <p className="muted">{t("quota.intro")}</p>
      {body}
    </section>
  );
}
