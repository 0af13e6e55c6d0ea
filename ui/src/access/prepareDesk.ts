// What the desk needs to open in one paint for someone who just signed in: its code and the
// first reads of the page it opens on. Without this, the desk paints a shell, then "Loading…",
// then the board, each step waiting on the one before (session, then the app's facts, then the
// locations, then the day). Waiting here costs nothing a person sees: they are looking at the
// sign-in screen they just used, for a fraction of a second.
import type { QueryClient } from "@tanstack/react-query";
import type { SessionStatus } from "../api/backend";
import { prefetchShell, prefetchTodayBoard } from "../api/queries";
import { currentRoute } from "../router/useRoute";
import { loadDesk } from "../shell/loadShell";

/** The longest the desk waits for its first reads; past it, it opens and they load in place. */
export const OPEN_WAIT_MS = 400;

export function prepareDesk(client: QueryClient, status: SessionStatus, waitMs = OPEN_WAIT_MS): Promise<void> {
  if (status.phase !== "active") return Promise.resolve();
  // Marks for the start-up benchmark (scripts/bench-app.sh reads them): where the time goes.
  performance.mark("desk:prepare");
  const allowed = new Set(status.allowed);
  const marked = <T,>(name: string, step: Promise<T>) =>
    step.finally(() => {
      performance.mark(name);
    });
  const ready: Promise<unknown>[] = [marked("desk:code", loadDesk(currentRoute())), marked("desk:shell-reads", prefetchShell(client, allowed))];
  if (allowed.has("day_board") && currentRoute() === "today") {
    ready.push(marked("desk:board-reads", prefetchTodayBoard(client)));
  }
  // A failed read is left to its screen, which says it in words; a slow one to the time limit.
  const settled = Promise.allSettled(ready).then(() => undefined);
  return new Promise((resolve) => {
    const open = (why: string) => {
      performance.mark(`desk:open:${why}`);
      resolve();
    };
    const timer = setTimeout(() => {
      open("waited");
    }, waitMs);
    void settled.finally(() => {
      clearTimeout(timer);
      open("ready");
    });
  });
}
