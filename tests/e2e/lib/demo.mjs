// Shared steps for the specs that walk through the demo practice (A-DAY-AT-THE-DESK.md): where
// the one synced demo cache lives, how to open the app on it, and the waits every such spec
// needs (vendors synced, a location's day on screen, a search settled). One cache is synced by
// 10-demo-board and reused by the later files, so the ~45 s first sync is paid once per run.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { openApp, saveWindowScreenshot, switchUser } from "./session.mjs";

const dataParent = () => {
  const value = process.env.FRONTDESK_DATA_DIR;
  if (!value) throw new Error("FRONTDESK_DATA_DIR is not set: run the suite through tests/e2e/run.sh");
  return value;
};

/** The demo's cache directory, shared by every demo spec of one run. */
export const demoDir = () => `${dataParent()}-demo`;

export const VENDORS = ["cxone", "zoom", "nextech", "nexhealth", "wellhive"];
const CHIPS = "header [data-vendor][data-state]";

/**
 * Opens the app on the shared demo cache, with the sandbox answering or (offline) stopped, and
 * signs in as one of the demo's staff (Rosa, the receptionist, unless `as` says otherwise:
 * "lee" the clinician, "dana" the admin), picked from the accounts its sign-in screen lists.
 */
export function openDemo({ offline = false, as = "rosa", args = [], signIn = true } = {}) {
  return openApp({ args: [offline ? "--demo=offline" : "--demo", "--data-dir", demoDir(), ...args], as, signIn });
}

/** Whose page each role-bound page is, in the demo: goTo signs them in when it is not yours. */
const PAGE_OWNERS = { "My day": "lee", Today: "rosa", Book: "rosa" };

/** The header's vendor chips as { vendor: state }. */
export async function chipStates(browser) {
  return browser.execute((selector) => {
    const out = {};
    for (const chip of document.querySelectorAll(selector)) out[chip.dataset.vendor] = chip.dataset.state;
    return out;
  }, CHIPS);
}

/** Waits until all five header chips read `state` (the first full demo sync takes ~45 s; on two
 * busy cores, with the retention purge and look-ups after it, CI has seen more than 150 s). */
export async function waitForVendors(browser, state, timeout = 300000) {
  let last = {};
  await browser.waitUntil(
    async () => {
      last = await chipStates(browser);
      return VENDORS.every((v) => last[v] === state);
    },
    { timeout, interval: 1000, timeoutMsg: `vendors never all "${state}"` },
  ).catch((error) => {
    throw new Error(`${error.message} (last seen ${JSON.stringify(last)})`);
  });
}

/**
 * Clicks a navigation link by its visible label and waits for that page's heading. The
 * navigation lists only the signed-in role's pages: when the page is another role's (My day is
 * the clinician's), the demo person it belongs to signs in first, by "Switch user", as at a
 * shared desk.
 */
export async function goTo(browser, label) {
  const link = await browser.$(`//nav//a[normalize-space()="${label}"]`);
  if (!(await link.isExisting()) && PAGE_OWNERS[label]) await switchUser(browser, PAGE_OWNERS[label]);
  await (await browser.$(`//nav//a[normalize-space()="${label}"]`)).click();
  await browser.waitUntil(
    async () => (await browser.execute(() => document.querySelector("nav [aria-current=page]")?.textContent?.trim())) === label,
    { timeout: 10000, timeoutMsg: `the ${label} page never became current` },
  );
}

/** The options of a <select> as [{ value, text }]. */
export async function optionsOf(browser, selector) {
  await (await browser.$(selector)).waitForExist({ timeout: 30000 });
  return browser.execute(
    (sel) => [...document.querySelector(sel).options].map((o) => ({ value: o.value, text: o.textContent.trim() })),
    selector,
  );
}

/** Picks a value in a React-controlled <select> the way a person does, and checks it took. */
export async function choose(browser, selector, value) {
  const select = await browser.$(selector);
  await select.selectByAttribute("value", value);
  await browser.waitUntil(async () => (await select.getValue()) === value, {
    timeout: 5000,
    timeoutMsg: `${selector} did not take ${value}`,
  });
}

/**
 * Waits until the board (Today) or list (My day) shows the chosen location's day settled: the
 * heading names the location, no "loading" marker, and either blocks/rows or an empty notice.
 */
export async function waitForDay(browser, locationName, { filled, empty }) {
  await browser.waitUntil(
    () =>
      browser.execute(
        (name, filledSel, emptySel) => {
          const heading = document.querySelector(".board-heading");
          if (!heading || !heading.textContent.includes(name) || heading.querySelector(".muted")) return false;
          return Boolean(document.querySelector(filledSel) || (emptySel && document.querySelector(emptySel)));
        },
        locationName,
        filled,
        empty,
      ),
    { timeout: 30000, timeoutMsg: `${locationName}'s day never settled on screen` },
  );
}

async function showLocation(browser, location) {
  await choose(browser, '[data-testid="location-picker"]', location.value);
  await waitForDay(browser, location.text, {
    filled: '[data-testid="day-board"] [data-testid="appointment-block"]',
    empty: '[data-testid="board-empty"]',
  });
  return (await browser.$$('[data-testid="appointment-block"]')).length;
}

/**
 * On Today: walks the location picker and leaves the board on the location with the most
 * appointments today. Returns that location ({ value, text }) and how many blocks it shows.
 */
