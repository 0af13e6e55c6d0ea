// The admin's webhook queries: the receiver's status and each vendor's subscriptions, and the
// two actions on them. Kept beside the panel: nothing else in the app reads webhooks.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import {
  getWebhookReceiverStatus,
  getWebhookSubscriptions,
  registerWebhooks,
  removeWebhookSubscription,
} from "../../api/backend";
import type { Vendor, WebhookListing } from "../../api/backend";

export const webhookKeys = {
  receiver: ["webhookReceiver"] as const,
  subscriptions: (vendor: Vendor) => ["webhookSubscriptions", vendor] as const,
};

/** The receiver's state; `enabled` false (a role that may not read it) asks nothing. */
export function useWebhookReceiver(enabled = true) {
  return useQuery({ queryKey: webhookKeys.receiver, queryFn: getWebhookReceiverStatus, enabled });
}

export function useWebhookSubscriptions(vendor: Vendor) {
  return useQuery({
    queryKey: webhookKeys.subscriptions(vendor),
    queryFn: () => getWebhookSubscriptions(vendor),
    // A vendor's refusal (not connected, no listing) is an answer to show, not to retry.
    retry: false,
  });
}

export function useRegisterWebhooks(vendor: Vendor) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (secretToken: string | null) => registerWebhooks(vendor, secretToken),
    onSuccess: (listing: WebhookListing) => {
      client.setQueryData(webhookKeys.subscriptions(vendor), listing);
      void client.invalidateQueries({ queryKey: webhookKeys.receiver });
    },
  });
}

export function useRemoveWebhook(vendor: Vendor) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => removeWebhookSubscription(vendor, id),
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: webhookKeys.subscriptions(vendor) });
      void client.invalidateQueries({ queryKey: webhookKeys.receiver });
    },
  });
}
