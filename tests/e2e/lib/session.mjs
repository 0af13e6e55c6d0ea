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

/**
 * Starts the real app. `args` reach the binary through tauri-driver: `--demo` opens the demo
 * practice, `--demo=offline` the same practice with its vendors unreachable, and
 * `--data-dir DIR` gives a spec its own cache (see src-tauri/src/launch.rs).
 */
export async function openApp({ args = [] } = {}) {
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
      await browser.saveScreenshot(join(artifacts, `${slug}.png`));
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
