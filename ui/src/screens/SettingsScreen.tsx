// Settings: the facts an admin or support needs (practice, version, where the data lives), the
// desk's language, each vendor connection in full, and the forms that set the connections up.
import { QuotaPanel } from "../admin/quota/QuotaPanel";
import { useAppInfo, useVendorStatuses } from "../api/queries";
import { ErrorBanner } from "../errors/ErrorBanner";
import { useI18n } from "../i18n/context";
import { LOCALES } from "../i18n/types";
import type { Locale } from "../i18n/types";
import { WebhooksSection } from "../admin/webhooks/WebhooksSection";
import { useCan } from "../access/session";
import { ConnectionSettingsSection } from "../settings/ConnectionSettingsSection";
import { Page } from "./Page";
import { VendorTable } from "./VendorTable";

export function SettingsScreen() {
  const { t, locale, setLocale } = useI18n();
  const info = useAppInfo();
  const statuses = useVendorStatuses();
  const can = useCan();
  const languageId = "settings-language";

  return (
    <Page title={t("settings.title")}>
      <section aria-labelledby="settings-about" className="settings-section">
        <h2 id="settings-about">{t("settings.about")}</h2>
        {info.data && (
          <>
            <dl className="facts">
              <dt>{t("settings.practice")}</dt>
              <dd data-testid="practice">{info.data.practiceName ?? t("header.noPractice")}</dd>
              <dt>{t("settings.version")}</dt>
              <dd data-testid="app-version">{info.data.version}</dd>
              <dt>{t("settings.dataDir")}</dt>
              <dd data-testid="data-dir" className="facts__path">
                {info.data.dataDir}
              </dd>
            </dl>
            {info.data.practiceName === null && <p className="notice">{t("settings.noPractice")}</p>}
            {info.data.problem && (
              <div data-testid="practice-problem">
                <h3>{t("settings.problem")}</h3>
                <ErrorBanner error={info.data.problem} />
              </div>
            )}
          </>
        )}
      </section>

      <section aria-labelledby="settings-language-heading" className="settings-section">
        <h2 id="settings-language-heading">{t("settings.language")}</h2>
        <label htmlFor={languageId}>{t("settings.languageLabel")}</label>{" "}
        <select
          id={languageId}
          value={locale}
          onChange={(event) => {
            setLocale(event.target.value as Locale);
          }}
        >
          {LOCALES.map((code) => (
            <option key={code} value={code} lang={code}>
              {t(`language.${code}`)}
            </option>
          ))}
        </select>
      </section>

      <section aria-labelledby="settings-connections" className="settings-section">
        <h2 id="settings-connections">{t("settings.connections")}</h2>
        <VendorTable statuses={statuses.data ?? []} />
      </section>

      {/* The forms are the practice admin's; others see the connections' state above. */}
      {can("connection_settings") && (
        <section aria-labelledby="settings-connection-settings" className="settings-section">
          <h2 id="settings-connection-settings">{t("connections.title")}</h2>
          <ConnectionSettingsSection />
        </section>
      )}
      <WebhooksSection />
      <QuotaPanel />
    </Page>
  );
}