export async function boardWithAppointments(browser) {
  const locations = await optionsOf(browser, '[data-testid="location-picker"]');
  assert.ok(locations.length > 0, "the location picker lists the practice's locations");
  let best = { location: null, blocks: 0 };
  for (const location of locations) {
    const blocks = await showLocation(browser, location);
    if (blocks > best.blocks) best = { location, blocks };
  }
  if (!best.location) throw new Error(`no location has appointments today: ${locations.map((l) => l.text).join(", ")}`);
  if (best.location !== locations.at(-1)) await showLocation(browser, best.location);
  return best;
}

/** Types into the global search and waits for it to settle: results or "no match". */
export async function search(browser, text) {
  const box = await browser.$('[data-testid="global-search"]');
  await box.waitForExist({ timeout: 20000 });
  // Escape closes the popup, a second Escape clears the box (the ARIA combobox pattern the
  // search implements); then the text is typed key by key, as a person types it.
  await box.click();
  await browser.keys(["Escape"]);
  await browser.keys(["Escape"]);
  await browser.waitUntil(async () => (await box.getValue()) === "", {
    timeout: 5000,
    timeoutMsg: "the search box did not clear on Escape",
  });
  await box.addValue(text);
  await browser.waitUntil(
    () =>
      browser.execute(
        (typed) => {
          const input = document.querySelector('[data-testid="global-search"]');
          if (!input || input.value !== typed) return false;
          return Boolean(
            document.querySelector('[data-testid="search-result"]') ||
              document.querySelector('[data-testid="search-no-match"]'),
          );
        },
        text,
      ),
    { timeout: 20000, timeoutMsg: `search for "${text}" never settled` },
  );
  // The list may still be the previous query's for a moment: wait until it stops changing.
  let previous = "";
  await browser.waitUntil(
    async () => {
      const now = JSON.stringify(await searchResults(browser));
      const stable = now === previous;
      previous = now;
      return stable;
    },
    { timeout: 10000, interval: 400 },
  );
  return searchResults(browser);
}

/** The open search popup's results as [{ id, name, facts, vendors }]. */
export function searchResults(browser) {
  return browser.execute(() =>
    [...document.querySelectorAll('[data-testid="search-result"]')].map((li) => ({
      id: li.dataset.patientId,
      name: li.querySelector(".patient-line__name")?.textContent.trim() ?? "",
      facts: li.querySelector(".patient-line__facts")?.textContent.trim() ?? "",
      vendors: [...li.querySelectorAll("[data-vendor]")].map((b) => b.dataset.vendor),
    })),
  );
}

/** A birth date as this window's desk writes it (formatBirthDate: the page's language, medium). */
export function birthDateOnScreen(browser, isoDay) {
  return browser.execute(
    (day) =>
      new Intl.DateTimeFormat(document.documentElement.lang || undefined, { dateStyle: "medium", timeZone: "UTC" }).format(
        new Date(`${day}T00:00:00Z`),
      ),
    isoDay,
  );
}

/** Waits for a patient card to be on screen and returns its id and heading. */
export async function openCard(browser, patientId) {
  const card = await browser.$(
    patientId ? `[data-testid="patient-card"][data-patient-id="${patientId}"]` : '[data-testid="patient-card"]',
  );
  await card.waitForExist({ timeout: 20000, timeoutMsg: `the card of ${patientId ?? "a patient"} never opened` });
  return {
    id: await card.getAttribute("data-patient-id"),
    title: (await (await browser.$("h1")).getText()).trim(),
  };
}

/** The demo's config as the app wrote it (DemoPractice::start: <data-dir>/demo/config.toml). */
export function demoConfigUrl(section, key = "base_url") {
  const text = readFileSync(join(demoDir(), "demo", "config.toml"), "utf8");
  const block = text.split(/^\[/m).find((b) => b.startsWith(`${section}]`));
  assert.ok(block, `config.toml has a [${section}] section`);
  const match = block.match(new RegExp(`^${key}\\s*=\\s*"([^"]+)"`, "m"));
  assert.ok(match, `[${section}] has ${key}`);
  return match[1];
}

/**
 * Saves a screenshot of the synced desk: into docs/screenshots for the README when
 * FRONTDESK_E2E_README_SHOTS=1 (a deliberate refresh), otherwise beside the run's other
 * artifacts, so an ordinary test run never rewrites files the repository tracks.
 */
export async function saveDocScreenshot(browser, name) {
  // No focus ring or open search popup in a README picture.
  await browser.execute(() => document.activeElement?.blur());
  await browser.pause(200);
  const path =
    process.env.FRONTDESK_E2E_README_SHOTS === "1"
      ? new URL(`../../../docs/screenshots/${name}`, import.meta.url).pathname
      : join(process.env.FRONTDESK_E2E_ARTIFACTS ?? "/tmp", name);
  await saveWindowScreenshot(browser, path);
  return path;
}

/** Waits for the first element matching `selector` to have text, read from the DOM itself. */
export async function domText(browser, selector, timeout = 30000) {
  let text = "";
  await browser.waitUntil(
    async () => {
      text = (await browser.execute((sel) => document.querySelector(sel)?.textContent?.trim() ?? "", selector)) ?? "";
      return text.length > 0;
    },
    { timeout, timeoutMsg: `${selector} never showed any text` },
  );
  return text;
}

/** Waits until one vendor's header chip reads `state`. */
export async function waitForVendor(browser, vendor, state, timeout = 60000) {
  let last = {};
  await browser.waitUntil(
    async () => {
      last = await chipStates(browser);
      return last[vendor] === state;
    },
    { timeout, interval: 500, timeoutMsg: `${vendor} never "${state}"` },
  ).catch((error) => {
    throw new Error(`${error.message} (last seen ${JSON.stringify(last)})`);
  });
}
