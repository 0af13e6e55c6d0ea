// Cold launches of the real app through WebDriver, for scripts/bench-app.sh (which starts the
// display, the keyring, tauri-driver and builds the cache; read its header for the method).
// Speaks the W3C WebDriver protocol with plain fetch, so no client library adds its own work
// between "start the app" and "the board is on screen".
//
// Environment: BENCH_PORT (tauri-driver), BENCH_APP (the desk's binary), BENCH_DATA_DIR,
// BENCH_CONFIG, BENCH_LOCATION_ID / BENCH_LOCATION_NAME (the board to open on),
// BENCH_EXPECT_BLOCKS (1 when that day has appointments), BENCH_APP_LOG (the app's log, for its
// `app_started` line), BENCH_STAFF_USERNAME / BENCH_STAFF_PIN (who signs in, when asked); BENCH_HELLO_APP (optional: the hello-world baseline, launched alternately
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
// The receptionist bench_cache made (when the desk has sign-in), and the PIN it was given.
const staffUsername = process.env.BENCH_STAFF_USERNAME ?? "";
const staffPin = process.env.BENCH_STAFF_PIN ?? "";
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
 * Runs in the page. Waits for the first screen that means "started": for the baseline (`page`)
 * the loaded document with its heading; for the desk the sign-in screen or the board itself.
 * Each screen's time is taken after the next two animation frames, i.e. once it is painted.
 * On the sign-in screen it then signs in as a person would, minus the typing (the fields are
 * filled and the form submitted at once), and waits for the board: its heading naming the
 * location with no "loading" marker and its appointment blocks (or its empty notice) on screen.
 * `already` says a screen was complete when the script first looked: then its time is only an
 * upper bound (see the script header).
 */
const WAIT_FOR_BOARD = `
const [mode, name, wantBlocks, username, pin, done] = arguments;
const now = () => performance.timeOrigin + performance.now();
const board = () => {
  if (mode === "page") return document.readyState === "complete" && document.querySelector("h1") ? 0 : null;
  const heading = document.querySelector(".board-heading");
  if (!heading || !heading.textContent.includes(name) || heading.querySelector(".muted")) return null;
  const blocks = document.querySelectorAll('[data-testid="day-board"] [data-testid="appointment-block"]').length;
  if (wantBlocks ? blocks === 0 : !(blocks > 0 || document.querySelector('[data-testid="board-empty"]'))) return null;
  return blocks;
};
const firstScreen = () =>
  document.querySelector('[data-testid="first-run-screen"]') ? "first-run"
  : document.querySelector('[data-testid="sign-in-screen"]') ? "sign-in"
  : board() !== null ? "board" : null;
// Calls back with (value, already) once test() gives something other than null.
const watch = (test, then) => {
  const value = test();
  if (value !== null) { then(value, true); return; }
  const observer = new MutationObserver(() => {
    const next = test();
    if (next !== null) { observer.disconnect(); then(next, false); }
  });
  observer.observe(document, { subtree: true, childList: true, characterData: true, attributes: true });
};
// Calls back with (via, at) after two animation frames, or after a second if the page runs
// none (a window the compositor never shows): then the time is the DOM commit, not the paint.
const painted = (then) => {
  const seen = now();
  let settled = false;
  const go = (via) => { if (!settled) { settled = true; then(via, via === "frame" ? now() : seen, seen); } };
  requestAnimationFrame(() => requestAnimationFrame(() => go("frame")));
  setTimeout(() => go("timer"), 1000);
};
const report = (first, signIn, blocks, gate) => {
  const nav = performance.getEntriesByType("navigation")[0];
  done({
    first, signIn, blocks, gate,
    timeOrigin: performance.timeOrigin,
    domContentLoaded: nav ? nav.domContentLoadedEventEnd : null,
    load: nav ? nav.loadEventEnd : null,
    visibility: document.visibilityState,
    firstPaint: performance.getEntriesByType("paint").find((e) => e.name === "first-contentful-paint")?.startTime ?? null,
    offlineBanner: Boolean(document.querySelector('[data-testid="offline-banner"], .offline-banner')),
    marks: performance.getEntriesByType("mark").map((e) => [e.name, Math.round(e.startTime)]),
  });
};
watch(firstScreen, (screen, already) => painted((via, at, seen) => {
  const first = { screen, already, via, at, seen };
  if (screen === "board") { report(first, null, board(), null); return; }
  if (screen === "first-run" || !pin) { report(first, null, null, screen); return; }
  const fill = (selector, value) => {
    const input = document.querySelector(selector);
    if (!input) return;
    Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, "value").set.call(input, value);
    input.dispatchEvent(new Event("input", { bubbles: true }));
  };
  fill('[data-testid="sign-in-username"]', username);
  fill('[data-testid="sign-in-credential"]', pin);
  // One task later React has taken the values; the click is where a person's wait begins.
  setTimeout(() => {
    const submitted = now();
    document.querySelector('[data-testid="sign-in-submit"]').click();
    watch(
      () => document.querySelector('[data-testid="sign-in-error"]') ? -1 : board(),
      (blocks) => {
        if (blocks === -1) { report(first, null, null, "refused"); return; }
        painted((via2, at2, seen2) => report(first, { submitted, via: via2, at: at2, seen: seen2 }, blocks, null));
      },
    );
  }, 0);
}));
`;

