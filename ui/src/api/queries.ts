// Command results cached with TanStack Query: one key per command, so every screen that needs
// the app's facts shares one request, and pushed events update the cache in place.
import { useEffect } from "react";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { getAppInfo, getVendorStatuses, onVendorStatusChanged } from "./backend";
import type { VendorStatus } from "./backend";
import { mergeVendorStatus } from "./vendors";

export const queryKeys = {
  appInfo: ["appInfo"] as const,
  vendorStatuses: ["vendorStatuses"] as const,
};

export function useAppInfo() {
  return useQuery({ queryKey: queryKeys.appInfo, queryFn: getAppInfo, staleTime: Infinity });
}

/** Each vendor's connection as last loaded or pushed; see useVendorStatusEvents. */
export function useVendorStatuses() {
  return useQuery({ queryKey: queryKeys.vendorStatuses, queryFn: getVendorStatuses, staleTime: Infinity });
}

/**
 * Folds VendorStatusChanged events into the cached statuses. Mounted once, by the shell, so
 * every reader of useVendorStatuses sees pushed changes without subscribing twice.
 */
export function useVendorStatusEvents(): void {
  const client = useQueryClient();
  useEffect(() => {
    let unlisten: (() => void) | undefined;
    let cancelled = false;
    onVendorStatusChanged((status) => {
      client.setQueryData<VendorStatus[]>(queryKeys.vendorStatuses, (old) =>
        mergeVendorStatus(old ?? [], status),
      );
    }).then(
      (stop) => {
        // The component may have unmounted while the subscription was being set up.
        if (cancelled) stop();
        else unlisten = stop;
      },
      (error: unknown) => {
        // Without events the chips still show the loaded state; note it for whoever debugs.
        console.warn("vendor status events unavailable", error);
      },
    );
    return () => {
      cancelled = true;
      unlisten?.();
    };
  }, [client]);
}

export type PatientSearchState =
  | { kind: "idle" }
  | { kind: "unavailable"; reason: "noPractice" | "notYetAvailable" };

/**
 * Patient search as the search box sees it. The backend has no search command yet, so this says
 * so rather than pretending; when it lands, this hook becomes a query and the box is unchanged.
 */
export function usePatientSearch(query: string, practiceConnected: boolean): PatientSearchState {
  if (query.trim() === "") return { kind: "idle" };
  return { kind: "unavailable", reason: practiceConnected ? "notYetAvailable" : "noPractice" };
}
