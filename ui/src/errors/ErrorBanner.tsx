// The one way an AppError reaches the screen: a sentence saying what happened and what to do,
// announced to screen readers (role="alert"), with status carried by text as well as colour.
import type { AppError } from "../api/backend";
import { useI18n } from "../i18n/context";
import { describeError } from "./describeError";
import "./ErrorBanner.css";

export interface ErrorBannerProps {
  error: AppError;
  /** Offered as a "Try again" button when the caller can repeat what failed. */
  onRetry?: () => void;
}

export function ErrorBanner({ error, onRetry }: ErrorBannerProps) {
  const { t, locale } = useI18n();
  const { what, todo, severity } = describeError(error, t, locale);
  return (
    <div role="alert" className={`error-banner error-banner--${severity}`} data-kind={error.kind}>
      <span className="error-banner__icon" aria-hidden="true">
        {severity === "warning" ? "!" : "×"}
      </span>
      <p className="error-banner__text">
        <strong>{what}</strong> {todo}
      </p>
      {onRetry && (
        <button type="button" className="button" onClick={onRetry}>
          {t("error.retry")}
        </button>
      )}
    </div>
  );
}
