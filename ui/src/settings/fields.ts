// The order and labels of each vendor's settings in the form. The keys are the config file's
// own (the backend names a refused value by the same key), so an error lands beside its input.
import type { Vendor } from "../api/backend";
import type { PlainKey } from "../i18n/types";

export const FIELD_ORDER: Record<Vendor, readonly string[]> = {
  cxone: ["client_id", "plan", "base_url", "token_url", "rate_share"],
  zoom: ["account_id", "client_id", "api", "user_id", "base_url", "token_url", "per_minute", "rate_share"],
  nextech: [
    "practice_id",
    "client_id",
    "resource",
    "tenant_id",
    "authorize_url",
    "token_url",
    "base_url",
    "per_minute",
    "rate_share",
  ],
  nexhealth: ["subdomain", "location_ids", "api", "base_url", "per_minute", "rate_share"],
  wellhive: [
    "client_id",
    "base_url",
    "token_url",
    "audience",
    "algorithm",
    "private_key_path",
    "per_minute",
    "rate_share",
  ],
};

const LABELS: Record<string, PlainKey> = {
  base_url: "connections.field.base_url",
  token_url: "connections.field.token_url",
  authorize_url: "connections.field.authorize_url",
  client_id: "connections.field.client_id",
  account_id: "connections.field.account_id",
  user_id: "connections.field.user_id",
  plan: "connections.field.plan",
  api: "connections.field.api",
  tenant_id: "connections.field.tenant_id",
  resource: "connections.field.resource",
  practice_id: "connections.field.practice_id",
  subdomain: "connections.field.subdomain",
  location_ids: "connections.field.location_ids",
  audience: "connections.field.audience",
  algorithm: "connections.field.algorithm",
  private_key_path: "connections.field.private_key_path",
  per_minute: "connections.field.per_minute",
  rate_share: "connections.field.rate_share",
};

/** The catalogue key of a setting's label; a key the UI does not know shows as itself. */
export function labelKey(field: string): PlainKey | undefined {
  return LABELS[field];
}

/** The label of the vendor's secret; Nextech has none (its browser sign-in stores a token). */
export const SECRET_LABELS: Record<Vendor, PlainKey | null> = {
  cxone: "connections.secret.cxone",
  zoom: "connections.secret.zoom",
  nextech: null,
  nexhealth: "connections.secret.nexhealth",
  wellhive: "connections.secret.wellhive",
};
