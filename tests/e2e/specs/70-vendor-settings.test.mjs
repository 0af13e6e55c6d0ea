// Dana, practice admin (A-DAY-AT-THE-DESK.md), connects the desk's vendors. On a new desk with
// no configuration the app offers the demo or connecting real vendors; Settings saves the
// practice first (creating the config file, owner-only) and refuses a bad value beside its
// field, writing nothing. In the demo practice, "Test connection" signs in to CXone for real,
// a changed rate share is saved to the demo's config and the desk reconnects with it, and a
// wrong secret brings back CXone's own refusal.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { closeApp, openApp, withEvidence } from "../lib/session.mjs";
import { demoDir, domText, goTo, openDemo, waitForVendor } from "../lib/demo.mjs";

const vendorBox = (vendor) => `details[data-vendor="${vendor}"]`;
const fieldOf = (vendor, key) => `${vendorBox(vendor)} [data-field="${key}"]`;

/** Replaces a React-controlled input's text the way a person does: select all, type over it. */
async function retype(browser, selector, text) {
  const input = await browser.$(selector);
  await input.waitForDisplayed({ timeout: 10000 });
  await input.click();
  await browser.keys(["Control", "a"]);
  await browser.keys(["Backspace"]);
  if (text) await input.addValue(text);
  await browser.waitUntil(async () => (await input.getValue()) === text, {
    timeout: 5000,
    timeoutMsg: `${selector} did not take "${text}"`,
  });
}

/** Opens a vendor's form (a disclosure) if it is closed. */
async function openVendor(browser, vendor) {
  const box = await browser.$(vendorBox(vendor));
  await box.waitForExist({ timeout: 30000 });
  // A click on the summary can land while the page above it is still settling (the vendor
  // table filling in) and miss; the form must open, so a missed click is made again.
  await browser.waitUntil(
    async () => {
      if ((await box.getAttribute("open")) !== null) return true;
      await (await browser.$(`${vendorBox(vendor)} > summary`)).click();
      return (await box.getAttribute("open")) !== null;
    },
    { timeout: 15000, interval: 500, timeoutMsg: `${vendor}'s settings form did not open` },
  );
  await (await browser.$(fieldOf(vendor, "rate_share"))).waitForDisplayed({ timeout: 5000 });
}

/** A form's result as { outcome, text }, or nulls when it shows none. */
const currentResult = (browser, vendor) =>
  browser.execute((sel) => {
    const el = document.querySelector(sel);
    return { outcome: el?.dataset.outcome ?? null, text: el?.textContent?.trim() ?? "" };
  }, `${vendorBox(vendor)} [data-testid="connection-result"]`);

/** Waits for a vendor form's result and returns { outcome, text }. */
async function resultOf(browser, vendor, timeout = 30000) {
  let last = { outcome: null, text: "" };
  await browser.waitUntil(
    async () => {
      last = await currentResult(browser, vendor);
      return last.outcome !== null;
    },
    { timeout, timeoutMsg: `${vendor}'s form never showed a result` },
  );
  return last;
}

async function press(browser, selector) {
  const button = await browser.$(selector);
  await button.waitForEnabled({ timeout: 30000 });
  await button.click();
}

/**
 * Presses one of a vendor form's buttons and makes sure the press took: the form goes busy (its
 * buttons disable) or its result changes. In the demo the first sync is still running here, and
 * the vendor table above the forms grows and shrinks as statuses and errors come and go; a click
 * aimed while the page moves lands beside the button. A press that had no effect is made again.
 */
async function pressInForm(browser, vendor, testId) {
  const selector = `${vendorBox(vendor)} [data-testid="${testId}"]`;
  const before = await currentResult(browser, vendor);
  const took = async () => {
    const now = await currentResult(browser, vendor);
    const busy = !(await (await browser.$(selector)).isEnabled());
    return busy || now.outcome !== before.outcome || now.text !== before.text;
  };
  await browser.waitUntil(
    async () => {
      await press(browser, selector);
      return browser.waitUntil(took, { timeout: 2000, interval: 100 }).then(
        () => true,
        () => false,
      );
    },
    { timeout: 30000, interval: 100, timeoutMsg: `${vendor}'s ${testId} button never took a press` },
  );
}

