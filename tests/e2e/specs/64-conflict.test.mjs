// Two desks race for one time (issue 8, "never twice"): between Rosa's search and her Book,
// another desk takes the time (the sandbox's admin take-slot, as NexHealth would record a
// booking made elsewhere). Book re-checks, says the time was just taken and offers the
// provider's next open times; one of those books.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { closeApp, withEvidence } from "../lib/session.mjs";
import { openDemo, waitForVendors } from "../lib/demo.mjs";
import {
  BOOKED,
  bookFromCard,
  bookingState,
  findSlots,
  pickSlot,
  pressBook,
  sandboxAdmin,
  settled,
  slotsOnScreen,
  vendorNumber,
} from "../lib/booking.mjs";

let browser;

before(async () => {
  browser = await openDemo();
});

after(async () => {
  await closeApp(browser);
});

test("a time taken between search and book is a conflict with the next times offered", () =>
  withEvidence(browser, "conflict offers the next times", async () => {
    await waitForVendors(browser, "ok");
    await bookFromCard(browser);
    const slots = await findSlots(browser, { mode: "inPerson" });
    // A morning time, so the same provider has later times that day to offer.
    const slot = slots.find((s) => Number(s.start.slice(11, 13)) < 12) ?? slots[0];
    assert.ok(slot, "a time to book");
    await pickSlot(browser, slot.id);

    await sandboxAdmin("/nexhealth/take-slot", {
      locationId: vendorNumber(slot.locationId),
      providerId: vendorNumber(slot.providerId),
      operatoryId: slot.operatoryId ? vendorNumber(slot.operatoryId) : null,
      startTime: new Date(slot.start).toISOString(),
      minutes: Math.round((Date.parse(slot.end) - Date.parse(slot.start)) / 60000),
    });

    const answer = await pressBook(browser);
    assert.equal(answer.state, "taken", `the desk says the time was taken: ${JSON.stringify(answer)}`);
    assert.match(answer.text, /Someone else booked this time/);
    const next = await slotsOnScreen(browser, "next-slot");
    assert.ok(next.length > 0, "the next open times are offered");
    assert.ok(!next.some((s) => s.start === slot.start && s.providerId === slot.providerId), "the taken time is not offered again");
    assert.ok(next.every((s) => Date.parse(s.start) > Date.parse(slot.start) || s.providerId !== slot.providerId), "later times");

    await pickSlot(browser, next[0].id, "next-slot");
    await pressBook(browser);
    const done = await bookingState(browser, settled, "the next time never settled");
    assert.ok(BOOKED.includes(done.state), `one of the next times books: ${done.text}`);
  }));
