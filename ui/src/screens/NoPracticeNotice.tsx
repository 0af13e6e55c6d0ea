// What a screen says when the desk has no practice: the plain fact, and the two ways forward —
// the demo practice to try the desk at once, or Settings' forms to connect the real vendors.
import { useState } from "react";
import { useQueryClient } from "@tanstack/react-query";
import { openDemoPractice } from "../api/backend";
import type { AppError } from "../api/backend";
import { toAppError } from "../api/errors";
import { ErrorBanner } from "../errors/ErrorBanner";
import { useCan } from "../access/session";
import { useT } from "../i18n/context";
import { Link } from "../router/Link";

export function NoPracticeNotice() {
  const t = useT();
  const can = useCan();
  const client = useQueryClient();
  const [opening, setOpening] = useState(false);
  const [error, setError] = useState<AppError | null>(null);

  const openDemo = () => {
    setOpening(true);
    setError(null);
    openDemoPractice()
      // Everything the desk showed belonged to "no practice": read it all again.
      .then(() => client.invalidateQueries())
      .catch((failure: unknown) => {
        setError(toAppError(failure));
      })
      .finally(() => {
        setOpening(false);
      });
  };

  return (
    <div className="notice" role="status">
      <p className="notice__title">{t("noPractice.title")}</p>
      <p>{t("noPractice.body")}</p>
      <p>{t("demo.explain")}</p>
      <p>
        <button type="button" onClick={openDemo} disabled={opening} data-testid="open-demo">
          {opening ? t("demo.opening") : t("demo.open")}
        </button>{" "}
        {can("connection_settings") && (
          <Link to="settings" className="button" data-testid="connect-vendors">
            {t("noPractice.connect")}
          </Link>
        )}
      </p>
      {error && <ErrorBanner error={error} />}
    </div>
  );
}