describe("a new desk", () => {
  let browser;
  const dir = `${process.env.FRONTDESK_DATA_DIR}-settings`;
  const configFile = join(dir, "etc", "config.toml");

  before(async () => {
    browser = await openApp({ args: ["--data-dir", join(dir, "data"), "--config", configFile] });
  });

  after(async () => {
    await closeApp(browser);
  });

  test("offers the demo or connecting the vendors, and saves the practice first", () =>
    withEvidence(browser, "a new desk offers demo or connect and saves the practice", async () => {
      await (await browser.$('[data-testid="open-demo"]')).waitForDisplayed({ timeout: 30000 });
      await press(browser, '[data-testid="connect-vendors"]');
      await (await browser.$('[data-testid="practice-first"]')).waitForDisplayed({ timeout: 15000 });
      assert.match(await domText(browser, '[data-testid="config-path"]'), /etc\/config\.toml/);
      assert.equal(existsSync(configFile), false, "nothing is written before a save");

      const name = 'form[aria-label="Practice"] input[name="name"]';
      const zone = 'form[aria-label="Practice"] input[name="timezone"]';
      await retype(browser, name, "Riverside Family Clinic");
      await retype(browser, zone, "Mars/Olympus");
      await press(browser, '[data-testid="save-practice"]');
      const zoneError = await domText(browser, 'form[aria-label="Practice"] [data-testid="field-error"]');
      assert.match(zoneError, /time zone/);
      assert.equal(await (await browser.$(zone)).getAttribute("aria-invalid"), "true");
      assert.equal(existsSync(configFile), false, "a refused save writes nothing");

      await retype(browser, zone, "America/Chicago");
      await press(browser, '[data-testid="save-practice"]');
      await browser.waitUntil(
        async () => (await domText(browser, '[data-testid="practice-name"]')) === "Riverside Family Clinic",
        { timeout: 30000, timeoutMsg: "the header never named the saved practice" },
      );
      const text = readFileSync(configFile, "utf8");
      assert.match(text, /^\[practice\]$/m);
      assert.match(text, /timezone = "America\/Chicago"/);
      assert.equal(statSync(configFile).mode & 0o777, 0o600, "the config file is the owner's alone");
    }));

  test("a wrong value is refused beside its field and nothing is written", () =>
    withEvidence(browser, "a wrong vendor value is refused beside its field", async () => {
      await openVendor(browser, "cxone");
      await retype(browser, fieldOf("cxone", "client_id"), "riverside-desk");
      await (await browser.$(fieldOf("cxone", "plan"))).selectByAttribute("value", "basic");
      await retype(browser, fieldOf("cxone", "rate_share"), "2");
      const before = readFileSync(configFile, "utf8");
      await press(browser, `${vendorBox("cxone")} [data-testid="save-vendor"]`);
      const error = await domText(browser, `${vendorBox("cxone")} [data-testid="field-error"]`);
      assert.match(error, /out of range/);
      assert.equal(await (await browser.$(fieldOf("cxone", "rate_share"))).getAttribute("aria-invalid"), "true");
      assert.equal(readFileSync(configFile, "utf8"), before, "the file is unchanged");
    }));
});

describe("the demo practice", () => {
  let browser;
  const demoConfig = () => join(demoDir(), "demo", "config.toml");

  before(async () => {
    // Dana, the demo's practice admin: connections are an admin's (src-tauri access policy).
    browser = await openDemo({ as: "dana" });
  });

  after(async () => {
    await closeApp(browser);
  });

  test("Test connection signs in to CXone and a saved rate share reconnects the desk", () =>
    withEvidence(browser, "test connection and save in the demo", async () => {
      await goTo(browser, "Settings");
      await openVendor(browser, "cxone");
      await pressInForm(browser, "cxone", "test-connection");
      const ok = await resultOf(browser, "cxone");
      assert.equal(ok.outcome, "ok", ok.text);
      assert.match(ok.text, /accepted the credentials/);

      await retype(browser, fieldOf("cxone", "rate_share"), "0.5");
      await pressInForm(browser, "cxone", "save-vendor");
      await browser.waitUntil(async () => (await resultOf(browser, "cxone")).outcome === "saved", {
        timeout: 30000,
        timeoutMsg: "the save never finished",
      });
      assert.match(readFileSync(demoConfig(), "utf8"), /rate_share = 0\.5/);
      // The reconnected desk syncs CXone with the saved settings.
      await waitForVendor(browser, "cxone", "ok", 150000);
    }));

  test("a wrong secret brings back CXone's own refusal", () =>
    withEvidence(browser, "a wrong secret shows the vendor's error", async () => {
      await openVendor(browser, "cxone");
      const secret = `${vendorBox("cxone")} [data-field="secret"]`;
      assert.match(
        await domText(browser, `${vendorBox("cxone")} [data-testid="secret-state"]`),
        /Set in the keychain as cxone\.client_secret/,
      );
      assert.equal(await (await browser.$(secret)).getValue(), "", "the stored secret is never shown");
      await retype(browser, secret, "not-the-secret");
      await pressInForm(browser, "cxone", "test-connection");
      await browser.waitUntil(async () => (await resultOf(browser, "cxone")).outcome === "refused", {
        timeout: 30000,
        timeoutMsg: "the wrong secret was not refused",
      });
      const { text } = await resultOf(browser, "cxone");
      assert.match(text, /refused the connection at sign-in/);
      assert.match(text, /HTTP status 401/);
      assert.match(text, /said: “/, "CXone's own words are shown");
    }));
});
