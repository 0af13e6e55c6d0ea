// Settings' connection settings: the config file being edited, the practice, and one form per
// vendor (each in a disclosure, so the page stays short and each opens by keyboard).
import { useAppInfo, useConnectionSettings } from "../api/queries";
import { VENDOR_NAMES } from "../api/vendors";
import { toAppError } from "../api/errors";
import type { VendorSettings } from "../api/backend";
import { ErrorBanner } from "../errors/ErrorBanner";
import { useT } from "../i18n/context";
import type { Translate } from "../i18n/types";
import { PracticeSettingsForm } from "./PracticeSettingsForm";
import { VendorForm } from "./VendorForm";
import "./ConnectionSettings.css";

function stateText(vendor: VendorSettings, t: Translate): string {
  if (!vendor.present) return t("connections.stateAbsent");
  return vendor.enabled ? t("connections.stateOn") : t("connections.stateOff");
}

export function ConnectionSettingsSection() {
  const t = useT();
  const info = useAppInfo();
  const settings = useConnectionSettings();

  if (settings.isPending) return <p className="muted">{t("connections.loading")}</p>;
  if (settings.isError) return <ErrorBanner error={toAppError(settings.error)} />;
  // Each form starts from what the file says and keeps what was typed across the re-reads a
  // save causes, so its result ("Saved", the test's answer) stays on screen.
  const data = settings.data;

  return (
    <div className="connection-settings" data-testid="connection-settings">
      <p className="muted" data-testid="config-path">
        {t("connections.file", { path: data.configPath })}
      </p>
      {info.data?.demo && <p className="notice">{t("connections.demoNote")}</p>}
      <h3>{t("connections.practiceTitle")}</h3>
      <PracticeSettingsForm practice={data.practice} />
      {!data.fileExists ? (
        <p className="notice" data-testid="practice-first">
          {t("connections.practiceFirst")}
        </p>
      ) : (
        data.vendors.map((vendor) => (
          <details key={vendor.vendor} className="vendor-settings" data-vendor={vendor.vendor}>
            <summary>
              <span className="vendor-settings__name">{VENDOR_NAMES[vendor.vendor]}</span>{" "}
              <span className="vendor-settings__state">{stateText(vendor, t)}</span>
            </summary>
            <VendorForm settings={vendor} />
          </details>
        ))
      )}
    </div>
  );
}
