// The card's history from the vendors that keep it: CXone's calls and messages, Nextech's
// encounters (with the CCD in a sealed frame), WellHive's referrals, and the desk's own
// callbacks waiting to go or gone.
import type { Callback, Contact, Encounter, Referral, VendorStatus } from "../../api/backend";
import { useI18n } from "../../i18n/context";
import { formatDateTime } from "../../i18n/format";
import { formatBirthDate } from "../../time/zoned";
import { CardSection, oldest } from "./CardSection";
import { CcdFrame } from "./CcdFrame";

/** When the desk last synced a vendor, else the card's own time: the best freshness it knows. */
function syncedAt(statuses: readonly VendorStatus[], vendor: VendorStatus["vendor"], fallback: string): string {
  return statuses.find((s) => s.vendor === vendor)?.asOf ?? fallback;
}

export function ContactsSection({
  contacts,
  statuses,
  cardAsOf,
}: {
  contacts: readonly Contact[];
  statuses: readonly VendorStatus[];
  cardAsOf: string;
}) {
  const { t, locale } = useI18n();
  const rows = [...contacts].sort((a, b) => Date.parse(b.start) - Date.parse(a.start));
  return (
    <CardSection
      name="contacts"
      title={t("card.contacts")}
      sources={["cxone"]}
      asOf={syncedAt(statuses, "cxone", cardAsOf)}
      empty={rows.length === 0}
      emptyText={t("card.noContacts")}
    >
      <table className="data-table data-table--dense" aria-label={t("card.contacts")}>
        <thead>
          <tr>
            <th scope="col">{t("appt.when")}</th>
            <th scope="col">{t("contact.channel")}</th>
            <th scope="col">{t("contact.direction")}</th>
            <th scope="col">{t("contact.disposition")}</th>
            <th scope="col">{t("contact.notes")}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((c) => (
            <tr key={c.externalId}>
              <td>{formatDateTime(c.start, locale)}</td>
              <td>{c.channel}</td>
              <td>{c.direction}</td>
              <td>{c.disposition ?? t("card.none")}</td>
              <td>{c.notes ?? t("card.none")}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </CardSection>
  );
}

export function EncountersSection({
  encounters,
  statuses,
  cardAsOf,
}: {
  encounters: readonly Encounter[];
  statuses: readonly VendorStatus[];
  cardAsOf: string;
}) {
  const { t, locale } = useI18n();
  const rows = [...encounters].sort((a, b) => Date.parse(b.date) - Date.parse(a.date));
  return (
    <CardSection
      name="encounters"
      title={t("card.encounters")}
      sources={["nextech"]}
      asOf={syncedAt(statuses, "nextech", cardAsOf)}
      empty={rows.length === 0}
      emptyText={t("card.noEncounters")}
    >
      {rows.map((e, index) => {
        const date = e.date.length === 10 ? formatBirthDate(e.date, locale) : formatDateTime(e.date, locale);
        const facts = [e.kind, e.doctor, e.department, e.location].filter((f): f is string => Boolean(f));
        return (
          // The newest encounter is open: it is the one a clinician reads between visits.
          <details key={e.externalId} className="encounter" open={index === 0} data-testid="encounter">
            <summary>
              <strong>{date}</strong> {facts.join(" · ")}
              {e.locked && <span className="tag">{t("encounter.locked")}</span>}
            </summary>
            {e.ccdHtml ? (
              <CcdFrame html={e.ccdHtml} title={t("encounter.ccdTitle", { date })} />
            ) : (
              <p className="card-section__empty">{t("encounter.noCcd")}</p>
            )}
          </details>
        );
      })}
    </CardSection>
  );
}

export function ReferralsSection({ referrals }: { referrals: readonly Referral[] }) {
  const { t, locale } = useI18n();
  return (
    <CardSection
      name="referrals"
      title={t("card.referrals")}
      sources={["wellhive"]}
      asOf={oldest(referrals.map((r) => r.asOf))}
      empty={referrals.length === 0}
      emptyText={t("card.noReferrals")}
    >
      <table className="data-table data-table--dense" aria-label={t("card.referrals")}>
        <thead>
          <tr>
            <th scope="col">{t("referral.number")}</th>
            <th scope="col">{t("referral.specialty")}</th>
            <th scope="col">{t("referral.status")}</th>
            <th scope="col">{t("referral.network")}</th>
            <th scope="col">{t("referral.asOf")}</th>
          </tr>
        </thead>
        <tbody>
          {referrals.map((r) => (
            <tr key={r.externalId}>
              <td>{r.referralNumber ?? r.externalId}</td>
              <td>{r.specialty ?? t("card.none")}</td>
              <td>{r.status ?? t("card.none")}</td>
              <td>{r.network ?? t("card.none")}</td>
              <td>{formatDateTime(r.asOf, locale)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </CardSection>
  );
}

export function CallbacksSection({
  callbacks,
  statuses,
  cardAsOf,
}: {
  callbacks: readonly Callback[];
  statuses: readonly VendorStatus[];
  cardAsOf: string;
}) {
  const { t, locale } = useI18n();
  const rows = [...callbacks].sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
  return (
    <CardSection
      name="callbacks"
      title={t("card.callbacks")}
      sources={["cxone"]}
      asOf={syncedAt(statuses, "cxone", cardAsOf)}
      empty={rows.length === 0}
      emptyText={t("card.noCallbacks")}
    >
      <table className="data-table data-table--dense" aria-label={t("card.callbacks")}>
        <thead>
          <tr>
            <th scope="col">{t("appt.when")}</th>
            <th scope="col">{t("callback.reason")}</th>
            <th scope="col">{t("callback.state")}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((c) => (
            <tr key={c.id} data-testid="callback" data-state={c.state.state}>
              <td>{formatDateTime(c.at, locale)}</td>
              <td>{c.reason}</td>
              <td>
                {c.state.state === "queued" && (
                  <span className="status-badge status-badge--pending">
                    <span aria-hidden="true">◷ </span>
                    {t("callback.queued")}
                  </span>
                )}
                {c.state.state === "sent" && (
                  <span className="status-badge status-badge--ok">{t("callback.sent")}</span>
                )}
                {c.state.state === "failed" && (
                  <span className="status-badge status-badge--danger">
                    {t("callback.failed", { reason: c.state.reason })}
                  </span>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </CardSection>
  );
}
