// The frame itself: the real app starts, the UI calls a real command, and what the backend
// returned (its version and the data directory this run gave it) is on screen.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { closeApp, openApp, textOf, withEvidence } from "../lib/session.mjs";

const cargoVersion = readFileSync(new URL("../../../Cargo.toml", import.meta.url), "utf8")
  .match(/\[workspace\.package\][^[]*?version = "([^"]+)"/)[1];

let browser;

before(async () => {
  browser = await openApp();
});

after(async () => {
  await closeApp(browser);
});

test("the window shows the app shell with its navigation", () =>
  withEvidence(browser, "the window shows the app shell with its navigation", async () => {
    const nav = await browser.$("nav");
    await nav.waitForExist({ timeout: 20000 });
    for (const label of ["Today", "Patients", "Book", "Settings"]) {
      const link = await browser.$(`//nav//*[normalize-space()="${label}"]`);
      assert.ok(await link.isExisting(), `navigation has ${label}`);
    }
    assert.equal(await browser.getTitle(), "Frontdesk");
  }));

test("the window, created hidden, is on screen once its page has loaded (src-tauri/src/reveal.rs)", () =>
  withEvidence(browser, "the window is on screen once its page has loaded", async () => {
    // WebKit reports a page in a window that was never shown as hidden.
    const visibility = await browser.execute(() => document.visibilityState);
    assert.equal(visibility, "visible");
  }));

test("settings shows the version and data directory the backend reports", () =>
  withEvidence(browser, "settings shows the version and data directory the backend reports", async () => {
    await (await browser.$('//nav//*[normalize-space()="Settings"]')).click();
    assert.equal(await textOf(browser, '[data-testid="app-version"]'), cargoVersion);
    assert.equal(await textOf(browser, '[data-testid="data-dir"]'), process.env.FRONTDESK_DATA_DIR);
  }));

test("Ctrl+K puts the cursor in the global search box", () =>
  withEvidence(browser, "Ctrl+K puts the cursor in the global search box", async () => {
    await browser.keys(["Control", "k"]);
    const focused = await browser.execute(() => document.activeElement?.getAttribute("role"));
    assert.equal(focused, "combobox");
  }));

test("the app created its cache encrypted, with the key kept in this run's keychain", () =>
  withEvidence(browser, "the app created its cache encrypted", async () => {
    const dir = process.env.FRONTDESK_DATA_DIR;
    const cache = readdirSync(dir).find((name) => name.endsWith(".db"));
    assert.ok(cache, `a cache file exists in ${dir}`);
    const head = readFileSync(join(dir, cache)).subarray(0, 16).toString("latin1");
    assert.notEqual(head, "SQLite format 3\u0000", "the cache is not a plaintext SQLite file");
  }));
