// Dana, practice admin, sets Dr. Grace Lee's hours from "Practice setup": her telehealth hours
// at Zoom are read, two overlapping rows are refused before anything is sent, and corrected
// ones are saved and read back; at Midtown her in-person availabilities at NexHealth are listed,
// a new one is added for one day next week, the same hours again are refused as overlapping
// (beside the time), and switching it off leaves it listed as switched off.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { closeApp, withEvidence } from "../lib/session.mjs";
import { choose, domText, goTo, openDemo, optionsOf, waitForVendor, waitForVendors } from "../lib/demo.mjs";

/** Replaces a React-controlled input's text the way a person does: select all, type over it. */
async function retype(browser, input, text) {
  await input.waitForDisplayed({ timeout: 10000 });
  await input.click();
  await browser.keys(["Control", "a"]);
  await browser.keys(["Backspace"]);
  if (text) await input.addValue(text);
  await browser.waitUntil(async () => (await input.getValue()) === text, {
    timeout: 5000,
    timeoutMsg: `an input did not take "${text}"`,
  });
}

/** Fills one Zoom hours row (day, from, to), the last `n`th counting from 1. */
async function fillRow(browser, index, day, from, to) {
  const rows = await browser.$$('[data-testid="zoom-row"]');
  const row = rows[index];
  await row.$("select").selectByAttribute("value", day);
  const inputs = await row.$$("input");
  await retype(browser, inputs[0], from);
  await retype(browser, inputs[1], to);
}

/** YYYY-MM-DD of the day `days` from today. */
function dayFromToday(days) {
  const d = new Date(Date.now() + days * 86400000);
  return d.toISOString().slice(0, 10);
}

let browser;

before(async () => {
  browser = await openDemo({ as: "dana" });
});

after(async () => {
  await closeApp(browser);
});

test("telehealth hours at Zoom: overlapping rows refused, good ones saved and read back", () =>
  withEvidence(browser, "zoom hours", async () => {
    // Zoom's clinicians are tied to the desk's after a whole pass (telehealth links): wait for it.
    await waitForVendors(browser, "ok");
    await goTo(browser, "Practice setup");
    const lee = (await optionsOf(browser, '[data-testid="setup-provider"]')).find((o) => o.text.includes("Grace Lee"));
    assert.ok(lee, "Dr. Grace Lee is a provider");
    await choose(browser, '[data-testid="setup-provider"]', lee.value);
    await (await browser.$('[data-testid="zoom-hours-form"]')).waitForExist({ timeout: 30000 });
    const before = (await browser.$$('[data-testid="zoom-row"]')).length;

    await (await browser.$('[data-testid="zoom-add-row"]')).click();
    await (await browser.$('[data-testid="zoom-add-row"]')).click();
    await fillRow(browser, before, "Sunday", "06:00", "07:00");
    await fillRow(browser, before + 1, "Sunday", "06:30", "07:30");
    await (await browser.$('[data-testid="zoom-save"]')).click();
    const overlap = await domText(browser, '[data-testid="zoom-hours-form"] [data-testid="field-error"]');
    assert.match(overlap, /Sunday 06:00–07:00 overlaps 06:30–07:30/);

    await fillRow(browser, before + 1, "Sunday", "07:00", "08:00");
    await (await browser.$('[data-testid="zoom-save"]')).click();
    assert.match(await domText(browser, '[data-testid="zoom-result"]'), /Telehealth hours saved/);
    // The editor starts again from Zoom's answer: both Sunday rows are there.
    await browser.waitUntil(async () => (await browser.$$('[data-testid="zoom-row"]')).length === before + 2, {
      timeout: 10000,
      timeoutMsg: "the saved hours were not read back",
    });
    const sundays = await browser.execute(() =>
      [...document.querySelectorAll('[data-testid="zoom-row"]')]
        .filter((row) => row.querySelector("select").value === "Sunday")
        .map((row) => [...row.querySelectorAll("input")].map((i) => i.value).join("-")),
    );
    assert.deepEqual(sundays.sort(), ["06:00-07:00", "07:00-08:00"]);
  }));

test("in-person hours at NexHealth: added, refused when they overlap, switched off", () =>
  withEvidence(browser, "nexhealth availability", async () => {
    await waitForVendor(browser, "nexhealth", "ok", 150000);
    const midtown = (await optionsOf(browser, '[data-testid="setup-location"]')).find((o) => o.text.endsWith("Midtown"));
    assert.ok(midtown, "Midtown is a location");
    await choose(browser, '[data-testid="setup-location"]', midtown.value);
    await (await browser.$('[data-testid="nex-form"]')).waitForExist({ timeout: 30000 });

    const form = '[data-testid="nex-form"]';
    await retype(browser, await browser.$(`${form} [name="specificDate"]`), dayFromToday(8));
    await retype(browser, await browser.$(`${form} [name="startTime"]`), "05:00");
    await retype(browser, await browser.$(`${form} [name="endTime"]`), "06:00");
    await (await browser.$('[data-testid="nex-create"]')).click();
    const added = await domText(browser, '[data-testid="nex-result"]');
    const id = /Availability (\S+) added/.exec(added)?.[1];
    assert.ok(id, `an availability was added: ${added}`);
    const row = `[data-testid="nex-availability"][data-availability-id="${id}"]`;
    await (await browser.$(row)).waitForExist({ timeout: 15000 });
    assert.equal(await (await browser.$(row)).getAttribute("data-active"), "true");

    // The same hours again overlap her own: refused beside the time, naming the clash.
    await (await browser.$('[data-testid="nex-create"]')).click();
    await browser.waitUntil(
      async () => (await browser.$(`${form} [name="startTime"]`).getAttribute("aria-invalid")) === "true",
      { timeout: 15000, timeoutMsg: "the overlapping hours were not refused" },
    );
    const refusal = await domText(browser, `${form} [data-testid="field-error"]`);
    assert.match(refusal, new RegExp(`overlaps .*availability ${id}`));

    await (await browser.$(`${row} [data-testid="nex-deactivate"]`)).click();
    assert.match(await domText(browser, '[data-testid="nex-result"]'), new RegExp(`Availability ${id} switched off`));
    await browser.waitUntil(async () => (await (await browser.$(row)).getAttribute("data-active")) === "false", {
      timeout: 15000,
      timeoutMsg: "the availability never showed as switched off",
    });
  }));
