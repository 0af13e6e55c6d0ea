// One vendor's webhooks: what its receiver has seen, the desk's subscriptions there (each with
// Remove), and the action that registers this desk. Zoom subscribes in its Marketplace, so its
// action keeps the app's secret token instead.
import { useState } from "react";
import type { WebhookListing, WebhookVendorActivity } from "../../api/backend";
import { toAppError } from "../../api/errors";
import { VENDOR_NAMES } from "../../api/vendors";
import { ErrorBanner } from "../../errors/ErrorBanner";
import { useI18n } from "../../i18n/context";
import { useRegisterWebhooks, useRemoveWebhook, useWebhookSubscriptions } from "./useWebhooks";

export interface VendorWebhooksProps {
  activity: WebhookVendorActivity;
  /** The receiver's public URL, when one is set. */
  publicUrl: string | null;
}

function Activity({ activity }: { activity: WebhookVendorActivity }) {
  const { t, locale } = useI18n();
  const at = activity.lastEventAt ? new Date(activity.lastEventAt).toLocaleTimeString(locale) : null;
  return (
    <ul className="webhooks__facts">
      <li>
        {activity.lastEvent && at
          ? t("webhooks.lastEvent", { event: activity.lastEvent, time: at })
          : t("webhooks.noEvents")}
      </li>
      <li>{t("webhooks.counts", { accepted: activity.accepted, rejected: activity.rejected })}</li>
      {activity.lastRejection && <li>{t("webhooks.lastRejection", { reason: activity.lastRejection })}</li>}
      <li>{activity.secretStored ? t("webhooks.secretStored") : t("webhooks.secretMissing")}</li>
    </ul>
  );
}

function Subscriptions({ listing, vendorName, onRemove, removing }: {
  listing: Extract<WebhookListing, { kind: "subscriptions" }>;
  vendorName: string;
  onRemove: (id: string) => void;
  removing: boolean;
}) {
  const { t } = useI18n();
  if (listing.subscriptions.length === 0) return <p className="muted">{t("webhooks.noSubscriptions")}</p>;
  return (
    <ul className="webhooks__subscriptions">
      {listing.subscriptions.map((s) => (
        <li key={s.id} data-subscription={s.id}>
          <span className="webhooks__url">{s.url}</span> <span>{s.events.join(", ")}</span>
          {s.ours && <span className="webhooks__tag"> ({t("webhooks.ours")})</span>}
          {!s.active && <span className="webhooks__tag"> ({t("webhooks.inactive")})</span>}{" "}
          <button
            type="button"
            className="button"
            disabled={removing}
            aria-label={t("webhooks.removeWhat", { vendor: vendorName, id: s.id })}
            onClick={() => {
              onRemove(s.id);
            }}
          >
            {t("webhooks.remove")}
          </button>
        </li>
      ))}
    </ul>
  );
}

export function VendorWebhooks({ activity, publicUrl }: VendorWebhooksProps) {
  const { t } = useI18n();
  const vendor = activity.vendor;
  const name = VENDOR_NAMES[vendor];
  const listing = useWebhookSubscriptions(vendor);
  const register = useRegisterWebhooks(vendor);
  const remove = useRemoveWebhook(vendor);
  const [token, setToken] = useState("");
  const tokenId = `webhook-token-${vendor}`;
  const headingId = `webhooks-${vendor}`;
  const isZoom = listing.data?.kind === "marketplace";

  return (
    <section aria-labelledby={headingId} className="webhooks__vendor" data-vendor={vendor}>
      <h3 id={headingId}>{t("webhooks.subscriptionsOf", { vendor: name })}</h3>
      <Activity activity={activity} />
      {listing.isPending && <p className="muted">{t("webhooks.loading")}</p>}
      {listing.isError && <ErrorBanner error={toAppError(listing.error)} />}
      {listing.data?.kind === "subscriptions" && (
        <Subscriptions
          listing={listing.data}
          vendorName={name}
          removing={remove.isPending}
          onRemove={(id) => {
            remove.mutate(id);
          }}
        />
      )}
      {listing.data?.kind === "notListable" && <p className="muted">{t("webhooks.notListable", { vendor: name })}</p>}
      {isZoom && (
        <p className="muted">
          {t("webhooks.marketplace", { url: publicUrl ? `${publicUrl}/webhooks/zoom` : "webhooks.public_url" })}
        </p>
      )}
      {remove.isError && <ErrorBanner error={toAppError(remove.error)} />}
      {register.isError && <ErrorBanner error={toAppError(register.error)} />}
      {register.isSuccess && <p role="status">{t("webhooks.registered")}</p>}
      {isZoom ? (
        <form
          className="webhooks__token"
          onSubmit={(event) => {
            event.preventDefault();
            register.mutate(token);
          }}
        >
          <label htmlFor={tokenId}>{t("webhooks.secretToken")}</label>{" "}
          <input
            id={tokenId}
            type="password"
            autoComplete="off"
            value={token}
            onChange={(event) => {
              setToken(event.target.value);
            }}
          />{" "}
          <button type="submit" className="button" disabled={register.isPending || token.trim() === ""}>
            {register.isPending ? t("webhooks.registering") : t("webhooks.saveToken")}
          </button>{" "}
          {listing.data?.kind === "marketplace" && listing.data.secretStored && (
            <button
              type="button"
              className="button"
              disabled={remove.isPending}
              onClick={() => {
                remove.mutate("secret-token");
              }}
            >
              {t("webhooks.forgetToken")}
            </button>
          )}
        </form>
      ) : (
        <button
          type="button"
          className="button"
          disabled={register.isPending}
          onClick={() => {
            register.mutate(null);
          }}
        >
          {register.isPending ? t("webhooks.registering") : t("webhooks.register")}
        </button>
      )}
    </section>
  );
}
