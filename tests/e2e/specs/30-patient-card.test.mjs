// Rosa at 08:05, after Enter (A-DAY-AT-THE-DESK.md): Mr. Nguyen's card shows who he is, every
// vendor record tied to him, and "Thursday's 10:30 with Dr. Lee". The facts come from the
// sandbox seed: seed/people.rs (story_people: Minh Nguyen, born 1964-05-03, MRN A0100000 as the
// first person, in CXone, Nextech and NexHealth) and seed/schedule.rs (place_story_appointment:
// the first Thursday after today, 10:30, with the first provider, Dr. Grace Lee, at Midtown).
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { closeApp, withEvidence } from "../lib/session.mjs";
import { birthDateOnScreen, openCard, openDemo, search } from "../lib/demo.mjs";

const SECTIONS = ["identity", "contact", "appointments", "contacts", "encounters", "referrals", "callbacks"];

let browser;

/** Opens Mr. Nguyen's card the way Rosa does: his phone number, then Enter. */
async function openMinh() {
  const results = await search(browser, "6465550143");
  assert.equal(results.length, 1, "his phone number finds one person");
  await browser.keys(["Enter"]);
  return openCard(browser, results[0].id);
}

/** The first Thursday after `day` (YYYY-MM-DD), as YYYY-MM-DD. */
function nextThursday(day) {
  const date = new Date(`${day}T12:00:00Z`);
  do date.setUTCDate(date.getUTCDate() + 1);
  while (date.getUTCDay() !== 4);
  return date.toISOString().slice(0, 10);
}

before(async () => {
  browser = await openDemo();
});

after(async () => {
  await closeApp(browser);
});

test("the card shows his identity and every section, each saying where it comes from", () =>
  withEvidence(browser, "the card shows identity and sections", async () => {
    const card = await openMinh();
    assert.match(card.title, /^Nguyen, Minh( Van)?$/);
    for (const name of SECTIONS) {
      const section = await browser.$(`[data-testid="card-section-${name}"]`);
      assert.ok(await section.isExisting(), `the card has its ${name} section`);
    }
    assert.equal(await (await browser.$('[data-testid="patient-dob"]')).getText(), await birthDateOnScreen(browser, "1964-05-03"));
    // MRNs are "A" + 7 digits of 100000 + 7 x index; he is the first person (seed/people.rs).
    assert.equal(await (await browser.$('[data-testid="patient-mrn"]')).getText(), "A0100000");
    const links = await browser.execute(() =>
      [...document.querySelectorAll('[data-testid="vendor-link"]')].map((l) => ({
        vendor: l.dataset.vendor,
        confidence: l.dataset.confidence,
        text: l.textContent.trim(),
      })),
    );
    assert.ok(links.length >= 2, `he has vendor records: ${JSON.stringify(links)}`);
    for (const link of links) {
      assert.ok(["cxone", "zoom", "nextech", "nexhealth", "wellhive"].includes(link.vendor), `a known vendor: ${link.vendor}`);
      assert.ok(["exact", "matched", "suggested", "confirmed"].includes(link.confidence), `a known confidence: ${link.confidence}`);
    }
    // His CXone id is "pt-" + (10000 + index) and his NexHealth id starts at 1001 (seed/people.rs).
    assert.ok(links.some((l) => l.vendor === "cxone" && l.text.includes("pt-10000")), "his CXone record pt-10000");
    assert.ok(links.some((l) => l.vendor === "nexhealth" && l.text.includes("1001")), "his NexHealth record 1001");
  }));

test("Thursday's 10:30 with Dr. Lee is on his card", () =>
  withEvidence(browser, "the story appointment is on the card", async () => {
    await openMinh();
    // The sandbox's today is New York's date (seed::default_today).
    const today = new Intl.DateTimeFormat("en-CA", { timeZone: "America/New_York" }).format(new Date());
    const thursday = await birthDateOnScreen(browser, nextThursday(today));
    const rows = await browser.execute(() =>
      [...document.querySelectorAll('[data-testid="card-appointment"]')].map((r) => r.textContent),
    );
    const story = rows.find((r) => r.includes(thursday) && r.includes("10:30"));
    assert.ok(story, `a ${thursday} 10:30 appointment among ${JSON.stringify(rows)}`);
    assert.match(story, /Grace Lee/, "with Dr. Lee");
    assert.match(story, /Midtown/, "at Midtown, her location");
  }));

// Story people are in CXone, Nextech and NexHealth (seed/people.rs, roll 0.0), and Minh is the
// patient of Dr. Lee's 09:15 Zoom visit today (seed/telehealth.rs): up to four vendors.
test("his card links records from at least three vendors", () =>
  withEvidence(browser, "the card links three vendors", async () => {
    await openMinh();
    const vendors = await browser.execute(() => [
      ...new Set([...document.querySelectorAll('[data-testid="vendor-link"]')].map((l) => l.dataset.vendor)),
    ]);
    assert.ok(vendors.length >= 3, `vendor links from three vendors or more: ${vendors.join(", ")}`);
    for (const vendor of ["cxone", "nexhealth", "nextech"]) assert.ok(vendors.includes(vendor), `a ${vendor} link`);
  }));
