// Today: the day board by provider will live here (issue 7).
import { useT } from "../i18n/context";
import { PlaceholderScreen } from "./PlaceholderScreen";

export function TodayScreen() {
  const t = useT();
  return <PlaceholderScreen title={t("today.title")} />;
}
