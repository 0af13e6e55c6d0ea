// Book: the slot finder across in-person, telehealth and referral will live here (issue 7).
import { useT } from "../i18n/context";
import { PlaceholderScreen } from "./PlaceholderScreen";

export function BookScreen() {
  const t = useT();
  return <PlaceholderScreen title={t("book.title")} />;
}
