// Command results cached with TanStack Query: one key per command, so every screen that needs
// the app's facts shares one request, and pushed events update the cache in place.
import { useEffect, useRef, useState } from "react";
import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { QueryClient } from "@tanstack/react-query";
import { initialBoardPlace } from "../schedule/useBoardPlace";
import {
  getAppInfo,
  getConnectionSettings,
  getDayBoard,
  getLocations,
  getPatientCard,
  getProviders,
  getProviderDay,
  refreshPatientCard,
  getVendorStatuses,
  onVendorStatusChanged,
  searchPatients,
  searchVendorPatients,
  getAppointmentTypes,
  onAppointmentSettled,
  searchSlots,
} from "./backend";
import type { AppError, DayBoard, PatientSummary, ProviderDay, SettledBooking, SlotQuery, VendorStatus } from "./backend";
import { displayName } from "../patients/format";
import {
  getIvrTemplates,
  getNexAppointmentTypes,
  getNexAvailabilities,
  getWaitingRoom,
  getZoomAvailability,
} from "./backend";
import { getQuotaCounts } from "./backend";
import { toAppError } from "./errors";
import { mergeVendorStatus } from "./vendors";

export const queryKeys = {
  appInfo: ["appInfo"] as const,
  vendorStatuses: ["vendorStatuses"] as const,
  locations: ["locations"] as const,
  providers: ["providers"] as const,
  search: (query: string, limit: number) => ["searchPatients", query, limit] as const,
  patientCard: (id: string) => ["patientCard", id] as const,
  dayBoard: (locationId: string, day: string) => ["dayBoard", locationId, day] as const,
  providerDay: (providerId: string, day: string, timeZone: string) => ["providerDay", providerId, day, timeZone] as const,
  appointmentTypes: ["appointmentTypes"] as const,
  slots: (query: SlotQuery) => ["searchSlots", query] as const,
};

// Locations and providers change when an admin edits the practice, not during a day.
const SLOW_CHANGING = 5 * 60 * 1000;

export function useAppInfo() {
  return useQuery({ queryKey: queryKeys.appInfo, queryFn: getAppInfo, staleTime: Infinity });
}

/** Each vendor's connection as last loaded or pushed; see useVendorStatusEvents. */
export function useVendorStatuses() {
  return useQuery({ queryKey: queryKeys.vendorStatuses, queryFn: getVendorStatuses, staleTime: Infinity });
}

/**
 * Folds VendorStatusChanged events into the cached statuses. Mounted once, by the shell, so
 * every reader of useVendorStatuses sees pushed changes without subscribing twice. Once
 * subscribed it reads the statuses (and what a pass changes) again: an event that came between
 * the first read (made as the session opened, before the shell was up) and the subscription
 * would otherwise be lost, and a chip would say "syncing" for a pass that had ended. That read
 * only fills in vendors with no event since it began: an answer read while a pass ran must not
 * undo the "ok" its end pushed a moment later.
 */
