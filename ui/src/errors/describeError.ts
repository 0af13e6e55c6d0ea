// Every AppError as what happened and what to do, in the reader's language. The switch is
// exhaustive: a kind the backend adds fails the build here until someone writes its sentence.
import type { AppError, Vendor } from "../api/backend";
import { VENDOR_NAMES } from "../api/vendors";
import { formatTime } from "../i18n/format";
import type { Locale, Translate } from "../i18n/types";

export interface ErrorDescription {
  /** What happened, one sentence. */
  what: string;
  /** What the reader (or someone else) should do about it. */
  todo: string;
  /** Warnings are temporary and recover by themselves; errors need a person. */
  severity: "warning" | "error";
}

// Backend messages may or may not end in a full stop; the catalogue adds its own.
function clause(text: string): string {
  return text.trim().replace(/[.。]+$/, "");
}

function vendorName(vendor: Vendor): string {
  return VENDOR_NAMES[vendor];
}

export function describeError(error: AppError, t: Translate, locale: Locale): ErrorDescription {
  switch (error.kind) {
    case "offline": {
      const { vendor, asOf } = error;
      const what = vendor
        ? t("error.offline.vendor", { vendor: vendorName(vendor) })
        : t("error.offline.all");
      let todo: string;
      if (asOf) {
        const time = formatTime(asOf, locale);
        todo = vendor ? t("error.offline.asOf", { time }) : t("error.offline.asOfAll", { time });
      } else {
        todo = vendor ? t("error.offline.noCache") : t("error.offline.noCacheAll");
      }
      return { what, todo, severity: "warning" };
    }
    case "unauthorized":
      return {
        what: error.vendor
          ? t("error.unauthorized.vendor", { vendor: vendorName(error.vendor) })
          : t("error.unauthorized.all"),
        todo: t("error.unauthorized.action"),
        severity: "error",
      };
    case "forbidden":
      return {
        what: t("error.forbidden", { action: clause(error.action) }),
        todo: t("error.forbidden.action"),
        severity: "error",
      };
    case "locked":
      return { what: t("error.locked"), todo: t("error.locked.action"), severity: "warning" };
    case "notFound":
      return {
        what: t("error.notFound", { what: clause(error.what) }),
        todo: t("error.notFound.action"),
        severity: "error",
      };
    case "invalid":
      return {
        what: t("error.invalid", { field: error.field, message: clause(error.message) }),
        todo: t("error.invalid.action"),
        severity: "error",
      };
    case "conflict":
      return {
        what: t("error.conflict", { message: clause(error.message) }),
        todo: t("error.conflict.action"),
        severity: "warning",
      };
    case "rateLimited":
      return {
        what: t("error.rateLimited", { vendor: vendorName(error.vendor) }),
        todo:
          error.retryAfterSecs == null
            ? t("error.rateLimited.retrySoon")
            : t("error.rateLimited.retryIn", { secs: error.retryAfterSecs }),
        severity: "warning",
      };
    case "unavailable":
      return {
        what: t("error.unavailable", {
          vendor: vendorName(error.vendor),
          message: clause(error.message),
        }),
        todo: error.traceId
          ? t("error.unavailable.trace", { traceId: error.traceId })
          : t("error.unavailable.noTrace"),
        severity: "error",
      };
    case "notConfigured":
      return {
        what: t("error.notConfigured", { what: clause(error.what) }),
        todo: t("error.notConfigured.action"),
        severity: "warning",
      };
    case "storage":
      // The way out comes from the backend, which knows how this cache can be recovered.
      return {
        what: t("error.storage", { message: clause(error.message) }),
        todo: error.wayOut,
        severity: "error",
      };
    case "internal":
      return {
        what: t("error.internal", { message: clause(error.message) }),
        todo: t("error.internal.action"),
        severity: "error",
      };
    default:
      return assertNever(error);
  }
}

function assertNever(value: never): never {
  throw new Error(`unhandled AppError: ${JSON.stringify(value)}`);
}
