// Dr. Lee at 09:00 (A-DAY-AT-THE-DESK.md): on "My day" her telehealth visit has Join, and Join
// opens the provider's link through the system opener, never inside the app. tests/e2e/run.sh
// puts a fake xdg-open first on PATH that only appends its argument to $FRONTDESK_E2E_OPENED,
// so the link is captured, not launched. The sandbox gives every telehealth provider (a third
// of them, always the first, Dr. Grace Lee, all at the first location, Midtown: seed/practice.rs)
// video visits today at 09:15, 12:30 and 17:15 (seed/telehealth.rs), and a visit's provider link
// is <Zoom origin>/s/<meeting id>?pwd=<password> (vendors/zoom/healthcare.rs).
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import { closeApp, withEvidence } from "../lib/session.mjs";
import { choose, demoConfigUrl, goTo, openDemo, optionsOf, waitForDay, waitForVendor } from "../lib/demo.mjs";

const opened = () => {
  const file = process.env.FRONTDESK_E2E_OPENED;
  assert.ok(file, "FRONTDESK_E2E_OPENED is set by run.sh");
  return existsSync(file) ? readFileSync(file, "utf8").split("\n").filter(Boolean) : [];
};

let browser;

before(async () => {
  browser = await openDemo();
});

after(async () => {
  await closeApp(browser);
});

// Zoom visits reach "My day" through the desk's telehealth links: after each pass Dr. Lee's Zoom
// provider is linked to her desk provider and her visits' patients to desk people.
test("Join on Dr. Lee's telehealth visit opens her provider link in the system opener", () =>
  withEvidence(browser, "join opens the provider link", async () => {
    await waitForVendor(browser, "zoom", "ok");
    const zoomOrigin = new URL(demoConfigUrl("zoom")).origin;

    await goTo(browser, "My day");
    const midtown = (await optionsOf(browser, '[data-testid="location-picker"]')).find((o) => o.text.endsWith("Midtown"));
    assert.ok(midtown, "Midtown is a location");
    await choose(browser, '[data-testid="location-picker"]', midtown.value);
    const lee = (await optionsOf(browser, '[data-testid="provider-picker"]')).find((o) => o.text.includes("Grace Lee"));
    assert.ok(lee, "Dr. Grace Lee is a provider");
    await choose(browser, '[data-testid="provider-picker"]', lee.value);
    await waitForDay(browser, midtown.text, { filled: '[data-testid="my-day-row"]', empty: '[data-testid="my-day-empty"]' });

    const joins = await browser.$$('[data-testid="my-day-row"] [data-testid="join-button"]');
    assert.ok(joins.length >= 3, `her 09:15, 12:30 and 17:15 video visits have Join (found ${joins.length})`);
    // Each launch starts the sandbox on new ports, and the desk opens only links to this
    // launch's Zoom origin: until this launch's Zoom sync has refreshed the cached links, Join
    // is refused with a reason on screen. Press again until it goes through (or time runs out).
    const before = opened().length;
    await browser.waitUntil(
      async () => {
        await (await browser.$('[data-testid="my-day-row"] [data-testid="join-button"]')).click();
        await browser.pause(1500);
        return opened().length > before;
      },
      { timeout: 60000, interval: 1000, timeoutMsg: "nothing reached the system opener" },
    );
    const lines = opened().slice(before);
    assert.equal(lines.length, 1, `one link opened: ${lines.join(" | ")}`);
    const url = new URL(lines[0]);
    assert.equal(url.origin, zoomOrigin, "the link points at the sandbox's Zoom");
    assert.match(url.pathname, /^\/s\/\d+$/, "the provider (host) link, not the patient's /j/ link");
    assert.ok(url.searchParams.get("pwd"), "the link carries the meeting password");
  }));