export function useVendorStatusEvents(): void {
  const client = useQueryClient();
  useEffect(() => {
    let unlisten: (() => void) | undefined;
    let cancelled = false;
    // A vendor that synced, or went away, may have changed what the board and the cards show;
    // they re-read the cache (cheap: it is local) rather than wait for a reload.
    const rereadSynced = () => {
      void client.invalidateQueries({ queryKey: ["dayBoard"] });
      void client.invalidateQueries({ queryKey: ["providerDay"] });
      void client.invalidateQueries({ queryKey: ["patientCard"] });
    };
    // Vendors whose change was pushed since the re-read below began: their event is newer.
    const pushed = new Set<VendorStatus["vendor"]>();
    onVendorStatusChanged((status) => {
      pushed.add(status.vendor);
      client.setQueryData<VendorStatus[]>(queryKeys.vendorStatuses, (old) =>
        mergeVendorStatus(old ?? [], status),
      );
      rereadSynced();
    }).then(
      (stop) => {
        // The component may have unmounted while the subscription was being set up.
        if (cancelled) {
          stop();
          return;
        }
        unlisten = stop;
        pushed.clear();
        getVendorStatuses().then(
          (fresh) => {
            if (cancelled) return;
            client.setQueryData<VendorStatus[]>(queryKeys.vendorStatuses, (old) =>
              fresh.filter((s) => !pushed.has(s.vendor)).reduce(mergeVendorStatus, old ?? []),
            );
          },
          () => undefined, // The chips keep what they show; the next event corrects them.
        );
        rereadSynced();
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

/** `value`, once it has stopped changing for `delayMs`: typing does not search per keystroke. */
function useDebouncedValue<T>(value: T, delayMs: number): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = window.setTimeout(() => {
      setSettled(value);
    }, delayMs);
    return () => {
      window.clearTimeout(timer);
    };
  }, [value, delayMs]);
  return settled;
}

export const SEARCH_DEBOUNCE_MS = 120;

export type PatientSearchState =
  | { kind: "idle" }
  | { kind: "unavailable"; reason: "noPractice" }
  | { kind: "loading" }
  | { kind: "results"; query: string; patients: PatientSummary[] }
  | { kind: "noMatch"; query: string }
  | { kind: "error"; error: AppError; retry: () => void };

/**
 * Patient search as a search box sees it: debounced, served from the local cache, and every
 * outcome (nothing typed, no practice, no match, an error) a state the box can say in words.
 */
export function usePatientSearch(query: string, practiceConnected: boolean, limit = 20): PatientSearchState {
  const settled = useDebouncedValue(query.trim(), SEARCH_DEBOUNCE_MS);
  const enabled = practiceConnected && settled !== "";
  const result = useQuery({
    queryKey: queryKeys.search(settled, limit),
    queryFn: () => searchPatients(settled, limit),
    enabled,
    // The previous list stays while the next keystroke's answer arrives: no flicker.
    placeholderData: keepPreviousData,
    staleTime: 30 * 1000,
  });
  if (query.trim() === "") return { kind: "idle" };
  if (!practiceConnected) return { kind: "unavailable", reason: "noPractice" };
  if (result.isError) return { kind: "error", error: toAppError(result.error), retry: () => void result.refetch() };
  if (!result.data) return { kind: "loading" };
  const shownQuery = result.isPlaceholderData ? query.trim() : settled;
  if (result.data.length === 0) {
    return result.isPlaceholderData || settled !== query.trim()
      ? { kind: "loading" }
      : { kind: "noMatch", query: shownQuery };
  }
  return { kind: "results", query: shownQuery, patients: result.data };
}

/**
 * "Search the vendors" for a query the cache has no match for. What the vendors return is kept
 * in the cache, so every cached search is re-read afterwards.
 */
export function useVendorPatientSearch(limit = 20) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (query: string) => searchVendorPatients(query, limit),
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: ["searchPatients"] });
    },
  });
}

export function useLocations(enabled = true) {
  return useQuery({ queryKey: queryKeys.locations, queryFn: getLocations, staleTime: SLOW_CHANGING, enabled });
}

export function useProviders(enabled = true) {
  return useQuery({ queryKey: queryKeys.providers, queryFn: getProviders, staleTime: SLOW_CHANGING, enabled });
}

export function usePatientCard(id: string, enabled = true) {
  return useQuery({ queryKey: queryKeys.patientCard(id), queryFn: () => getPatientCard(id), enabled });
}

/**
 * Once per card opened: asks the vendors for the person's latest records behind the cached card
 * and puts the answer in its place. A vendor that cannot be reached leaves the cached card.
 */
export function useCardRefresh(id: string): { refreshing: boolean } {
  const client = useQueryClient();
  // Which card's refresh has finished: a card is refreshing until its own id is recorded here.
  const [settled, setSettled] = useState<string | null>(null);
  useEffect(() => {
    let current = true;
    refreshPatientCard(id)
      .then((card) => {
        if (current) client.setQueryData(queryKeys.patientCard(id), card);
      })
      .catch(() => {
        // The cached card stays; the vendor chips already say which vendor is unreachable.
      })
      .finally(() => {
        if (current) setSettled(id);
      });
    return () => {
      current = false;
    };
  }, [client, id]);
  return { refreshing: settled !== id };
}

