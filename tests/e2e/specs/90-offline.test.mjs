// The internet goes down at 13:10 (A-DAY-AT-THE-DESK.md): with every vendor unreachable
// (--demo=offline stops the sandbox) on the cache the earlier demo specs synced, the app still
// starts, the board still shows the day from the cache, cards still open, and the offline banner
// says the schedule is as of the last sync. Runs last (90-) so it reuses that synced cache.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { statSync } from "node:fs";
import { closeApp, withEvidence } from "../lib/session.mjs";
import {
  boardWithAppointments,
  chipStates,
  demoDir,
  domText,
  goTo,
  openCard,
  openDemo,
  search,
  waitForVendors,
} from "../lib/demo.mjs";

let browser;

/** Every HH:MM (24 h, this machine's zone, as the desk writes times) from `from` to `to`. */
function clockTimes(from, to) {
  const format = new Intl.DateTimeFormat("en-GB", { hour: "2-digit", minute: "2-digit", hourCycle: "h23" });
  const out = new Set();
  for (let t = from - 60000; t <= to + 60000; t += 30000) out.add(format.format(new Date(t)));
  return out;
}

before(async () => {
  browser = await openDemo({ offline: true });
});

after(async () => {
  await closeApp(browser);
});

test("with the vendors unreachable, the banner says the schedule is as of this run's sync", () =>
  withEvidence(browser, "offline banner with as-of time", async () => {
    // The four vendors the desk syncs lists from are refused and say so (Nextech: see below).
    await browser.waitUntil(
      async () => {
        const states = await chipStates(browser);
        return ["cxone", "zoom", "nexhealth", "wellhive"].every((v) => states[v] === "offline");
      },
      { timeout: 60000, timeoutMsg: "the vendors never showed offline" },
    );
    const banner = await domText(browser, '[data-testid="offline-banner"]');
    assert.match(banner, /cannot be reached/);
    const shown = [...banner.matchAll(/\b(\d{2}:\d{2})\b/g)].map((m) => m[1]);
    assert.ok(shown.length > 0, `the banner gives the cache's time: ${banner}`);
    // The cache was synced during this run: after the demo cache was created, before now.
    // Birth time is 0 on filesystems that do not record it, which would make every clock time
    // "within this run": refuse that rather than pass vacuously.
    const born = statSync(demoDir()).birthtimeMs;
    assert.ok(born > 0 && Date.now() - born < 6 * 3600 * 1000, "the demo cache's creation time is known");
    const times = clockTimes(born, Date.now());
    for (const time of shown) {
      assert.ok(times.has(time), `as of ${time} is within this run (${[...times][0]}–${[...times].at(-1)})`);
    }
  }));

// "The header turns amber: Offline — showing the schedule as of 13:08": with everything down,
// all five chips read offline and one banner speaks for all (OfflineBanner's "all" case).
test("all five vendors show offline and one banner speaks for them", () =>
  withEvidence(browser, "offline shows all five vendors offline", async () => {
    await waitForVendors(browser, "offline", 15000);
    const banners = await browser.$$('[data-testid="offline-banner"] > *');
    assert.equal(banners.length, 1, "one banner for the whole outage");
    assert.match(await banners[0].getText(), /The practice's systems cannot be reached/);
  }));

test("the board still shows today's cached appointments", () =>
  withEvidence(browser, "offline board shows the cached day", async () => {
    await goTo(browser, "Today");
    const { blocks } = await boardWithAppointments(browser);
    assert.ok(blocks > 0);
    const shown = await browser.execute(() =>
      [...document.querySelectorAll('[data-testid="appointment-block"]')].map((b) => ({
        status: b.dataset.status,
        badge: b.querySelector(".status-badge")?.textContent.trim() ?? "",
        patient: b.querySelector(".appt-block__patient:not(.appt-block__patient--unlinked)")?.textContent.trim() ?? "",
      })),
    );
    for (const b of shown) {
      assert.ok(b.status && b.badge, "each block keeps its status");
    }
    assert.ok(shown.some((b) => /\S+, \S+/.test(b.patient)), "patients are named from the cache");
    assert.ok(await (await browser.$('[data-testid="offline-banner"]')).isExisting(), "the banner stays above the board");
  }));

test("a card still opens from the cache", () =>
  withEvidence(browser, "offline card opens", async () => {
    // Mr. Nguyen's phone (seed/people.rs story_people).
    const results = await search(browser, "6465550143");
    assert.equal(results.length, 1);
    await browser.keys(["Enter"]);
    const card = await openCard(browser, results[0].id);
    assert.match(card.title, /^Nguyen, Minh/);
  }));
