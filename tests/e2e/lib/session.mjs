// One WebDriver session on the real app binary per spec file, with the failure evidence a
// person needs afterwards: a screenshot of the window and the app's own log (tauri-driver's
// output, which carries the app's stderr) copied next to it under tests/e2e/artifacts.
import { remote } from "webdriverio";
import { copyFileSync, existsSync } from "node:fs";
import { join } from "node:path";

const env = (name) => {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: run the suite through tests/e2e/run.sh`);
  return value;
};

/** The account the specs create on a fresh (non-demo) desk's first run, and sign in with after. */
export const E2E_ADMIN = { username: "e2e-admin", displayName: "E2E admin", pin: "482915" };

const DESK_READY = '[data-testid="user-menu"]';
const FIRST_RUN = '[data-testid="first-run-screen"]';
const SIGN_IN = '[data-testid="sign-in-screen"]';
const LOCKED = '[data-testid="lock-screen"]';

/** Waits for one of `selectors` to exist and returns which. */
export async function oneOf(browser, selectors, timeout = 60000) {
  let found = null;
  await browser.waitUntil(
    async () => {
      found = await browser.execute((list) => list.find((sel) => document.querySelector(sel)) ?? null, selectors);
      return found !== null;
    },
    { timeout, interval: 250, timeoutMsg: `none of ${selectors.join(", ")} appeared` },
  );
  return found;
}

async function typeInto(browser, selector, text) {
  const input = await browser.$(selector);
  await input.waitForExist({ timeout: 10000 });
  await input.clearValue();
  await input.setValue(text);
}

/** Waits until the desk is open for `username` (the user menu names them). */
export async function waitForDesk(browser, username, timeout = 30000) {
  await browser.waitUntil(
    () =>
      browser.execute(
        (name) => document.querySelector('[data-testid="session-user"]')?.dataset.username === name,
        username,
      ),
    { timeout, interval: 200, timeoutMsg: `the desk never opened for ${username}` },
  );
}

/**
 * On the sign-in screen: a demo account is picked from the list the screen shows (its PIN comes
 * with it); any other account is typed. Returns once the desk is open for that person.
 */
export async function signIn(browser, { username, pin } = E2E_ADMIN) {
  await oneOf(browser, [SIGN_IN]);
  const demo = await browser.$(`[data-testid="demo-account"][data-username="${username}"]`);
  if (pin === undefined && (await demo.isExisting())) {
    await demo.click();
  } else {
    await typeInto(browser, '[data-testid="sign-in-username"]', username);
    await typeInto(browser, '[data-testid="sign-in-credential"]', pin);
  }
  await (await browser.$('[data-testid="sign-in-submit"]')).click();
  await waitForDesk(browser, username);
}

/** Unlocks a locked desk with the locked person's PIN. */
export async function unlock(browser, pin) {
  await oneOf(browser, [LOCKED]);
  await typeInto(browser, '[data-testid="sign-in-credential"]', pin);
  await (await browser.$('[data-testid="sign-in-submit"]')).click();
  await oneOf(browser, [DESK_READY]);
}

/** "Switch user" and sign in as `account` (a demo username, or { username, pin }). */
export async function switchUser(browser, account) {
  await (await browser.$('[data-testid="switch-user-button"]')).click();
  await signIn(browser, typeof account === "string" ? { username: account } : account);
}

/**
 * Gets past the gate: creates the first admin on a fresh desk, else signs in as `as` (a demo
 * username, or { username, pin }; the e2e admin by default).
 */
export async function enterDesk(browser, as = E2E_ADMIN) {
  const screen = await oneOf(browser, [FIRST_RUN, SIGN_IN, DESK_READY]);
  if (screen === FIRST_RUN) {
    await typeInto(browser, '[data-testid="first-run-name"]', E2E_ADMIN.displayName);
    await typeInto(browser, '[data-testid="first-run-username"]', E2E_ADMIN.username);
    await typeInto(browser, '[data-testid="first-run-credential"]', E2E_ADMIN.pin);
    await typeInto(browser, '[data-testid="first-run-confirm"]', E2E_ADMIN.pin);
    await (await browser.$('[data-testid="first-run-submit"]')).click();
    await waitForDesk(browser, E2E_ADMIN.username);
  } else if (screen === SIGN_IN) {
    await signIn(browser, typeof as === "string" ? { username: as } : as);
  }
}

/**
 * Starts the real app. `args` reach the binary through tauri-driver: `--demo` opens the demo
 * practice, `--demo=offline` the same practice with its vendors unreachable, `--data-dir DIR`
 * gives a spec its own cache (see src-tauri/src/launch.rs), `--idle-lock-secs N` shortens the
 * idle lock. Unless `signIn` is false, it then gets past the sign-in gate as `as` (enterDesk).
 */
export async function openApp({ args = [], signIn: enter = true, as } = {}) {
  const browser = await startApp(args);
  if (enter) await enterDesk(browser, as);
  return browser;
}

function startApp(args) {
  return remote({
    hostname: "127.0.0.1",
    port: Number(env("FRONTDESK_E2E_PORT")),
    logLevel: "warn",
    connectionRetryCount: 0,
    capabilities: {
      browserName: "wry",
      "wdio:enforceWebDriverClassic": true,
      "tauri:options": { application: env("FRONTDESK_E2E_APP"), args },
    },
  });
}

/**
 * Saves a picture of the window. On a machine without a GPU the app draws its page without
 * WebKit's GL compositor (src-tauri/src/rendering.rs), and in that mode WebKitGTK 2.50 answers a
 * screenshot only after the page next paints: a page with nothing left to repaint never answers
 * (measured: the request timed out after 4 minutes on the idle settings page, and came back 40 ms
 * after a style change made 700 ms later). So an invisible outline is repainted every frame
 * until the picture is taken.
 */
export async function saveWindowScreenshot(browser, path) {
  await browser.execute(() => {
    let drawn = false;
    const repaint = () => {
      drawn = !drawn;
      document.body.style.outline = drawn ? "1px solid transparent" : "";
      window.__frontdeskE2eRepaint = requestAnimationFrame(repaint);
    };
    repaint();
  });
  try {
    await browser.saveScreenshot(path);
  } finally {
    await browser.execute(() => {
      cancelAnimationFrame(window.__frontdeskE2eRepaint);
      document.body.style.outline = "";
    });
  }
}

/**
 * Runs one test's steps; if they fail, saves a screenshot of the window and a copy of the app's
 * log under the test's name before rethrowing, so the failure can be seen, not guessed.
 */
export async function withEvidence(browser, name, steps) {
  try {
    await steps();
  } catch (error) {
    const artifacts = env("FRONTDESK_E2E_ARTIFACTS");
    const slug = name.replace(/[^a-z0-9]+/gi, "-").toLowerCase();
    try {
      await saveWindowScreenshot(browser, join(artifacts, `${slug}.png`));
    } catch (shotError) {
      console.error(`could not save a screenshot: ${shotError}`);
    }
    const log = join(artifacts, "app-and-driver.log");
    if (existsSync(log)) copyFileSync(log, join(artifacts, `${slug}.app.log`));
    throw error;
  }
}

export async function closeApp(browser) {
  if (browser) await browser.deleteSession();
}

/** Waits for an element found by a CSS selector to exist and have non-empty text. */
export async function textOf(browser, selector, timeout = 15000) {
  const element = await browser.$(selector);
  await element.waitUntil(async function () {
    return (await this.isExisting()) && (await this.getText()).trim().length > 0;
  }, { timeout, timeoutMsg: `${selector} never showed any text` });
  return (await element.getText()).trim();
}
