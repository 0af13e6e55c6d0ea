// Rosa books in person (A-DAY-AT-THE-DESK.md, 08:05): from Mr. Nguyen's card, Book opens the
// slot finder for him; an in-person search answers with NexHealth's open times, each vendor's
// answer on its own line; Book shows "pending in EHR" until NexHealth's insertion settles, then
// confirmed; and the day board shows the appointment at that location on that day.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { closeApp, withEvidence } from "../lib/session.mjs";
import { goTo, openDemo, waitForVendors } from "../lib/demo.mjs";
import {
  blockOnBoard,
  bookFromCard,
  bookingState,
  findSlots,
  localDate,
  outcomesOnScreen,
  pickSlot,
  pressBook,
  settled,
  BOOKED,
} from "../lib/booking.mjs";

let browser;
let booked;

before(async () => {
  browser = await openDemo();
});

after(async () => {
  await closeApp(browser);
});

test("an in-person search from the card lists NexHealth's open times by day", () =>
  withEvidence(browser, "in-person search lists times", async () => {
    await waitForVendors(browser, "ok");
    await bookFromCard(browser);
    const slots = await findSlots(browser, { mode: "inPerson" });
    const outcomes = await outcomesOnScreen(browser);
    assert.match(outcomes.nexhealth ?? "", /^ok: NexHealth: \d+ open times?$/, "NexHealth answered");
    assert.deepEqual(Object.keys(outcomes), ["nexhealth"], "an in-person search asks NexHealth only");
    assert.ok(slots.length > 0, "NexHealth offers open times this week");
    for (const slot of slots) {
      assert.equal(slot.mode, "inPerson");
      assert.equal(slot.vendor, "nexhealth");
      assert.ok(slot.locationId, "an in-person time names its location");
    }
    // The days are in order and each day's times are the local day of the heading.
    const days = await browser.execute(() =>
      [...document.querySelectorAll('[data-testid="slot-day"]')].map((d) => ({
        date: d.dataset.date,
        starts: [...d.querySelectorAll('[data-testid="slot"]')].map((b) => b.dataset.start.slice(0, 10)),
      })),
    );
    assert.deepEqual(days.map((d) => d.date), [...days.map((d) => d.date)].sort(), "days in order");
    for (const d of days) assert.ok(d.starts.every((s) => s === d.date), `every time under ${d.date} is on that local day`);
  }));

test("Book shows pending in EHR, then confirmed, and the board shows the appointment", () =>
  withEvidence(browser, "in-person booking reaches the board", async () => {
    const [slot] = await browser.execute(() =>
      [...document.querySelectorAll('[data-testid="slot"]')].slice(0, 1).map((b) => ({
        id: b.dataset.slotId,
        start: b.dataset.start,
        locationId: b.dataset.locationId,
      })),
    );
    assert.ok(slot, "a time to book");
    await pickSlot(browser, slot.id);
    const first = await pressBook(browser);
    assert.equal(first.state, "pending", `accepted and waiting for the EHR: ${JSON.stringify(first)}`);
    assert.match(first.text, /Pending in EHR/);
    const done = await bookingState(browser, settled, "NexHealth never settled the booking");
    // NexHealth has no status word: an inserted, not yet patient-confirmed visit reads Scheduled.
    assert.ok(BOOKED.includes(done.state), `booked in the EHR: ${done.text}`);
    assert.ok(done.appointmentId, "the status names the appointment");
    booked = { ...slot, appointmentId: done.appointmentId };

    await goTo(browser, "Today");
    const block = await blockOnBoard(browser, { locationId: slot.locationId, day: localDate(slot.start), appointmentId: booked.appointmentId });
    assert.equal(block.status, done.state, "the board shows it as booked, no longer pending");
    assert.match(block.label, /Nguyen, Minh/, "the block names Mr. Nguyen");
  }));
