// Referral out (A-DAY-AT-THE-DESK.md, 11:30): under Mr. Nguyen's approved referral (seed/
// network.rs gives the first person one), a referral search within 20 miles answers with the
// network's times and drive times; the patient fields the provider service requires are asked
// for when the desk lacks them; Book submits and shows "submitted" until WellHive answers, then
// booked; the card lists the referral appointment.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { closeApp, withEvidence } from "../lib/session.mjs";
import { openCard, openDemo, waitForVendors } from "../lib/demo.mjs";
import {
  BOOKED,
  bookFromCard,
  bookingState,
  findSlots,
  outcomesOnScreen,
  pickSlot,
  pressBook,
  settled,
} from "../lib/booking.mjs";

/** Values for the patient fields a provider service may require (WellHive's names). */
const ATTRIBUTES = {
  address: "12 Lexington Ave, New York, NY 10016",
  gender: "male",
  birthDate: "1964-05-03",
  phone: "+16465550143",
  email: "minh.nguyen@example.com",
  name: "Minh Nguyen",
};

let browser;

before(async () => {
  browser = await openDemo();
});

after(async () => {
  await closeApp(browser);
});

test("a referral out is submitted to WellHive and shows on the card", () =>
  withEvidence(browser, "referral booking submitted", async () => {
    await waitForVendors(browser, "ok");
    const patientId = await bookFromCard(browser);
    const slots = await findSlots(browser, { mode: "referral", days: 14 });
    const outcomes = await outcomesOnScreen(browser);
    assert.deepEqual(Object.keys(outcomes), ["wellhive"], "a referral search asks WellHive only");
    assert.match(outcomes.wellhive, /^ok: /, `WellHive answered: ${outcomes.wellhive}`);
    assert.ok(slots.length > 0, "the network offers times under his referral");
    assert.ok(slots.every((s) => s.mode === "referral" && s.vendor === "wellhive"));

    await pickSlot(browser, slots[0].id);
    // The desk asks the network which of the service's required fields it lacks.
    await browser.waitUntil(
      () => browser.execute(() => !document.querySelector('[data-testid="booking-panel"] .muted')?.textContent.includes("Checking")),
      { timeout: 30000, timeoutMsg: "the required fields were never checked" },
    );
    for (const input of await browser.$$('[data-testid="attribute-input"]')) {
      const name = await input.getAttribute("data-attribute");
      await input.setValue(ATTRIBUTES[name] ?? "unknown");
    }

    const first = await pressBook(browser);
    assert.notEqual(first.state, "error", `WellHive took the submission: ${first.text}`);
    if (first.state === "pending") assert.match(first.text, /Submitted to WellHive/);
    const done = settled(first) ? first : await bookingState(browser, settled, "WellHive never answered the submission", 120000);
    assert.ok(BOOKED.includes(done.state), `booked in the network: ${done.text}`);
    assert.ok(await (await browser.$('[data-testid="booking-status"] [data-visit="referral"]')).isExisting(), "marked as a referral");

    await (await browser.$('[data-testid="to-card"]')).click();
    await openCard(browser, patientId);
    const row = await browser.$(`[data-testid="card-appointment"][data-appointment-id="${done.appointmentId}"]`);
    await row.waitForExist({ timeout: 30000, timeoutMsg: "the card never listed the referral appointment" });
    assert.ok(await (await row.$('[data-visit="referral"]')).isExisting(), "the card marks it as a referral");
  }));
