// Rosa leaves a card open and locks her computer (Super+L): on Linux the desktop announces it
// over D-Bus, and the desk locks at once instead of waiting out the idle limit. The signal here
// is the one KDE and other desktops send, sent for real on the private session bus run.sh starts
// (dbus-run-session), the same bus the app and this spec inherit. The facts: seed/people.rs's
// story patient Minh Nguyen (phone 6465550143), and Rosa's demo PIN (crates/desk/src/demo.rs).
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { closeApp, unlock, withEvidence } from "../lib/session.mjs";
import { openCard, openDemo, search, waitForVendors } from "../lib/demo.mjs";

const ROSA_PIN = "246810";
const LOCK_SCREEN = '[data-testid="lock-screen"]';

let browser;
let card;

/** What a desktop's screen saver says when it turns on (`true`) or off (`false`). */
function screenSaverActive(active) {
  execFileSync("dbus-send", [
    "--session",
    "--type=signal",
    "/org/freedesktop/ScreenSaver",
    "org.freedesktop.ScreenSaver.ActiveChanged",
    `boolean:${active}`,
  ]);
}

/** Everything the window holds: the text on screen and the whole document's markup. */
function pageContents() {
  return browser.execute(() => ({
    text: document.body.innerText,
    html: document.documentElement.outerHTML,
    hash: window.location.hash,
  }));
}

before(async () => {
  assert.ok(
    process.env.DBUS_SESSION_BUS_ADDRESS,
    "run.sh's private D-Bus session reaches the spec (and through tauri-driver, the app)",
  );
  browser = await openDemo();
  // Run alone, this pays the demo's first sync (run with the others, 10-demo-board did).
  await waitForVendors(browser, "ok", 300000);
});

after(async () => {
  await closeApp(browser);
});

test("the screen saver turning off leaves the desk open", () =>
  withEvidence(browser, "screen saver off leaves the desk open", async () => {
    const results = await search(browser, "6465550143");
    assert.equal(results.length, 1, "his phone number finds one person");
    await browser.keys(["Enter"]);
    card = await openCard(browser, results[0].id);
    assert.match(card.title, /Nguyen/, "the card names him before the lock");

    screenSaverActive(false);
    // Nothing to wait for when nothing happens: give the signal time to arrive, then look.
    await browser.pause(2000);
    assert.equal(await (await browser.$(LOCK_SCREEN)).isExisting(), false, "no lock on ActiveChanged(false)");
    assert.ok((await pageContents()).html.includes("Nguyen"), "the card is still open");
  }));

test("the OS screen lock locks the desk at once and the lock screen holds no patient data", () =>
  withEvidence(browser, "os screen lock locks the desk", async () => {
    assert.ok(card, "the previous test opened a card");
    screenSaverActive(true);
    // Well inside the 15-minute idle limit: only the D-Bus signal can have locked it.
    await (await browser.$(LOCK_SCREEN)).waitForExist({
      timeout: 10000,
      timeoutMsg: "the desk did not lock on the screen saver's ActiveChanged(true)",
    });

    const locked = await pageContents();
    for (const piece of [card.title, "Nguyen", "Minh", "6465550143", card.id]) {
      assert.ok(!locked.text.includes(piece), `the lock screen does not show ${piece}`);
      assert.ok(!locked.html.includes(piece), `the locked page's markup does not hold ${piece}`);
    }
    assert.equal(await (await browser.$('[data-testid="patient-card"]')).isExisting(), false);
    assert.match(locked.text, /Rosa/, "the lock screen says whose session it is");
  }));

test("her PIN brings back the same card", () =>
  withEvidence(browser, "unlock after the os lock", async () => {
    assert.ok(card, "the first test opened a card");
    await unlock(browser, ROSA_PIN);
    const back = await openCard(browser, card.id);
    assert.equal(back.title, card.title, "the same card is open again");
    assert.match((await pageContents()).hash, new RegExp(encodeURIComponent(card.id)));
  }));
