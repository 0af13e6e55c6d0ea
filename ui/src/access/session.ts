// The session as the UI knows it: one cached status (phase, person, what they may run), the
// context the shell reads to show only what works, and the one way to lock: mark the cache
// locked first (so the shell unmounts at once), then tell the backend.
import { createContext, useContext } from "react";
import type { QueryClient } from "@tanstack/react-query";
import { lockSession } from "../api/backend";
import type { SessionStatus } from "../api/backend";

export const SESSION_KEY = ["session"] as const;

export interface SessionContextValue {
  status: SessionStatus;
  /** Whether the signed-in person may run `command` (the backend checks again). */
  can: (command: string) => boolean;
  /** Locks now: the same person or someone else signs in next. */
  lock: () => void;
  /** Locks and opens the sign-in for someone else: a user switch in one action. */
  switchUser: () => void;
  signOut: () => void;
}

export const SessionContext = createContext<SessionContextValue | null>(null);

/** The session, inside the gate; null outside it (component tests render the shell alone). */
export function useSession(): SessionContextValue | null {
  return useContext(SessionContext);
}

/** `can`, permissive outside the gate so screens tested alone keep every control. */
export function useCan(): (command: string) => boolean {
  const session = useSession();
  return session ? session.can : () => true;
}

/**
 * Marks the cached session locked, so the gate drops the desk before anything else runs;
 * false when it was not active (already locked: nothing to do).
 */
export function markLocked(client: QueryClient): boolean {
  const status = client.getQueryData<SessionStatus>(SESSION_KEY);
  if (status?.phase !== "active") return false;
  client.setQueryData<SessionStatus>(SESSION_KEY, { ...status, phase: "locked", allowed: [] });
  return true;
}

/** Locks on the person's request: the screen first, then the backend (which audits it). */
export function lockNow(client: QueryClient): void {
  if (markLocked(client)) void lockSession().catch(() => undefined);
}

let switchRequested = false;

/** Locks for a user switch: the lock screen opens on the plain sign-in, not on the unlock. */
export function switchUser(client: QueryClient): void {
  switchRequested = true;
  lockNow(client);
}

/** Whether the lock came from "Switch user" (asked once, by the screen that opens). */
export function takeSwitchRequest(): boolean {
  const requested = switchRequested;
  switchRequested = false;
  return requested;
}

/** Every cached command result except the session itself: what locking must forget. */
export function dropDeskData(client: QueryClient): void {
  client.removeQueries({ predicate: (query) => query.queryKey[0] !== SESSION_KEY[0] });
  client.getMutationCache().clear();
}
