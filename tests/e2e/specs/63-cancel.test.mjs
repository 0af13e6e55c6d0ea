// Cancel from the day board: an in-person appointment booked for Mr. Nguyen is cancelled
// through the block's action menu (Cancel, confirmed in a dialog); NexHealth cancels it and the
// board no longer shows it as booked.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { closeApp, withEvidence } from "../lib/session.mjs";
import { goTo, openDemo, waitForVendors } from "../lib/demo.mjs";
import {
  BOOKED,
  blockOnBoard,
  boardBlock,
  bookFromCard,
  bookingState,
  findSlots,
  localDate,
  pickSlot,
  pressBook,
  settled,
} from "../lib/booking.mjs";

let browser;

before(async () => {
  browser = await openDemo();
});

after(async () => {
  await closeApp(browser);
});

test("an appointment cancelled from the board leaves it", () =>
  withEvidence(browser, "cancel from the board", async () => {
    await waitForVendors(browser, "ok");
    await bookFromCard(browser);
    const slots = await findSlots(browser, { mode: "inPerson" });
    // A later time than the first, so this file does not race 60- for the same one.
    const slot = slots[Math.min(3, slots.length - 1)];
    assert.ok(slot, "a time to book");
    await pickSlot(browser, slot.id);
    await pressBook(browser);
    const done = await bookingState(browser, settled, "NexHealth never settled the booking");
    assert.ok(BOOKED.includes(done.state), `booked: ${done.text}`);

    await goTo(browser, "Today");
    const block = await blockOnBoard(browser, { locationId: slot.locationId, day: localDate(slot.start), appointmentId: done.appointmentId });
    assert.ok(BOOKED.includes(block.status), "the board shows it booked");

    // The block opens the card; its corner button opens the actions for this appointment.
    const actions = await browser.$(`[data-testid="appointment-actions"][data-appointment-id="${done.appointmentId}"]`);
    assert.match(await actions.getAttribute("aria-label"), /^Actions for .*Nguyen, Minh/, "the menu says which appointment");
    await actions.click();
    await (await browser.$('[data-testid="appointment-menu"] [data-testid="cancel-appointment"]')).click();
    const dialog = await browser.$('[data-testid="cancel-dialog"]');
    await dialog.waitForExist({ timeout: 10000 });
    await (await dialog.$('[data-testid="cancel-confirm"]')).click();
    const status = await dialog.$('[data-testid="cancel-status"]');
    await status.waitForExist({ timeout: 60000, timeoutMsg: "NexHealth never answered the cancellation" });
    assert.equal(await status.getAttribute("data-state"), "cancelled", await status.getText());
    await (await dialog.$('[data-testid="cancel-close"]')).click();

    await browser.waitUntil(
      async () => {
        const after = await boardBlock(browser, done.appointmentId);
        return after === null || after.status === "cancelled";
      },
      { timeout: 30000, timeoutMsg: "the board still shows the cancelled appointment as booked" },
    );
  }));
