// Cold launches of the real app through WebDriver, for scripts/bench-app.sh (which starts the
// display, the keyring, tauri-driver and builds the cache; read its header for the method).
// Speaks the W3C WebDriver protocol with plain fetch, so no client library adds its own work
// between "start the app" and "the board is on screen".
//
// Environment: BENCH_PORT (tauri-driver), BENCH_APP (the desk's binary), BENCH_DATA_DIR,
// BENCH_CONFIG, BENCH_LOCATION_ID / BENCH_LOCATION_NAME (the board to open on),
// BENCH_EXPECT_BLOCKS (1 when that day has appointments), BENCH_APP_LOG (the app's log, for its
// `app_started` line); BENCH_HELLO_APP (optional: the hello-world baseline, launched alternately
// with the app so both see the same machine: the same load from other work, the same other
// WebKit processes sharing pages); BENCH_LAUNCHES (10), BENCH_IDLE_SECONDS (10),
// BENCH_DROP_CACHES (1 to drop the page cache before each launch), BENCH_JSON (raw samples).
import { execFileSync } from "node:child_process";
import { readFileSync, readdirSync, readlinkSync, realpathSync, writeFileSync } from "node:fs";
import { performance } from "node:perf_hooks";

const env = (name, fallback) => {
  const value = process.env[name] ?? fallback;
  if (value === undefined) throw new Error(`${name} is not set: run scripts/bench-app.sh`);
  return value;
};
const base = `http://127.0.0.1:${env("BENCH_PORT")}`;
/** What is launched: the desk on its board, or the baseline's page. */
const desk = {
  name: "app",
  binary: realpathSync(env("BENCH_APP")),
  args: ["--data-dir", env("BENCH_DATA_DIR"), "--config", env("BENCH_CONFIG")],
  mode: "board",
  locationName: env("BENCH_LOCATION_NAME"),
  expectBlocks: env("BENCH_EXPECT_BLOCKS", "1") === "1",
  log: process.env.BENCH_APP_LOG,
};
const hello = process.env.BENCH_HELLO_APP
  ? { name: "hello-world", binary: realpathSync(process.env.BENCH_HELLO_APP), args: [], mode: "page", locationName: "", expectBlocks: false }
  : null;
const locationId = env("BENCH_LOCATION_ID");
const launches = Number(env("BENCH_LAUNCHES", "10"));
const idleSeconds = Number(env("BENCH_IDLE_SECONDS", "10"));
const dropRequested = env("BENCH_DROP_CACHES", "0") === "1";
let dropCaches = dropRequested;

/** Wall-clock milliseconds with sub-millisecond precision: the same clock the page's
 * performance.timeOrigin is on, so the two can be subtracted. */
const nowEpoch = () => performance.timeOrigin + performance.now();
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

