// The desk's shell and day board as their own chunk. The sign-in screen needs none of it, so the
// window paints it without first evaluating the desk; the chunk is fetched while a person types.
import type { Route } from "../router/routes";

type ShellModule = typeof import("./AppShell");

let loaded: ShellModule | undefined;

export function loadShell(): Promise<ShellModule> {
  return import("./AppShell").then((module) => {
    loaded = module;
    return module;
  });
}

/**
 * The shell and the code of the page it opens on, so the first page renders without a
 * "Loading…" of its own. A page whose code fails to come says so in place (shell/useScreen.ts).
 */
export async function loadDesk(route: Route): Promise<ShellModule> {
  const shell = await loadShell();
  await shell.loadScreen(route).catch(() => undefined);
  return shell;
}

/**
 * The chunk once it is here. Rendering it directly, rather than through `lazy`, matters: a lazy
 * component suspends on its first render even when its code is already loaded, and React holds
 * a revealed Suspense boundary back for up to 300 ms so content does not flicker, which would put
 * that wait between signing in and the board.
 */
export function loadedShell(): ShellModule | undefined {
  return loaded;
}