const gateError = (gate) =>
  new Error(
    gate === "first-run"
      ? "the app opened on its first-run screen: the cache has no staff (bench_cache --pin makes them)"
      : gate === "refused"
        ? "the app refused the bench's sign-in"
        : "the app opened on its sign-in screen and the bench has no PIN to sign in with",
  );

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
/** Where a process's PSS lies, by mapping (anonymous memory together), largest first: the
 * binary's own pages, WebKit's libraries, the JS heap and layers (FRONTDESK_BENCH_DETAIL=1). */
function pssByMapping(pid) {
  const totals = new Map();
  let current = "[anon]";
  try {
    for (const line of readFileSync(`/proc/${pid}/smaps`, "utf8").split("\n")) {
      const head = line.match(/^[0-9a-f]+-[0-9a-f]+ \S+ \S+ \S+ \S+\s*(.*)$/);
      if (head) current = head[1] || "[anon]";
      const pss = line.match(/^Pss:\s+(\d+) kB/);
      if (pss) totals.set(current, (totals.get(current) ?? 0) + Number(pss[1]));
    }
  } catch {
    return [];
  }
  return [...totals]
    .sort((a, b) => b[1] - a[1])
    .slice(0, 8)
    .map(([name, kib]) => `${(kib / 1024).toFixed(1)} MiB ${name}`);
}

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
      ...(process.env.BENCH_DETAIL === "1" ? { mappings: pssByMapping(p) } : {}),
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
      args: [subject.mode, "", false, staffUsername, staffPin],
    });
    if (ready.gate) throw gateError(ready.gate);
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
      args: [subject.mode, subject.locationName, subject.expectBlocks, staffUsername, staffPin],
    });
    if (board.gate) throw gateError(board.gate);
    const pids = appPids(subject.binary);
    if (pids.length !== 1) throw new Error(`expected one app process, found ${pids.length}`);
    await sleep(idleSeconds * 1000);
    const tree = memoryOfTree(pids[0]);
    // Start-up to the first screen painted, plus (when the desk asked who is there) the click on
    // "Sign in" to the board painted: the time the desk itself took, without a person's typing.
    const firstMs = board.first.at - start;
    const signInMs = board.signIn ? board.signIn.at - board.signIn.submitted : null;
    const sample = {
      launch: index,
      renderedMs: firstMs + (signInMs ?? 0),
      firstScreen: board.first.screen,
      firstScreenMs: firstMs,
      signInToBoardMs: signInMs,
      domReadyMs: board.signIn ? firstMs + (board.signIn.seen - board.signIn.submitted) : board.first.seen - start,
      setupMs: appStartedAt(subject.log, start),
      nativeMs: board.timeOrigin - start,
      domContentLoadedMs: board.timeOrigin + board.domContentLoaded - start,
      loadMs: board.timeOrigin + board.load - start,
      firstPaintMs: board.firstPaint === null ? null : board.timeOrigin + board.firstPaint - start,
      sessionMs: sessionAt - start,
      upperBound: board.first.already,
      paintedVia: board.signIn ? board.signIn.via : board.first.via,
      blocks: board.blocks,
      offlineBanner: board.offlineBanner,
      visibility: board.visibility,
      pssKiB: tree.reduce((sum, p) => sum + p.pssKiB, 0),
      ussKiB: tree.reduce((sum, p) => sum + p.ussKiB, 0),
      rssKiB: tree.reduce((sum, p) => sum + p.rssKiB, 0),
      otherWebKit: otherWebKitProcesses(tree),
      tree,
    };
    if (process.env.BENCH_DETAIL === "1" && board.marks) {
      const origin = (t) => (t - board.timeOrigin).toFixed(0);
      const clicks = board.signIn ? `sign-in clicked at ${origin(board.signIn.submitted)}, board painted at ${origin(board.signIn.at)}; ` : "";
      process.stderr.write(`  page marks, ms from the page's origin: ${clicks}${board.marks.map(([n, t]) => `${n} ${t}`).join(", ")}\n`);
    }
    for (const p of tree.filter((t) => t.mappings)) {
      process.stderr.write(`  ${p.name} (${(p.pssKiB / 1024).toFixed(1)} MiB): ${p.mappings.join("; ")}\n`);
    }
    process.stderr.write(
      `${subject.name} launch ${index}: ready ${sample.renderedMs.toFixed(0)} ms (${sample.paintedVia === "frame" ? "painted" : "in the DOM"}; ` +
        `${sample.setupMs === null ? "" : `setup at ${sample.setupMs.toFixed(0)} ms, `}webview from ${sample.nativeMs.toFixed(0)} ms, ` +
        `load ${sample.loadMs.toFixed(0)} ms, ` +
        `${sample.signInToBoardMs === null ? "" : `sign-in screen at ${sample.firstScreenMs.toFixed(0)} ms, sign-in to board ${sample.signInToBoardMs.toFixed(0)} ms, `}` +
        `${sample.blocks} blocks${sample.upperBound ? ", upper bound" : ""}), ` +
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
