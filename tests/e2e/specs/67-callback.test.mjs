// "Call me back" from a card (A-DAY-AT-THE-DESK.md, 13:10, here with the network up): the
// dialog takes a time and a reason, CXone gets the callback through the desk's outbox, and the
// card's Callbacks lists it.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { closeApp, withEvidence } from "../lib/session.mjs";
import { openCard, openDemo, search, waitForVendors } from "../lib/demo.mjs";
import { MINH_PHONE } from "../lib/booking.mjs";

let browser;

before(async () => {
  browser = await openDemo();
});

after(async () => {
  await closeApp(browser);
});

test("a callback scheduled from the card reaches CXone and the card lists it", () =>
  withEvidence(browser, "callback from the card", async () => {
    await waitForVendors(browser, "ok");
    const [minh] = await search(browser, MINH_PHONE);
    await browser.keys(["Enter"]);
    await openCard(browser, minh.id);
    const before = (await browser.$$('[data-testid="callback"]')).length;

    await (await browser.$('[data-testid="call-me-back"]')).click();
    const dialog = await browser.$('[data-testid="callback-dialog"]');
    await dialog.waitForExist({ timeout: 10000 });
    assert.equal(await dialog.getAttribute("role"), "dialog");
    await (await dialog.$('[data-testid="callback-reason"]')).setValue("Question about a bill");
    await (await dialog.$('[data-testid="callback-submit"]')).click();
    const status = await dialog.$('[data-testid="callback-status"]');
    await status.waitForExist({ timeout: 30000, timeoutMsg: "the callback was never accepted" });
    const state = await status.getAttribute("data-state");
    assert.ok(["queued", "sent"].includes(state), `accepted: ${state} ${await status.getText()}`);
    await (await dialog.$('[data-testid="callback-close"]')).click();

    await browser.waitUntil(async () => (await browser.$$('[data-testid="callback"]')).length > before, {
      timeout: 30000,
      timeoutMsg: "the card's Callbacks never listed it",
    });
    // The outbox sends it once CXone answers (it is up in this demo).
    await browser.waitUntil(
      () => browser.execute(() => [...document.querySelectorAll('[data-testid="callback"]')].some((r) => r.dataset.state === "sent")),
      { timeout: 90000, interval: 2000, timeoutMsg: "the callback never left the outbox" },
    );
  }));
