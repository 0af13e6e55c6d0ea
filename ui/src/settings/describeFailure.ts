// A vendor's refusal from "Test connection", said in sentences: what happened, what it usually
// means, and the vendor's own status, code, words and trace id for support.
import type { VendorFailure, Vendor } from "../api/backend";
import { VENDOR_NAMES } from "../api/vendors";
import type { Translate } from "../i18n/types";

export function describeFailure(vendor: Vendor, failure: VendorFailure, t: Translate): string[] {
  const name = VENDOR_NAMES[vendor];
  const step = failure.step === "sign-in" ? t("connections.stepSignIn") : failure.step;
  const lines = [t("connections.refused", { vendor: name, step }), t(`connections.reason.${failure.reason}`)];
  const facts: string[] = [];
  if (failure.status != null) facts.push(t("connections.failureStatus", { status: failure.status }));
  if (failure.code) facts.push(t("connections.failureCode", { code: failure.code }));
  if (facts.length > 0) lines.push(facts.join(", "));
  if (failure.message) lines.push(t("connections.failureMessage", { vendor: name, message: failure.message }));
  if (failure.traceId) lines.push(t("connections.failureTrace", { vendor: name, traceId: failure.traceId }));
  return lines;
}
