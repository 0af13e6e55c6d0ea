// A video visit (A-DAY-AT-THE-DESK.md, 08:20): a telehealth search answers with Zoom's times
// only; the booking panel offers the Zoom doc's visit types and recording consent and says by
// which channels the patient allows the invitation; Book schedules the visit at once, with the
// invitation's outcome; the patient's card and the provider's day show it marked as video.
// Mr. Nguyen is a Zoom patient in the demo (seed/telehealth.rs: Dr. Lee's 09:15 is his).
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { closeApp, withEvidence } from "../lib/session.mjs";
import { choose, goTo, openCard, openDemo, optionsOf, waitForVendors } from "../lib/demo.mjs";
import {
  BOOKED,
  bookFromCard,
  bookingState,
  findSlots,
  localDate,
  outcomesOnScreen,
  pickSlot,
  pressBook,
  selectValue,
  setDate,
  settled,
} from "../lib/booking.mjs";

const VISIT_TYPES = ["initial_consultation", "follow_up", "urgent_care", "mental_health", "group_therapy", "specialist_consult"];

let browser;

before(async () => {
  browser = await openDemo();
});

after(async () => {
  await closeApp(browser);
});

test("a video visit is booked from Zoom's times and shows marked as video", () =>
  withEvidence(browser, "telehealth booking shows as video", async () => {
    await waitForVendors(browser, "ok");
    const patientId = await bookFromCard(browser);
    const slots = await findSlots(browser, { mode: "telehealth" });
    const outcomes = await outcomesOnScreen(browser);
    assert.deepEqual(Object.keys(outcomes), ["zoom"], "a telehealth search asks Zoom only");
    assert.match(outcomes.zoom, /^ok: /, "Zoom answered");
    assert.ok(slots.length > 0, "Zoom offers video times this week");
    assert.ok(slots.every((s) => s.mode === "telehealth" && s.vendor === "zoom"));
    const slot = slots[0];
    // The time's accessible name ends "…, <provider>, <place>" (the day itself has commas).
    const providerName = slot.label.split(", ").at(-2);

    await pickSlot(browser, slot.id);
    const types = await optionsOf(browser, '[data-testid="visit-type"]');
    assert.deepEqual(types.map((o) => o.value), VISIT_TYPES, "the Zoom doc's visit types");
    await choose(browser, '[data-testid="visit-type"]', "follow_up");
    const invite = await (await browser.$('[data-testid="invite-channels"]')).getText();
    assert.match(invite, /invitation goes by|neither SMS nor email/, `the invitation's channels are said: ${invite}`);
    assert.equal(await (await browser.$('[data-testid="recording-consent"]')).isSelected(), false, "recording is off unless consent is ticked");

    const first = await pressBook(browser);
    const done = settled(first) ? first : await bookingState(browser, settled, "Zoom never confirmed the visit");
    assert.ok(BOOKED.includes(done.state), `the visit is booked: ${done.text}`);
    assert.ok(await (await browser.$('[data-testid="booking-status"] [data-visit="telehealth"]')).isExisting(), "marked as video");
    const inviteState = await (await browser.$('[data-testid="invite-state"]')).getAttribute("data-state");
    assert.ok(["sent", "noChannelAllowed"].includes(inviteState), `the invitation went out or could not: ${inviteState}`);

    // The card's upcoming appointments list it with the video mark.
    await (await browser.$('[data-testid="to-card"]')).click();
    await openCard(browser, patientId);
    const row = await browser.$(`[data-testid="card-appointment"][data-appointment-id="${done.appointmentId}"]`);
    await row.waitForExist({ timeout: 30000, timeoutMsg: "the card never listed the video visit" });
    assert.ok(await (await row.$('[data-visit="telehealth"]')).isExisting(), "the card marks it as video");

    // The provider's own day shows it too, as video.
    await goTo(browser, "My day");
    const providers = await optionsOf(browser, '[data-testid="provider-picker"]');
    const provider = providers.find((o) => o.text.includes(providerName));
    assert.ok(provider, `${providerName} is one of the desk's providers`);
    await selectValue(browser, '[data-testid="provider-picker"]', provider.value);
    await setDate(browser, '[data-testid="day-picker"]', localDate(slot.start));
    const dayRow = await browser.$(`[data-testid="my-day-row"][data-appointment-id="${done.appointmentId}"]`);
    await dayRow.waitForExist({ timeout: 30000, timeoutMsg: "the provider's day never showed the video visit" });
    assert.ok(await (await dayRow.$('[data-visit="telehealth"]')).isExisting(), "My day marks it as video");
  }));
