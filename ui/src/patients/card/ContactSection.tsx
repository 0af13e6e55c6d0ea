// How to reach the patient and on which channels they have agreed to be contacted: what Rosa
// checks before a reminder goes by SMS.
import type { PatientCard, Phone } from "../../api/backend";
import { useI18n } from "../../i18n/context";
import type { PlainKey } from "../../i18n/types";
import { formatPhone } from "../format";
import { CardSection } from "./CardSection";

const PHONE_KIND: Record<Phone["kind"], PlainKey> = {
  mobile: "phone.mobile",
  home: "phone.home",
  work: "phone.work",
  other: "phone.other",
};

/** "Vietnamese" for "vi", in the reader's language; the code itself where the name is unknown. */
function languageName(code: string, locale: string): string {
  try {
    return new Intl.DisplayNames([locale], { type: "language" }).of(code) ?? code;
  } catch {
    return code;
  }
}

export function ContactSection({ card }: { card: PatientCard }) {
  const { t, locale } = useI18n();
  const allowed = (yes: boolean) => (yes ? t("card.allowed") : t("card.notAllowed"));
  return (
    <CardSection name="contact" title={t("card.contact")} sources={[]} asOf={card.asOf} empty={false} emptyText="">
      <dl className="facts">
        <dt>{t("card.phones")}</dt>
        <dd>
          {card.phones.length === 0
            ? t("card.none")
            : card.phones.map((phone) => (
                <span key={`${phone.kind}:${phone.number}`} className="fact-line">
                  {formatPhone(phone.number)} <span className="muted">({t(PHONE_KIND[phone.kind])})</span>
                </span>
              ))}
        </dd>
        <dt>{t("card.email")}</dt>
        <dd>{card.email ?? t("card.none")}</dd>
        <dt>{t("card.language")}</dt>
        <dd>{card.preferredLanguage ? languageName(card.preferredLanguage, locale) : t("card.none")}</dd>
        <dt>{t("card.preferences")}</dt>
        <dd data-testid="communication-preferences">
          <span className="fact-line">
            {t("card.sms")}: {allowed(card.communication.allowSms)}
          </span>
          <span className="fact-line">
            {t("card.emailChannel")}: {allowed(card.communication.allowEmail)}
          </span>
          <span className="fact-line">
            {t("card.voice")}: {allowed(card.communication.allowVoice)}
          </span>
        </dd>
      </dl>
    </CardSection>
  );
}
