// Rosa is asked for Mrs Okafor, last seen two years ago: the desk keeps only recent patients,
// so the global search has no match, and "Search the vendors" asks CXone, Nextech and NexHealth.
// She is found in the same list with her vendor badges and her card opens. The patient comes
// from the sandbox's admin API (a lapsed patient: in CXone and Nextech, dated two years back,
// so the desk's incremental sync never brings her into the cache).
//
// The desk's retention purge (after each sync pass) removes anyone without a visit in the
// window, but a person found through the vendors is held for the window's length: the last
// step checks she is still there after a sync pass has ended and purged.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { closeApp, withEvidence } from "../lib/session.mjs";
import { openCard, openDemo, search, searchResults, waitForVendors } from "../lib/demo.mjs";
import { sandboxAdmin } from "../lib/booking.mjs";

// A name no seeded person has, so the cache certainly has no match before the search.
const LAPSED = { first: "Adaeze", last: "Okafor-Zeller", dob: "1950-02-01", phone: "3125550199", mrn: "MRN-LAPSED-22" };
const QUERY = "okafor-zeller";

let browser;

before(async () => {
  browser = await openDemo();
});

after(async () => {
  await closeApp(browser);
});

/** Clicks the popup's "Search the vendors" and waits for the answer's sentence. */
async function askTheVendors() {
  const action = await browser.$('[data-testid="search-vendors"]');
  await action.waitForExist({ timeout: 10000, timeoutMsg: "no Search the vendors action in the no-match state" });
  assert.equal((await action.getText()).trim(), "Search the vendors");
  await action.click();
  const outcome = await browser.$('[data-testid="vendor-search-outcome"]');
  await outcome.waitForExist({ timeout: 30000, timeoutMsg: "the vendors' answer never came" });
  return (await outcome.getText()).trim();
}

test("a patient the cache does not hold is found through the vendors and her card opens", () =>
  withEvidence(browser, "search the vendors", async () => {
    // The first pass must be over before she is added: only a full listing would bring her.
    await waitForVendors(browser, "ok");
    const ids = await sandboxAdmin("/patients/lapsed", LAPSED);
    assert.ok(ids.cxoneId, `the sandbox added her: ${JSON.stringify(ids)}`);

    const before = await search(browser, QUERY);
    assert.deepEqual(before, [], "the cache has no match before the vendors are asked");

    const said = await askTheVendors();
    assert.match(said, /1 patient found in the vendors' records\./);

    await browser.waitUntil(async () => (await searchResults(browser)).length > 0, {
      timeout: 15000,
      timeoutMsg: "the vendors' patient never appeared in the list",
    });
    const results = await searchResults(browser);
    assert.equal(results.length, 1, `one person: ${JSON.stringify(results)}`);
    assert.equal(results[0].name, "Okafor-Zeller, Adaeze");
    assert.ok(results[0].vendors.includes("cxone"), `a CXone badge: ${results[0].vendors}`);
    assert.ok(results[0].vendors.includes("nextech"), `a Nextech badge: ${results[0].vendors}`);

    // One result: Enter opens it, as for any search.
    await (await browser.$('[data-testid="global-search"]')).click();
    await browser.keys(["Enter"]);
    const card = await openCard(browser, results[0].id);
    assert.equal(card.title, "Okafor-Zeller, Adaeze");
  }));

/** How many sync passes that ended well (each followed by the retention purge) the app's log holds. */
function passesEndedWell() {
  const log = join(process.env.FRONTDESK_E2E_ARTIFACTS ?? "", "app-and-driver.log");
  const text = readFileSync(log, "utf8").replace(/\x1b\[[0-9;]*m/g, "");
  return [...text.matchAll(/sync_pass_finished all_ok=true/g)].length;
}

test("once found, she outlives the purge after the next sync pass and the cache's own search finds her", () =>
  withEvidence(browser, "found again from the cache", async () => {
    // "Sync now": the pass ends with the retention purge, which removes everyone without a
    // visit in the window, except a person someone at the desk just looked up.
    const passes = passesEndedWell();
    await (await browser.$('[data-testid="sync-now"]')).click();
    await browser.waitUntil(async () => passesEndedWell() > passes, {
      timeout: 60000,
      interval: 500,
      timeoutMsg: "no sync pass ended well after Sync now",
    });
    const results = await search(browser, QUERY);
    assert.equal(results.length, 1, `found in the cache: ${JSON.stringify(results)}`);
    assert.equal(await (await browser.$('[data-testid="search-vendors"]')).isExisting(), false);
    await browser.keys(["Enter"]);
    const card = await openCard(browser, results[0].id);
    assert.equal(card.title, "Okafor-Zeller, Adaeze", "her card is in the cache, not only a remembered list");
  }));
