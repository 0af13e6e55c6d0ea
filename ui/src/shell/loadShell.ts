// The desk's screens as their own chunk. The sign-in screen needs none of them, so the window
// paints it without first evaluating the whole desk; the chunk is fetched while a person types.
export const loadShell = () => import("./AppShell");
