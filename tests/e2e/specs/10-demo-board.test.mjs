// Rosa at 07:50 (A-DAY-AT-THE-DESK.md): the demo practice opens, all five vendors sync, and the
// day board shows a location's appointments for today with each one's status and patient. This
// file also does the run's one full demo sync into the shared cache the later demo specs reuse,
// and saves the README's screenshots (app shell, day board, patient card) of the synced desk.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { closeApp, withEvidence } from "../lib/session.mjs";
import {
  boardWithAppointments,
  chipStates,
  domText,
  goTo,
  openCard,
  openDemo,
  saveDocScreenshot,
  search,
  VENDORS,
  waitForVendors,
} from "../lib/demo.mjs";

let browser;

before(async () => {
  browser = await openDemo();
});

after(async () => {
  await closeApp(browser);
});

test("the demo practice opens and all five vendors sync", () =>
  withEvidence(browser, "the demo practice opens and all five vendors sync", async () => {
    // The config the demo writes names its practice "Demo practice (sandbox)" (desk/src/demo.rs).
    assert.equal(await domText(browser, '[data-testid="practice-name"]'), "Demo practice (sandbox)");
    const first = await chipStates(browser);
    assert.deepEqual(Object.keys(first).sort(), [...VENDORS].sort(), "one header chip per vendor");
    await waitForVendors(browser, "ok");
  }));

test("the day board shows today's appointments with status and patient", () =>
  withEvidence(browser, "the day board shows today's appointments", async () => {
    await goTo(browser, "Today");
    // The sandbox books today at every location (seed/schedule.rs fills 70% of today's hours).
    const { location } = await boardWithAppointments(browser);
    const day = await (await browser.$('[data-testid="day-picker"]')).getValue();
    // The sandbox's "today" is the wall clock's date in New York (seed::default_today).
    const today = new Intl.DateTimeFormat("en-CA", { timeZone: "America/New_York" }).format(new Date());
    assert.equal(day, today, "the board opens on today");
    assert.match(await (await browser.$(".board-heading")).getText(), new RegExp(location.text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")));

    const blocks = await browser.execute(() =>
      [...document.querySelectorAll('[data-testid="appointment-block"]')].map((b) => ({
        id: b.dataset.appointmentId,
        status: b.dataset.status,
        badgeStatus: b.querySelector(".status-badge")?.dataset.status ?? null,
        badgeText: b.querySelector(".status-badge")?.textContent.trim() ?? "",
        time: b.querySelector(".appt-block__time")?.textContent.trim() ?? "",
        patient: b.querySelector(".appt-block__patient")?.textContent.trim() ?? "",
        linked: Boolean(b.querySelector(".appt-block__patient:not(.appt-block__patient--unlinked)")),
        column: b.closest('[data-testid="board-column"]')?.dataset.providerId ?? null,
      })),
    );
    const columns = await browser.$$('[data-testid="board-column"]');
    assert.ok(columns.length >= 1, "the board has provider columns");
    assert.equal(new Set(blocks.map((b) => b.id)).size, blocks.length, "each appointment appears once");
    for (const block of blocks) {
      assert.ok(block.id, "a block carries its appointment id");
      assert.ok(block.column, `block ${block.id} sits in a provider column`);
      assert.ok(block.status, `block ${block.id} has a status`);
      assert.equal(block.badgeStatus, block.status, `block ${block.id} shows the status it carries`);
      assert.ok(block.badgeText.length > 0, `block ${block.id} says its status in words`);
      assert.match(block.time, /\d{1,2}:\d{2}/, `block ${block.id} shows its time`);
      assert.ok(block.patient.length > 0, `block ${block.id} names its patient or says it has none`);
    }
    // Every seeded appointment has a patient (seed/schedule.rs), and synced ones are linked.
    const named = blocks.filter((b) => b.linked);
    assert.ok(named.length > 0, "the board names linked patients");
    for (const b of named) assert.match(b.patient, /\S+, \S+/, `"${b.patient}" reads "Family, Given"`);
    await saveDocScreenshot(browser, "day-board.png");
  }));

test("settings shows each vendor connection synced (README app-shell screenshot)", () =>
  withEvidence(browser, "settings shows each vendor connection synced", async () => {
    await goTo(browser, "Settings");
    const rows = await browser.execute(() =>
      [...document.querySelectorAll("table.data-table tbody tr")].map((tr) =>
        [...tr.children].map((c) => c.textContent.trim()),
      ),
    );
    assert.deepEqual(
      rows.map((r) => r[0]),
      ["CXone", "Zoom", "Nextech", "NexHealth", "WellHive"],
      "one row per vendor",
    );
    for (const row of rows) {
      assert.equal(row[1], "Connected", `${row[0]} is connected`);
      assert.match(row[2], /\d{1,2}:\d{2}/, `${row[0]} has a last-synced time`);
    }
    await saveDocScreenshot(browser, "app-shell.png");
  }));

test("a patient card on the synced desk (README patient-card screenshot)", () =>
  withEvidence(browser, "README patient card screenshot", async () => {
    // Mr. Nguyen, the story's caller (seed/people.rs story_people: phone 646-555-0143).
    const results = await search(browser, "6465550143");
    assert.equal(results.length, 1, "his phone number finds one person");
    await browser.keys(["Enter"]);
    const card = await openCard(browser, results[0].id);
    assert.match(card.title, /^Nguyen, Minh/);
    const badges = await browser.$$('[data-testid="vendor-link"]');
    assert.ok(badges.length >= 2, "the card shows his vendor records");
    await waitForVendors(browser, "ok");
    await saveDocScreenshot(browser, "patient-card.png");
  }));