async function wd(method, path, body) {
  const response = await fetch(`${base}${path}`, {
    method,
    headers: { "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const json = await response.json().catch(() => ({}));
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${JSON.stringify(json.value ?? json)}`);
  return json.value;
}

const newSession = ({ binary, args }) =>
  wd("POST", "/session", {
    capabilities: {
      alwaysMatch: {
        browserName: "wry",
        pageLoadStrategy: "normal",
        timeouts: { script: 90000, pageLoad: 90000 },
        "tauri:options": { application: binary, args },
      },
    },
  });

/**
 * Runs in the page. For the baseline (`page`): resolves once the document has loaded and shows
 * its heading. For the desk: resolves once the board heading names the location with no "loading"
 * marker and the board shows its appointment blocks (or its empty notice), after the next two
 * animation frames, i.e. once the browser has painted it. `already` says the board was complete
 * when the script first looked: then the time is only an upper bound (see the script header).
 */
const WAIT_FOR_BOARD = `
const [mode, name, wantBlocks, done] = arguments;
const state = () => {
  if (mode === "page") return document.readyState === "complete" && document.querySelector("h1") ? 0 : null;
  const heading = document.querySelector(".board-heading");
  if (!heading || !heading.textContent.includes(name) || heading.querySelector(".muted")) return null;
  const blocks = document.querySelectorAll('[data-testid="day-board"] [data-testid="appointment-block"]').length;
  if (wantBlocks ? blocks === 0 : !(blocks > 0 || document.querySelector('[data-testid="board-empty"]'))) return null;
  return blocks;
};
const finish = (blocks, already) => {
  const seen = performance.timeOrigin + performance.now();
  let settled = false;
  const report = (via) => {
    if (settled) return;
    settled = true;
    const nav = performance.getEntriesByType("navigation")[0];
    done({
      blocks, already, via, seen,
      painted: performance.timeOrigin + performance.now(),
      timeOrigin: performance.timeOrigin,
      domContentLoaded: nav ? nav.domContentLoadedEventEnd : null,
      load: nav ? nav.loadEventEnd : null,
      visibility: document.visibilityState,
      firstPaint: performance.getEntriesByType("paint").find((e) => e.name === "first-contentful-paint")?.startTime ?? null,
      offlineBanner: Boolean(document.querySelector('[data-testid="offline-banner"], .offline-banner')),
    });
  };
  requestAnimationFrame(() => requestAnimationFrame(() => report("frame")));
  // A window the compositor never shows would never run frames: do not hang on that.
  setTimeout(() => report("timer"), 1000);
};
// A desk that asks who is there (first run or sign-in) never shows the board by itself: say so.
const gated = () => document.querySelector('[data-testid="sign-in-screen"], [data-testid="first-run-screen"]');
const first = state();
if (gated()) { done({ gate: true }); }
else if (first !== null) { finish(first, true); }
else {
  const observer = new MutationObserver(() => {
    if (gated()) { observer.disconnect(); done({ gate: true }); return; }
    const blocks = state();
    if (blocks !== null) { observer.disconnect(); finish(blocks, false); }
  });
  observer.observe(document, { subtree: true, childList: true, characterData: true, attributes: true });
}
`;

const SIGN_IN_GATE =
  "the app opened on its first-run or sign-in screen, not the board: this bench predates the desk's sign-in " +
  "and needs a staff account seeded and a sign-in step before it can time the board";

/** Every process whose executable is `binary` (there must be exactly one at a time). */
function appPids(binary) {
  const pids = [];
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (readlinkSync(`/proc/${entry}/exe`) === binary) pids.push(Number(entry));
    } catch {
      // Gone already, or not ours to read.
    }
  }
  return pids;
}

/** `pid` and all its descendants, by walking parent links in /proc. */
function processTree(pid) {
  const children = new Map();
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      // The command name may hold spaces and parentheses: fields start after the last ')'.
      const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      if (!children.has(ppid)) children.set(ppid, []);
      children.get(ppid).push(Number(entry));
    } catch {
      // Exited while we looked.
    }
  }
  const tree = [];
  const queue = [pid];
  while (queue.length) {
    const next = queue.shift();
    tree.push(next);
    queue.push(...(children.get(next) ?? []));
  }
  return tree;
}

/** Each process of the tree's memory in KiB from smaps_rollup: proportional set size (the
 * measure), and beside it the private pages (USS) and the resident set, which do not depend on
 * what else maps the same libraries. */
function memoryOfTree(pid) {
  return processTree(pid).map((p) => {
    let name = "?";
    let rollup = "";
    try {
      name = readFileSync(`/proc/${p}/comm`, "utf8").trim();
      rollup = readFileSync(`/proc/${p}/smaps_rollup`, "utf8");
    } catch {
      // Exited while we looked: it holds no memory any more.
    }
    const kib = (field) => Number(rollup.match(new RegExp(`^${field}:\\s+(\\d+) kB`, "m"))?.[1] ?? 0);
    return {
      pid: p,
      name,
      pssKiB: kib("Pss"),
      ussKiB: kib("Private_Clean") + kib("Private_Dirty"),
      rssKiB: kib("Rss"),
    };
  });
}

/** WebKit processes outside `tree`: they share WebKit's pages with ours and so lower our PSS. */
function otherWebKitProcesses(tree) {
  const ours = new Set(tree.map((p) => p.pid));
  let others = 0;
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry) || ours.has(Number(entry))) continue;
    try {
      if (readFileSync(`/proc/${entry}/comm`, "utf8").startsWith("WebKit")) others += 1;
    } catch {
      // Exited while we looked.
    }
  }
  return others;
}

/** When the app logged `app_started` (its Tauri setup beginning), in ms after `start`: the last
 * such line in the app's log (BENCH_APP_LOG, tauri-driver's output), if it is this launch's. */
function appStartedAt(log, start) {
  if (!log) return null;
  const lines = readFileSync(log, "utf8").split("\n").filter((l) => l.includes("app_started"));
  const stamp = lines.at(-1)?.match(/^(\S+Z)\s/)?.[1];
  const at = stamp ? Date.parse(stamp) : NaN;
  return at >= start ? at - start : null;
}

function dropPageCache() {
  if (!dropCaches) return;
  execFileSync("sync");
  writeFileSync("/proc/sys/vm/drop_caches", "3\n");
}

async function waitForExit(binary, timeoutMs = 15000) {
  const until = Date.now() + timeoutMs;
  while (appPids(binary).length > 0) {
    if (Date.now() > until) throw new Error("the app did not exit after its session ended");
    await sleep(50);
  }
}

/** A first, untimed launch: WebKit makes its profile, and the board is set to the location
 * whose day the bench measures (the app remembers the choice, as it does for a real desk).
 * The wait accepts any location's settled day: the choice takes effect on the next start. */
async function prepare(subject) {
  const { sessionId } = await newSession(subject);
  try {
    if (subject.mode === "board") {
      await wd("POST", `/session/${sessionId}/execute/sync`, {
        script: "localStorage.setItem('frontdesk.location', arguments[0]);",
        args: [locationId],
      });
    }
    const ready = await wd("POST", `/session/${sessionId}/execute/async`, {
      script: WAIT_FOR_BOARD,
      args: [subject.mode, "", false],
    });
    if (ready.gate) throw new Error(SIGN_IN_GATE);
  } finally {
    await wd("DELETE", `/session/${sessionId}`);
  }
  await waitForExit(subject.binary);
}

async function launch(subject, index) {
  if (appPids(subject.binary).length > 0) throw new Error(`${subject.name} is still running before a launch`);
  dropPageCache();
  const start = nowEpoch();
  const { sessionId } = await newSession(subject);
  const sessionAt = nowEpoch();
  try {
    const board = await wd("POST", `/session/${sessionId}/execute/async`, {
      script: WAIT_FOR_BOARD,
      args: [subject.mode, subject.locationName, subject.expectBlocks],
    });
    if (board.gate) throw new Error(SIGN_IN_GATE);
    const pids = appPids(subject.binary);
    if (pids.length !== 1) throw new Error(`expected one app process, found ${pids.length}`);
    await sleep(idleSeconds * 1000);
    const tree = memoryOfTree(pids[0]);
    // The paint when the page ran its frames; else the DOM commit the watcher saw (WebKit under
    // Xvfb with no compositor may run no animation frames for a window nobody looks at).
    const renderedAt = board.via === "frame" ? board.painted : board.seen;
    const sample = {
      launch: index,
      renderedMs: renderedAt - start,
      domReadyMs: board.seen - start,
      setupMs: appStartedAt(subject.log, start),
      nativeMs: board.timeOrigin - start,
      domContentLoadedMs: board.timeOrigin + board.domContentLoaded - start,
      loadMs: board.timeOrigin + board.load - start,
      firstPaintMs: board.firstPaint === null ? null : board.timeOrigin + board.firstPaint - start,
      sessionMs: sessionAt - start,
      upperBound: board.already,
      paintedVia: board.via,
      blocks: board.blocks,
      offlineBanner: board.offlineBanner,
      visibility: board.visibility,
      pssKiB: tree.reduce((sum, p) => sum + p.pssKiB, 0),
      ussKiB: tree.reduce((sum, p) => sum + p.ussKiB, 0),
      rssKiB: tree.reduce((sum, p) => sum + p.rssKiB, 0),
      otherWebKit: otherWebKitProcesses(tree),
      tree,
    };
    process.stderr.write(
      `${subject.name} launch ${index}: ready ${sample.renderedMs.toFixed(0)} ms (${sample.paintedVia === "frame" ? "painted" : "in the DOM"}; ` +
        `${sample.setupMs === null ? "" : `setup at ${sample.setupMs.toFixed(0)} ms, `}webview from ${sample.nativeMs.toFixed(0)} ms, ` +
        `load ${sample.loadMs.toFixed(0)} ms, ${sample.blocks} blocks${sample.upperBound ? ", upper bound" : ""}), ` +
        `PSS ${(sample.pssKiB / 1024).toFixed(1)} MiB over ${tree.length} processes\n`,
    );
    return sample;
  } finally {
    await wd("DELETE", `/session/${sessionId}`).catch(() => {});
    await waitForExit(subject.binary);
  }
}

// A container may refuse the write even to root: then every launch runs on a warm page cache,
// and the report says so.
try {
  dropPageCache();
} catch {
  dropCaches = false;
}
await prepare(desk);
if (hello) await prepare(hello);
const samples = [];
const helloSamples = [];
for (let i = 1; i <= launches; i += 1) {
  samples.push(await launch(desk, i));
  if (hello) helloSamples.push(await launch(hello, i));
}
writeFileSync(
  env("BENCH_JSON"),
  JSON.stringify({ dropRequested, dropCaches, idleSeconds, samples, helloSamples: hello ? helloSamples : null }, null, 2),
);
