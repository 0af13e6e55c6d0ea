// Settings' webhooks section, for the practice admin: whether this desk runs a receiver (and
// where, and what the vendors can call), then per vendor what arrived and the subscriptions.
// Without a receiver it says so plainly: the desk then polls each vendor. Shown only to a role that
// may read the receiver (the backend refuses everyone else anyway), as the quota panel is.
import { useCan } from "../../access/session";
import { toAppError } from "../../api/errors";
import { ErrorBanner } from "../../errors/ErrorBanner";
import { useT } from "../../i18n/context";
import { useWebhookReceiver } from "./useWebhooks";
import { VendorWebhooks } from "./VendorWebhooks";

export function WebhooksSection() {
  const t = useT();
  const allowed = useCan()("webhook_receiver_status");
  const receiver = useWebhookReceiver(allowed);
  if (!allowed) return null;

  let body;
  if (receiver.isPending) body = <p className="muted">{t("webhooks.loading")}</p>;
  else if (receiver.isError) body = <ErrorBanner error={toAppError(receiver.error)} />;
  else if (!receiver.data.configured)
    body = (
      <div data-testid="webhooks-none">
        <p className="notice">{t("webhooks.none")}</p>
        <p className="muted">{t("webhooks.noneHint")}</p>
      </div>
    );
  else {
    const status = receiver.data;
    body = (
      <div data-testid="webhooks">
        <ul className="webhooks__facts">
          {status.listening && <li>{t("webhooks.listening", { address: status.listening })}</li>}
          {status.publicUrl ? (
            <li>{t("webhooks.publicUrl", { url: status.publicUrl })}</li>
          ) : (
            <li className="notice">{t("webhooks.noPublicUrl")}</li>
          )}
        </ul>
        {status.problem && <p className="notice">{t("webhooks.notRunning", { problem: status.problem })}</p>}
        {status.vendors.map((activity) => (
          <VendorWebhooks key={activity.vendor} activity={activity} publicUrl={status.publicUrl} />
        ))}
      </div>
    );
  }

  return (
    <section aria-labelledby="settings-webhooks" className="settings-section">
      <h2 id="settings-webhooks">{t("webhooks.title")}</h2>
      {body}
    </section>
  );
}
