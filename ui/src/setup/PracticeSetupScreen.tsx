// Practice setup: the phone menu, providers' hours and appointment types — what the practice
// tells its vendors outside booking. For the practice admin (the backend's role check decides;
// a clinician may set their own telehealth hours).
import { useT } from "../i18n/context";
import { Page } from "../screens/Page";
import { PracticeGate } from "../screens/PracticeGate";
import { AppointmentTypesSection } from "./AppointmentTypesSection";
import { AvailabilitySection } from "./AvailabilitySection";
import { IvrSection } from "./IvrSection";
import "./setup.css";

export function PracticeSetupScreen() {
  const t = useT();
  return (
    <PracticeGate title={t("setup.title")}>
      <Page title={t("setup.title")}>
        <p className="muted">{t("setup.intro")}</p>
        <IvrSection />
        <AvailabilitySection />
        <AppointmentTypesSection />
      </Page>
    </PracticeGate>
  );
}
