// Rosa moves Mr. Nguyen's Thursday appointment (A-DAY-AT-THE-DESK.md, 08:05): on his card,
// Reschedule on Thursday's 10:30 with Dr. Lee (seed/schedule.rs place_story_appointment) opens
// the slot finder with his provider and kind of visit already chosen; she picks another time and
// moves it there; the new one settles and the old one is cancelled, so its time is free again.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { closeApp, withEvidence } from "../lib/session.mjs";
import { openCard, openDemo, search, waitForVendors } from "../lib/demo.mjs";
import { BOOKED, bookingState, findSlots, MINH_PHONE, pickSlot, pressBook, settled } from "../lib/booking.mjs";

let browser;

before(async () => {
  browser = await openDemo();
});

after(async () => {
  await closeApp(browser);
});

/** The card's upcoming rows as { id, when, provider, status, reschedule }. */
function cardRows() {
  return browser.execute(() =>
    [...document.querySelectorAll('[data-testid="card-appointment"]')].map((tr) => ({
      id: tr.dataset.appointmentId,
      when: tr.children[0]?.textContent.trim() ?? "",
      provider: tr.children[1]?.textContent.trim() ?? "",
      status: tr.querySelector("[data-status]")?.dataset.status ?? "",
      reschedule: tr.querySelector('[data-testid="reschedule-appointment"]')?.getAttribute("href") ?? null,
    })),
  );
}

test("Reschedule moves Thursday's appointment and frees the old time", () =>
  withEvidence(browser, "reschedule moves the appointment", async () => {
    await waitForVendors(browser, "ok");
    const [minh] = await search(browser, MINH_PHONE);
    await browser.keys(["Enter"]);
    await openCard(browser, minh.id);
    let rows = [];
    await browser.waitUntil(
      async () => {
        rows = await cardRows();
        return rows.some((r) => r.id.startsWith("nexhealth:") && r.when.includes("10:30") && r.reschedule);
      },
      { timeout: 30000, timeoutMsg: "the card never listed Thursday's 10:30 with Reschedule" },
    );
    const old = rows.find((r) => r.id.startsWith("nexhealth:") && r.when.includes("10:30") && r.reschedule);
    await (await browser.$(`[data-testid="card-appointment"][data-appointment-id="${old.id}"] [data-testid="reschedule-appointment"]`)).click();

    await (await browser.$('[data-testid="rescheduling"]')).waitForExist({ timeout: 20000, timeoutMsg: "Reschedule did not open the finder" });
    assert.equal(await (await browser.$("h1")).getText(), "Reschedule");
    const chosen = await browser.execute(() =>
      [...document.querySelectorAll('[data-testid="finder-provider"]')].filter((c) => c.checked).map((c) => c.parentElement.textContent.trim()),
    );
    assert.deepEqual(chosen, [old.provider], "his provider is chosen");
    assert.ok(await (await browser.$('[data-testid="finder-mode-inPerson"]')).isSelected(), "in person, as before");
    assert.equal(await (await browser.$('[data-testid="change-patient"]')).isExisting(), false, "the patient is fixed");

    const slots = await findSlots(browser, { mode: "inPerson" });
    // His own time is booked, so it is not among the open ones: any of them moves him.
    const [target] = slots;
    assert.ok(target, "another time with his provider");
    assert.ok(slots.every((s) => s.label.includes(old.provider)), "only his provider's times are offered");
    await pickSlot(browser, target.id);
    assert.equal((await (await browser.$('[data-testid="book-button"]')).getText()).trim(), "Move here");
    await pressBook(browser);
    const done = await bookingState(browser, settled, "the new time never settled");
    assert.ok(BOOKED.includes(done.state), `the new time is booked: ${done.text}`);
    const replaced = await browser.$('[data-testid="replaced-cancelled"]');
    await replaced.waitForExist({ timeout: 60000, timeoutMsg: "the old appointment was never cancelled" });
    assert.equal(await replaced.getAttribute("data-appointment-id"), old.id);

    await (await browser.$('[data-testid="to-card"]')).click();
    await openCard(browser, minh.id);
    await browser.waitUntil(
      async () => {
        rows = await cardRows();
        const was = rows.find((r) => r.id === old.id);
        return rows.some((r) => r.id === done.appointmentId) && (!was || was.status === "cancelled");
      },
      { timeout: 30000, timeoutMsg: "the card never showed the new time and the old one cancelled" },
    );
  }));
