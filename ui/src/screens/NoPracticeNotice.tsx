// What a screen says when the desk has no practice: the plain fact and where to go about it.
import { useT } from "../i18n/context";
import { Link } from "../router/Link";

export function NoPracticeNotice() {
  const t = useT();
  return (
    <div className="notice" role="status">
      <p className="notice__title">{t("noPractice.title")}</p>
      <p>{t("noPractice.body")}</p>
      <p>
        <Link to="settings">{t("noPractice.toSettings")}</Link>
      </p>
    </div>
  );
}
