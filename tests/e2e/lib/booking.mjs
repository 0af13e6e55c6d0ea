// Steps the booking specs share (A-DAY-AT-THE-DESK.md 08:05 to 11:30): open the Book page for a
// patient from their card, ask the slot finder, pick and book a time, wait for the vendor's
// outcome, find the booking again on the board or the card, and reach the demo sandbox's admin
// API (take a slot as another desk, fail the next insertion) the way a second desk or a failing
// EHR would act between search and book.
import assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { openCard, search } from "./demo.mjs";

/**
 * The admin API of the sandbox this app session started. The demo starts the sandbox on fresh
 * loopback ports at every launch and logs `sandbox_started ... admin=<origin>` to the app's
 * stderr, which tauri-driver writes into the run's log; the newest line is this session's.
 */
export function sandboxAdminUrl() {
  const artifacts = process.env.FRONTDESK_E2E_ARTIFACTS;
  assert.ok(artifacts, "FRONTDESK_E2E_ARTIFACTS is set by run.sh");
  const log = join(artifacts, "app-and-driver.log");
  assert.ok(existsSync(log), `the app's log exists at ${log}`);
  // The log colours its fields when it thinks it writes to a terminal; strip that first.
  const text = readFileSync(log, "utf8").replace(/\x1b\[[0-9;]*m/g, "");
  const starts = [...text.matchAll(/sandbox_started[^\n]*?admin=(http:\/\/127\.0\.0\.1:\d+)/g)];
  assert.ok(starts.length > 0, "the app's log names the sandbox's admin origin");
  return `${starts.at(-1)[1]}/admin`;
}

/** POSTs one admin action to the demo sandbox and returns its JSON answer. */
export async function sandboxAdmin(path, body) {
  const response = await fetch(`${sandboxAdminUrl()}${path}`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  const text = await response.text();
  assert.ok(response.ok, `sandbox admin ${path} answered ${response.status}: ${text}`);
  return text ? JSON.parse(text) : null;
}

/** `nexhealth:123` -> 123 (the vendor's own id, as the sandbox's admin API takes it). */
export function vendorNumber(deskId) {
  const raw = String(deskId ?? "").split(":").at(-1);
  const n = Number.parseInt(raw, 10);
  assert.ok(Number.isFinite(n), `${deskId} ends in a number`);
  return n;
}

/** Mr. Nguyen (seed/people.rs story_people): his phone finds him; his card's Book opens the finder. */
export const MINH_PHONE = "6465550143";

/** Opens a patient's card by a search that finds only them, then Book; returns their desk id. */
export async function bookFromCard(browser, query = MINH_PHONE) {
  const results = await search(browser, query);
  assert.equal(results.length, 1, `"${query}" finds one person`);
  await browser.keys(["Enter"]);
  const card = await openCard(browser, results[0].id);
  await (await browser.$('[data-testid="book-for-patient"]')).click();
  const chosen = await browser.$('[data-testid="chosen-patient"]');
  await chosen.waitForExist({ timeout: 20000, timeoutMsg: "the Book page never showed the card's patient" });
  assert.equal(await chosen.getAttribute("data-patient-id"), card.id, "Book opens for the card's patient");
  return card.id;
}

/** Every slot button on the page (results or next times) as plain data. */
export function slotsOnScreen(browser, testId = "slot") {
  return browser.execute(
    (id) =>
      [...document.querySelectorAll(`[data-testid="${id}"]`)].map((b) => ({
        id: b.dataset.slotId,
        vendor: b.dataset.vendor,
        mode: b.dataset.mode,
        start: b.dataset.start,
        end: b.dataset.end,
        providerId: b.dataset.providerId,
        locationId: b.dataset.locationId,
        operatoryId: b.dataset.operatoryId,
        label: b.getAttribute("aria-label"),
      })),
    testId,
  );
}

/**
 * Asks the finder for `mode`'s times over the next `days` days (from tomorrow, so the times are
 * not already past) and returns the slots shown, after every vendor asked has answered.
 */
export async function findSlots(browser, { mode, days = 7, extra } = {}) {
  await (await browser.$(`[data-testid="finder-mode-${mode}"]`)).click();
  if (extra) await extra();
  const from = await browser.$('[data-testid="finder-from"]');
  const today = await from.getValue();
  const day = (offset) => {
    const d = new Date(`${today}T12:00:00Z`);
    d.setUTCDate(d.getUTCDate() + offset);
    return d.toISOString().slice(0, 10);
  };
  await setDate(browser, '[data-testid="finder-from"]', day(1));
  await setDate(browser, '[data-testid="finder-to"]', day(days));
  await (await browser.$('[data-testid="finder-search"]')).click();
  await browser.waitUntil(
    () =>
      browser.execute(
        () =>
          Boolean(document.querySelector('[data-testid="vendor-outcomes"]')) &&
          Boolean(document.querySelector('[data-testid="slot-results"], [data-testid="no-slots"]')),
      ),
    { timeout: 60000, timeoutMsg: `the ${mode} search never answered` },
  );
  return slotsOnScreen(browser);
}

/** The per-vendor lines beside the results as { vendor: state }. */
export function outcomesOnScreen(browser) {
  return browser.execute(() =>
    Object.fromEntries(
      [...document.querySelectorAll('[data-testid="vendor-outcome"]')].map((li) => [li.dataset.vendor, `${li.dataset.state}: ${li.textContent.trim()}`]),
    ),
  );
}

/** Sets a React-controlled date input the way the native picker does (value + input event). */
export async function setDate(browser, selector, value) {
  await browser.execute(
    (sel, v) => {
      const input = document.querySelector(sel);
      const setter = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, "value").set;
      setter.call(input, v);
      input.dispatchEvent(new Event("input", { bubbles: true }));
      input.dispatchEvent(new Event("change", { bubbles: true }));
    },
    selector,
    value,
  );
  await browser.waitUntil(async () => (await (await browser.$(selector)).getValue()) === value, {
    timeout: 5000,
    timeoutMsg: `${selector} did not take ${value}`,
  });
}

/** Clicks the slot button with this id (in the results, or among the next times) and waits for its panel. */
export async function pickSlot(browser, slotId, testId = "slot") {
  const button = await browser.$(`[data-testid="${testId}"][data-slot-id="${slotId}"]`);
  await button.scrollIntoView();
  await button.click();
  const panel = await browser.$(`[data-testid="booking-panel"][data-slot-id="${slotId}"]`);
  await panel.waitForExist({ timeout: 10000, timeoutMsg: "the booking panel did not open for the picked time" });
  return panel;
}

/** Presses Book (once it is enabled) and waits for the first answer: anything but "submitting". */
export async function pressBook(browser) {
  const book = await browser.$('[data-testid="book-button"]');
  await book.waitForEnabled({ timeout: 30000, timeoutMsg: "Book never became pressable" });
  await book.click();
  return bookingState(browser, (s) => s.state && s.state !== "submitting", "the booking never got an answer");
}

/** The booking status as { state, kind, text, appointmentId }. */
export function bookingStatus(browser) {
  return browser.execute(() => {
    const el = document.querySelector('[data-testid="booking-status"]');
    if (!el) return {};
    return {
      state: el.dataset.state ?? null,
      kind: el.dataset.kind ?? null,
      text: el.textContent.trim(),
      appointmentId: el.dataset.appointmentId ?? null,
    };
  });
}

/** Waits until the booking status satisfies `done`, and returns it. */
export async function bookingState(browser, done, message, timeout = 90000) {
  let last = {};
  await browser
    .waitUntil(
      async () => {
        last = await bookingStatus(browser);
        return done(last);
      },
      { timeout, interval: 500, timeoutMsg: message },
    )
    .catch((error) => {
      throw new Error(`${error.message} (last seen ${JSON.stringify(last)})`);
    });
  return last;
}

/** The local date of an RFC 3339 time with offset (`2026-11-23T09:00:00-05:00` -> 2026-11-23). */
export const localDate = (rfc3339) => rfc3339.slice(0, 10);

/**
 * Shows `locationId`'s board for `day` on Today and waits for the block of `appointmentId`
 * to appear; returns it as { status, visit, label }.
 */
export async function blockOnBoard(browser, { locationId, day, appointmentId, timeout = 60000 }) {
  await selectValue(browser, '[data-testid="location-picker"]', locationId);
  await setDate(browser, '[data-testid="day-picker"]', day);
  let block = null;
  await browser.waitUntil(
    async () => {
      block = await boardBlock(browser, appointmentId);
      return block !== null;
    },
    { timeout, interval: 1000, timeoutMsg: `appointment ${appointmentId} never showed on ${locationId}'s board for ${day}` },
  );
  return block;
}

/** One block of the board as { status, visit, label }, or null when it is not there. */
export function boardBlock(browser, appointmentId) {
  return browser.execute((id) => {
    const b = [...document.querySelectorAll('[data-testid="appointment-block"]')].find((x) => x.dataset.appointmentId === id);
    if (!b) return null;
    return {
      status: b.dataset.status,
      visit: b.querySelector("[data-visit]")?.dataset.visit ?? "inPerson",
      label: b.getAttribute("aria-label"),
    };
  }, appointmentId);
}

/** The states of a booking the vendor holds (NexHealth's unconfirmed visit reads Scheduled). */
export const BOOKED = ["scheduled", "confirmed"];

/** Whether the booking status has left "submitting" and "pending" (settled either way). */
export const settled = (s) => Boolean(s.state) && !["submitting", "pending"].includes(s.state);

/**
 * Picks `value` in a <select>, looking the element up afresh on every try: a page that
 * re-renders as it loads may replace the element between finding and using it.
 */
export async function selectValue(browser, selector, value, timeout = 30000) {
  let last = "";
  await browser
    .waitUntil(
      async () => {
        try {
          const select = await browser.$(selector);
          if (!(await select.isExisting())) return false;
          if ((await select.getValue()) !== value) await select.selectByAttribute("value", value);
          return (await (await browser.$(selector)).getValue()) === value;
        } catch (error) {
          last = String(error);
          return false;
        }
      },
      { timeout, interval: 500, timeoutMsg: `${selector} never took ${value}` },
    )
    .catch((error) => {
      throw new Error(`${error.message} (${last})`);
    });
}
