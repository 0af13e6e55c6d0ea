// NexHealth accepts a booking but its EHR insertion fails (the sandbox's fail-next-insertion):
// the booking shows "pending in EHR", then failed with NexHealth's own reason, and the time is
// offered again in the list, ready to book once more.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { closeApp, withEvidence } from "../lib/session.mjs";
import { openDemo, waitForVendors } from "../lib/demo.mjs";
import {
  bookFromCard,
  bookingState,
  findSlots,
  pickSlot,
  pressBook,
  sandboxAdmin,
  settled,
  slotsOnScreen,
} from "../lib/booking.mjs";

const REASON = "Operatory 2 is closed for maintenance";

let browser;

before(async () => {
  browser = await openDemo();
});

after(async () => {
  await closeApp(browser);
});

test("a failed insertion shows the vendor's reason and offers the time again", () =>
  withEvidence(browser, "insertion failure offers the time again", async () => {
    await waitForVendors(browser, "ok");
    await bookFromCard(browser);
    const slots = await findSlots(browser, { mode: "inPerson" });
    const slot = slots[Math.min(5, slots.length - 1)];
    assert.ok(slot, "a time to book");
    await pickSlot(browser, slot.id);

    await sandboxAdmin("/nexhealth/fail-next-insertion", { reason: REASON });
    const first = await pressBook(browser);
    assert.equal(first.state, "pending", `accepted, waiting for the EHR: ${JSON.stringify(first)}`);
    const done = await bookingState(browser, settled, "the failed insertion never reached the desk");
    assert.equal(done.state, "failed", `failed: ${done.text}`);
    assert.ok(done.text.includes(REASON), `NexHealth's own reason is shown: ${done.text}`);
    assert.equal(await (await browser.$('[data-testid="booking-status"]')).getAttribute("role"), "alert", "announced");

    // The list is asked again, and the same time is there to book.
    await browser.waitUntil(
      async () => (await slotsOnScreen(browser)).some((s) => s.start === slot.start && s.providerId === slot.providerId),
      { timeout: 30000, timeoutMsg: "the failed time was not offered again" },
    );
    assert.ok(await (await browser.$('[data-testid="book-again"]')).isExisting(), "and can be tried again from the panel");
  }));