/** Reads what the shell shows around every page (the app's facts, the vendors' state). */
export async function prefetchShell(client: QueryClient, allowed: ReadonlySet<string>): Promise<void> {
  const reads: Promise<unknown>[] = [client.query({ queryKey: queryKeys.appInfo, queryFn: getAppInfo, staleTime: Infinity })];
  if (allowed.has("vendor_statuses")) {
    reads.push(client.query({ queryKey: queryKeys.vendorStatuses, queryFn: getVendorStatuses, staleTime: Infinity }));
  }
  await Promise.all(reads);
}

/**
 * Reads what the board shows first (the locations, then the remembered location's today) as a
 * session opens, so the desk renders with its board rather than a "Loading" in its place (see
 * access/prepareDesk.ts). A failure is left to the board's own query, which puts it in words.
 */
export async function prefetchTodayBoard(client: QueryClient): Promise<void> {
  const locations = await client.query({ queryKey: queryKeys.locations, queryFn: getLocations, staleTime: SLOW_CHANGING });
  const place = initialBoardPlace(locations);
  if (!place) return;
  await client.query({
    queryKey: queryKeys.dayBoard(place.locationId, place.day),
    queryFn: () => getDayBoard(place.locationId, place.day),
  });
}

/** A board read this recently (the session's first read, a step back to the day) is current:
 * sync and booking events refresh it, so showing the page again needs no second read. */
const BOARD_FRESH = 10 * 1000;

export function useDayBoard(locationId: string | undefined, day: string) {
  return useQuery({
    queryKey: queryKeys.dayBoard(locationId ?? "", day),
    queryFn: () => getDayBoard(locationId ?? "", day),
    enabled: locationId !== undefined,
    staleTime: BOARD_FRESH,
    // Stepping to the next day keeps the old board on screen until the new one is read.
    placeholderData: keepPreviousData,
  });
}

/** One clinician's day (every location and video visit); off until a provider is chosen. */
export function useProviderDay(providerId: string, day: string, timeZone: string) {
  return useQuery({
    queryKey: queryKeys.providerDay(providerId, day, timeZone),
    queryFn: () => getProviderDay(providerId, day, timeZone),
    enabled: providerId !== "",
    placeholderData: keepPreviousData,
  });
}

/**
 * Names of the people on a board, taken from the board itself: listing a day must not open
 * (and audit as read) every patient's card.
 */
export function boardPatientNames(board: Pick<DayBoard | ProviderDay, "patients"> | undefined): ReadonlyMap<string, string> {
  return new Map((board?.patients ?? []).map((p) => [p.id, displayName(p)]));
}

export function useAppointmentTypes(enabled = true) {
  return useQuery({
    queryKey: queryKeys.appointmentTypes,
    queryFn: getAppointmentTypes,
    staleTime: SLOW_CHANGING,
    enabled,
  });
}

/**
 * One slot search, asked when the receptionist presses Search (`query` non-null). Open times
 * go stale in seconds, so nothing is served from an old answer except while a new one loads.
 */
export function useSlotSearch(query: SlotQuery | null) {
  return useQuery({
    queryKey: queryKeys.slots(query ?? emptySlotQuery),
    queryFn: () => searchSlots(query ?? emptySlotQuery),
    enabled: query !== null,
    staleTime: 0,
    gcTime: 60 * 1000,
  });
}

const emptySlotQuery: SlotQuery = {
  from: "",
  to: "",
  modes: [],
  providerIds: [],
  locationIds: [],
  appointmentType: null,
  patientId: null,
  referralId: null,
  near: null,
  maxMiles: null,
};

/**
 * Re-reads what shows appointments (boards, My day, cards) whenever a booking or cancellation
 * changed one, so the board shows it without a reload.
 */
export function useInvalidateSchedules(): () => void {
  const client = useQueryClient();
  return () => {
    void client.invalidateQueries({ queryKey: ["dayBoard"] });
    void client.invalidateQueries({ queryKey: ["providerDay"] });
    void client.invalidateQueries({ queryKey: ["patientCard"] });
  };
}

