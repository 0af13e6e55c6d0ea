// Rosa at 15:00 (A-DAY-AT-THE-DESK.md): she steps away from an open card; after the idle limit
// (shortened here to IDLE seconds by --idle-lock-secs) the desk locks, and the lock screen holds
// no patient data: not on screen, not in the page. Her PIN brings her back to the same card.
// The facts: seed/people.rs's story patient Minh Nguyen (phone 6465550143), and Rosa's demo PIN
// from crates/desk/src/demo.rs (DEMO_STAFF).
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { closeApp, unlock, withEvidence } from "../lib/session.mjs";
import { openCard, openDemo, search, waitForVendors } from "../lib/demo.mjs";

const IDLE = 12;
const ROSA_PIN = "246810";

let browser;
let card;

before(async () => {
  // Run alone, the demo cache must be synced first; the short idle limit would lock the desk
  // while a first sync is awaited, so that happens in a session of its own.
  const syncing = await openDemo();
  try {
    await waitForVendors(syncing, "ok");
  } finally {
    await closeApp(syncing);
  }
  browser = await openDemo({ args: ["--idle-lock-secs", String(IDLE)] });
});

after(async () => {
  await closeApp(browser);
});

/** Everything the window holds: the text on screen and the whole document's markup. */
function pageContents() {
  return browser.execute(() => ({
    text: document.body.innerText,
    html: document.documentElement.outerHTML,
    hash: window.location.hash,
  }));
}

test("an idle desk locks and the lock screen holds no patient data", () =>
  withEvidence(browser, "an idle desk locks with no patient data", async () => {
    const results = await search(browser, "6465550143");
    assert.equal(results.length, 1, "his phone number finds one person");
    await browser.keys(["Enter"]);
    card = await openCard(browser, results[0].id);
    assert.match(card.title, /Nguyen/, "the card names him before the lock");
    const before = await pageContents();
    assert.ok(before.html.includes("Nguyen"), "his name is in the page while the card is open");

    // No key, click or pointer move from here: WebDriver's script calls are not activity.
    const lockScreen = await browser.$('[data-testid="lock-screen"]');
    await lockScreen.waitForExist({ timeout: (IDLE + 10) * 1000, timeoutMsg: `the desk did not lock after ${IDLE} s idle` });

    const locked = await pageContents();
    for (const piece of [card.title, "Nguyen", "6465550143", card.id]) {
      assert.ok(!locked.text.includes(piece), `the lock screen does not show ${piece}`);
      assert.ok(!locked.html.includes(piece), `the locked page's markup does not hold ${piece}`);
    }
    assert.equal(await (await browser.$('[data-testid="patient-card"]')).isExisting(), false);
    assert.equal(await (await browser.$('[data-testid="global-search"]')).isExisting(), false);
    assert.match(locked.text, /Rosa/, "the lock screen says whose session it is");
  }));

test("while locked the backend refuses patient commands; her PIN brings back the same card", () =>
  withEvidence(browser, "unlock continues where she was", async () => {
    assert.ok(card, "the previous test opened a card");
    // The page's own IPC; the answer crosses WebDriver as JSON text (see 85-roles).
    const answer = JSON.parse(
      await browser.execute(() =>
        window.__TAURI_INTERNALS__.invoke("search_patients", { query: "nguyen", limit: 5 }).then(
          (rows) => JSON.stringify({ ok: rows.length }),
          (error) => JSON.stringify({ error }),
        ),
      ),
    );
    assert.deepEqual(answer, { error: { kind: "locked" } }, "a command after the lock answers Locked");

    await unlock(browser, ROSA_PIN);
    const back = await openCard(browser, card.id);
    assert.equal(back.title, card.title, "the same card is open again");
    assert.match((await pageContents()).hash, new RegExp(encodeURIComponent(card.id)));
  }));

test("Ctrl+L locks at once", () =>
  withEvidence(browser, "Ctrl+L locks at once", async () => {
    await (await browser.$('[data-testid="global-search"]')).click();
    await browser.keys(["Control", "l"]);
    await (await browser.$('[data-testid="lock-screen"]')).waitForExist({ timeout: 5000 });
    const locked = await pageContents();
    assert.ok(!locked.html.includes("Nguyen"), "nothing of the card remains");
    await unlock(browser, ROSA_PIN);
  }));
