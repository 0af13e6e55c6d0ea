// Dr. Lee at 09:00 (A-DAY-AT-THE-DESK.md) reads the last encounter's summary "from Nextech's CCD,
// shown safely". The sandbox makes every encounter whose id is a multiple of 5 hostile
// (seed/ccd.rs: <script>, onerror/onload/onmouseover handlers, javascript: links, an iframe, a
// style that hides the page), with payloads that would call alert() or navigate the window.
// This spec finds such an encounter on a real card and checks both walls: the HTML the frame
// gets has nothing executable left, the frame is sandboxed, and nothing the payloads would do
// (a dialog, a navigation) happened.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { closeApp, withEvidence } from "../lib/session.mjs";
import { goTo, openCard, openDemo, search, waitForVendors } from "../lib/demo.mjs";

// seed/ccd.rs HOSTILE: the payload every hostile encounter ends with is HOSTILE[id % 8]. Some
// carry visible text a sanitiser keeps (as plain text) while it drops the executable part.
const HOSTILE_TEXT = { 2: "Open patient portal", 3: "Hover for details", 6: "Lab report" };
// seed/ccd.rs SECTIONS: the clinical headings every whole CCD has.
const CLINICAL = ["Reason for Visit", "Problems", "Medications", "Plan of Care"];

let browser;

before(async () => {
  browser = await openDemo();
});

after(async () => {
  await closeApp(browser);
});

/** The card's CCD frames: their encounter id (from the CCD's own heading), srcdoc and sandbox. */
function ccdFrames() {
  return browser.execute(() =>
    [...document.querySelectorAll('iframe[data-testid="ccd-frame"]')].map((f) => {
      const srcdoc = f.getAttribute("srcdoc") ?? "";
      const id = /Encounter (\d+)/.exec(srcdoc)?.[1];
      return { id: id ? Number(id) : null, srcdoc, sandbox: f.getAttribute("sandbox") };
    }),
  );
}

/** Waits briefly for a card's encounters (fetched from Nextech when the card opens). */
async function framesOnCard() {
  let frames = [];
  await browser
    .waitUntil(async () => (frames = await ccdFrames()).length > 0, { timeout: 4000, interval: 250 })
    .catch(() => {});
  return frames;
}

/**
 * Patients to look through: the story's two Nguyens (Minh is Nextech's first patient, whose
 * first encounter would be 900000, a multiple of 5: seed/records.rs), then today's patients.
 */
async function findHostileEncounter() {
  // The cards come from the cache: the session's first pass (and the retention purge after it)
  // must be over, or a search can land between a purge and the look-ups that follow it.
  await waitForVendors(browser, "ok");
  const seen = [];
  for (const phone of ["6465550143", "6465550177"]) {
    // Every person the phone finds: the card with the Nextech chart is the one to read.
    const results = await search(browser, phone);
    for (const result of results) {
      await browser.execute((id) => {
        window.location.hash = `#/patients/${id}`;
      }, result.id);
      await openCard(browser, result.id);
      const frames = await framesOnCard();
      seen.push(...frames.map((f) => f.id));
      const hostile = frames.find((f) => f.id !== null && f.id % 5 === 0);
      if (hostile) return { patient: result.id, hostile, frames };
    }
  }
  await goTo(browser, "Today");
  const blocks = await browser.$$('[data-testid="appointment-block"]:not([aria-disabled="true"])');
  const ids = [];
  for (const b of blocks.slice(0, 10)) ids.push(await b.getAttribute("data-appointment-id"));
  for (const id of ids) {
    await goTo(browser, "Today");
    const block = await browser.$(`[data-testid="appointment-block"][data-appointment-id="${id}"]`);
    if (!(await block.isExisting())) continue;
    await block.click();
    const card = await openCard(browser);
    const frames = await framesOnCard();
    seen.push(...frames.map((f) => f.id));
    const hostile = frames.find((f) => f.id !== null && f.id % 5 === 0);
    if (hostile) return { patient: card.id, hostile, frames };
  }
  throw new Error(`no card looked at shows a hostile Nextech encounter; encounters seen: ${JSON.stringify(seen)}`);
}

async function noDialogOpen() {
  try {
    const text = await browser.getAlertText();
    return `a dialog is open: ${text}`;
  } catch {
    return null;
  }
}

// Opening a card links its Nextech chart and fetches the encounters, hostile CCDs among them.
test("a hostile CCD renders with nothing executable and nothing run", () =>
  withEvidence(browser, "a hostile CCD renders with nothing run", async () => {
    const { patient, hostile, frames } = await findHostileEncounter();
    for (const frame of frames) {
      assert.equal(frame.sandbox, "", `encounter ${frame.id}'s frame is sandboxed with no permissions`);
    }
    assert.ok(hostile.srcdoc.includes("<body>"), "the frame holds a whole CCD document");
    const body = hostile.srcdoc.slice(hostile.srcdoc.indexOf("<body>"));
    assert.doesNotMatch(body, /<script/i, "no <script>");
    assert.doesNotMatch(body, /\son[a-z]+\s*=/i, "no on* event handlers");
    assert.doesNotMatch(body, /javascript:/i, "no javascript: URLs");
    assert.doesNotMatch(body, /<iframe/i, "no nested frames");
    assert.doesNotMatch(body, /<style/i, "no styles from the CCD");
    assert.doesNotMatch(body, /evil\.example/i, "no address from the payloads");
    for (const heading of CLINICAL) assert.ok(body.includes(heading), `the clinical content survived: ${heading}`);
    const remnant = HOSTILE_TEXT[hostile.id % 8];
    if (remnant) assert.ok(body.includes(remnant), `the payload's text "${remnant}" is kept as text`);

    // The payloads would open alert() dialogs on load or navigate on hover: neither happened.
    const frame = await browser.$(`iframe[data-testid="ccd-frame"][srcdoc*="Encounter ${hostile.id}"]`);
    await frame.scrollIntoView();
    await frame.moveTo();
    await browser.pause(500);
    assert.equal(await noDialogOpen(), null, "no dialog opened");
    const where = await browser.execute(() => ({ hash: location.hash, title: document.title }));
    assert.ok(where.hash.includes(patient), `the window is still on the card: ${where.hash}`);
    assert.equal(where.title, "Frontdesk", "the window's title is the desk's");
  }));
