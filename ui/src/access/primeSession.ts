// Who is at the desk, asked before the window's first render. Without it the window paints
// "Loading…", asks, and paints the sign-in (or first-run) screen a frame pipeline later; with it
// the first paint is that screen. The answer is a few milliseconds away; a backend that takes
// longer than the limit is left to the gate, which says "Loading…" and then whatever it hears.
import type { QueryClient } from "@tanstack/react-query";
import { getSessionStatus } from "../api/backend";
import { SESSION_KEY } from "./session";

/** The longest the first render waits for the session's state. */
export const FIRST_SCREEN_WAIT_MS = 300;

export function primeSession(client: QueryClient, waitMs = FIRST_SCREEN_WAIT_MS): Promise<void> {
  // A failure stays in the cache for the gate to show and retry; here it only ends the wait.
  const read = client
    .query({ queryKey: SESSION_KEY, queryFn: getSessionStatus, staleTime: Infinity })
    .then(() => undefined, () => undefined);
  let timer: ReturnType<typeof setTimeout> | undefined;
  const limit = new Promise<void>((resolve) => {
    timer = setTimeout(resolve, waitMs);
  });
  return Promise.race([read, limit]).finally(() => {
    clearTimeout(timer);
  });
}
