// The internet goes down (A-DAY-AT-THE-DESK.md, 13:10), on the cache the earlier specs synced
// (run after 60-: with no synced cache there is no card to open): a search says each vendor
// cannot be reached and offers nothing to book, and a callback for the patient at the counter
// waits in the outbox with the sentence that it will be sent when CXone is back.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { closeApp, withEvidence } from "../lib/session.mjs";
import { chipStates, openCard, openDemo, search } from "../lib/demo.mjs";
import { bookFromCard, findSlots, MINH_PHONE, outcomesOnScreen } from "../lib/booking.mjs";

let browser;

before(async () => {
  browser = await openDemo({ offline: true });
});

after(async () => {
  await closeApp(browser);
});

test("offline, the finder says why nothing can be booked and a callback is queued", () =>
  withEvidence(browser, "offline booking and callback", async () => {
    await browser.waitUntil(async () => (await chipStates(browser)).cxone === "offline", {
      timeout: 60000,
      timeoutMsg: "CXone never showed offline",
    });
    await bookFromCard(browser);
    assert.ok(await (await browser.$('[data-testid="offline-banner"]')).isExisting(), "the Book page says the desk is offline");
    const slots = await findSlots(browser, { mode: "any" });
    assert.equal(slots.length, 0, "nothing to book while the vendors cannot be reached");
    const outcomes = await outcomesOnScreen(browser);
    for (const vendor of ["nexhealth", "zoom"]) {
      assert.match(outcomes[vendor] ?? "", /cannot be reached; its times are missing/, `${vendor}: ${outcomes[vendor]}`);
    }

    const [minh] = await search(browser, MINH_PHONE);
    await browser.keys(["Enter"]);
    await openCard(browser, minh.id);
    await (await browser.$('[data-testid="call-me-back"]')).click();
    const dialog = await browser.$('[data-testid="callback-dialog"]');
    await dialog.waitForExist({ timeout: 10000 });
    await (await dialog.$('[data-testid="callback-reason"]')).setValue("Question about a bill");
    await (await dialog.$('[data-testid="callback-submit"]')).click();
    const status = await dialog.$('[data-testid="callback-status"]');
    await status.waitForExist({ timeout: 30000, timeoutMsg: "the callback was not taken while offline" });
    assert.equal(await status.getAttribute("data-state"), "queued");
    assert.match(await status.getText(), /will be sent when CXone is back/);
  }));
