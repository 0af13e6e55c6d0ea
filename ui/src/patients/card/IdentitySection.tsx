// Who this is, and every vendor record the desk has tied to them, with how sure it is of each
// tie. Suggested ties are listed for a person to judge; the desk never uses them on its own.
import type { LinkConfidence, LinkSuggestion, PatientCard } from "../../api/backend";
import { useI18n } from "../../i18n/context";
import type { PlainKey } from "../../i18n/types";
import { PatientActions } from "../../booking/PatientActions";
import { Link } from "../../router/Link";
import { displayName } from "../format";
import { formatBirthDate } from "../../time/zoned";
import { VendorBadge } from "../VendorBadge";
import { CardSection } from "./CardSection";

const CONFIDENCE: Record<LinkConfidence, PlainKey> = {
  exact: "link.exact",
  matched: "link.matched",
  suggested: "link.suggested",
  confirmed: "link.confirmed",
};

export function IdentitySection({ card }: { card: PatientCard }) {
  const { t, locale } = useI18n();
  return (
    <CardSection
      name="identity"
      title={t("card.identity")}
      sources={[]}
      asOf={card.asOf}
      empty={false}
      emptyText=""
    >
      <PatientActions patientId={card.id} patientName={displayName(card)} />
      <dl className="facts">
        <dt>{t("card.birthDate")}</dt>
        <dd data-testid="patient-dob">
          {card.birthDate ? formatBirthDate(card.birthDate, locale) : t("patient.unknown")}
        </dd>
        <dt>{t("card.mrn")}</dt>
        <dd data-testid="patient-mrn">{card.mrn ?? t("patient.unknown")}</dd>
      </dl>
      <h3 className="card-subheading">{t("card.links")}</h3>
      {card.links.length === 0 ? (
        <p className="card-section__empty">{t("card.noLinks")}</p>
      ) : (
        <ul className="vendor-links" aria-label={t("card.links")}>
          {card.links.map((link) => (
            <li
              key={`${link.vendor}:${link.externalId}`}
              data-testid="vendor-link"
              data-vendor={link.vendor}
              data-confidence={link.confidence}
              className={`vendor-link vendor-link--${link.confidence}`}
            >
              <VendorBadge vendor={link.vendor} />
              <code className="vendor-link__id">{link.externalId}</code>
              <span className="vendor-link__confidence">{t(CONFIDENCE[link.confidence])}</span>
            </li>
          ))}
        </ul>
      )}
      {card.suggestions.length > 0 && (
        <Suggestions suggestions={card.suggestions} patientId={card.id} />
      )}
    </CardSection>
  );
}

function Suggestions({ suggestions, patientId }: { suggestions: readonly LinkSuggestion[]; patientId: string }) {
  const { t } = useI18n();
  return (
    <div className="suggestions" data-testid="link-suggestions">
      <h3 className="card-subheading">{t("card.suggestions")}</h3>
      <p className="muted">{t("card.suggestionsReadOnly")}</p>
      <ul className="vendor-links">
        {suggestions.map((s) => {
          // The same suggestion reads differently from each of the two people's cards.
          const here = s.suggestedPatientId === patientId;
          const other = here ? s.recordPatientId : s.suggestedPatientId;
          return (
            <li
              key={`${s.vendor}:${s.externalId}:${other}`}
              className="vendor-link vendor-link--suggested"
              data-testid="link-suggestion"
              data-vendor={s.vendor}
            >
              <VendorBadge vendor={s.vendor} />
              <code className="vendor-link__id">{s.externalId}</code>
              <span>
                {here ? t("card.suggestionHere") : t("card.suggestionElsewhere")}{" "}
                <Link patientId={other}>{t("card.otherPatient")}</Link>
              </span>
              <span className="muted">
                {t("card.suggestionScore", { points: s.points })}
                {s.reasons.length > 0 && `: ${s.reasons.join(", ")}`}
              </span>
            </li>
          );
        })}
      </ul>
    </div>
  );
}