/**
 * WellHive's quota-counted actions and their counts (admins only). Re-read on each visit to the
 * panel and while it is open: the counts grow with every search and booking at this desk.
 */
export function useQuotaCounts(enabled: boolean) {
  return useQuery({ queryKey: ["quotaCounts"], queryFn: getQuotaCounts, enabled, refetchInterval: 30_000, staleTime: 0 });
}

/**
 * Calls `onSettled` for each pending booking the vendor settles (confirmed or failed) while
 * mounted, after the schedules that show it were asked to re-read.
 */
export function useAppointmentSettled(onSettled: (settled: SettledBooking) => void): void {
  const invalidate = useInvalidateSchedules();
  const latest = useLatest(onSettled);
  const refresh = useLatest(invalidate);
  useEffect(() => {
    let unlisten: (() => void) | undefined;
    let cancelled = false;
    // A missing event bridge (tests, a broken IPC) leaves the booking "pending" on screen,
    // which is honest; it must not take the screen down.
    Promise.resolve(
      onAppointmentSettled((settled) => {
        refresh.current();
        latest.current(settled);
      }),
    ).then(
      (stop) => {
        if (typeof stop !== "function") return;
        if (cancelled) stop();
        else unlisten = stop;
      },
      (error: unknown) => {
        console.warn("appointment events unavailable", error);
      },
    );
    return () => {
      cancelled = true;
      unlisten?.();
    };
  }, [latest, refresh]);
}

/** A ref always holding the latest value, so an effect can call it without re-subscribing. */
function useLatest<T>(value: T): { readonly current: T } {
  const ref = useRef(value);
  useEffect(() => {
    ref.current = value;
  });
  return ref;
}

// ---- Practice setup and the waiting room (issue 10). Keys under "setup" so a save can refresh
// them all at once.
export const setupKeys = {
  ivrTemplates: ["setup", "ivrTemplates"] as const,
  zoomAvailability: (providerId: string) => ["setup", "zoomAvailability", providerId] as const,
  nexAvailabilities: (locationId: string) => ["setup", "nexAvailabilities", locationId] as const,
  nexAppointmentTypes: (locationId: string) => ["setup", "nexAppointmentTypes", locationId] as const,
  waitingRoom: ["waitingRoom"] as const,
};

/** How often a clinician's day asks Zoom who is waiting. */
export const WAITING_ROOM_POLL_MS = 15 * 1000;

export function useIvrTemplates() {
  return useQuery({ queryKey: setupKeys.ivrTemplates, queryFn: getIvrTemplates, staleTime: SLOW_CHANGING });
}

/** A provider's Zoom hours; off until a provider is chosen. */
export function useZoomAvailability(providerId: string) {
  return useQuery({
    queryKey: setupKeys.zoomAvailability(providerId),
    queryFn: () => getZoomAvailability(providerId),
    enabled: providerId !== "",
    retry: false,
  });
}

export function useNexAvailabilities(locationId: string) {
  return useQuery({
    queryKey: setupKeys.nexAvailabilities(locationId),
    queryFn: () => getNexAvailabilities(locationId),
    enabled: locationId !== "",
    retry: false,
  });
}

export function useNexAppointmentTypes(locationId: string) {
  return useQuery({
    queryKey: setupKeys.nexAppointmentTypes(locationId),
    queryFn: () => getNexAppointmentTypes(locationId),
    enabled: locationId !== "",
    retry: false,
  });
}

/** Who is in Zoom's waiting room, asked again every few seconds while a day with video visits shows. */
export function useWaitingRoom(enabled: boolean) {
  return useQuery({
    queryKey: setupKeys.waitingRoom,
    queryFn: getWaitingRoom,
    enabled,
    refetchInterval: WAITING_ROOM_POLL_MS,
    retry: false,
  });
}

/** Each vendor's connection settings (secrets only as set or not), for Settings. */
export function useConnectionSettings() {
  return useQuery({ queryKey: ["connectionSettings"], queryFn: getConnectionSettings, staleTime: Infinity });
}
