// Patients: the patient card and its history will live here (issue 7); meanwhile it points to
// the search box, which is how a receptionist will reach a patient.
import { useT } from "../i18n/context";
import { shortcutLabel } from "../shell/useFocusShortcut";
import { PlaceholderScreen } from "./PlaceholderScreen";

export function PatientsScreen() {
  const t = useT();
  return (
    <PlaceholderScreen
      title={t("patients.title")}
      hint={<p>{t("patients.hint", { shortcut: shortcutLabel() })}</p>}
    />
  );
}
