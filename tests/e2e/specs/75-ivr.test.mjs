// Dana, practice admin, sets up the phone menu at CXone from "Practice setup": the templates
// CXone offers are listed; a flow with a holiday that is not a date and closing time before the
// opening time is refused beside those inputs and nothing reaches CXone; corrected, the flow is
// created from the template with the department, hours, days, holidays, greeting and
// integrations, and CXone's status and deployment status are shown.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { closeApp, withEvidence } from "../lib/session.mjs";
import { choose, domText, goTo, openDemo, optionsOf, waitForVendor } from "../lib/demo.mjs";

const FORM = '[data-testid="ivr-form"]';
const field = (name) => `${FORM} [name="${name}"]`;

/** Replaces a React-controlled input's text the way a person does: select all, type over it. */
async function retype(browser, selector, text) {
  const input = await browser.$(selector);
  await input.waitForDisplayed({ timeout: 10000 });
  await input.click();
  await browser.keys(["Control", "a"]);
  await browser.keys(["Backspace"]);
  if (text) await input.addValue(text);
  await browser.waitUntil(async () => (await input.getValue()) === text, {
    timeout: 5000,
    timeoutMsg: `${selector} did not take "${text}"`,
  });
}

/** Ticks a checkbox of the form by its label's words. */
async function tick(browser, label) {
  await (await browser.$(`//form[@data-testid="ivr-form"]//label[normalize-space()="${label}"]`)).click();
}

/** The form's field errors as { inputName: text }, read through aria-describedby. */
function fieldErrors(browser) {
  return browser.execute((form) => {
    const out = {};
    for (const input of document.querySelectorAll(`${form} [aria-invalid="true"]`)) {
      const ids = (input.getAttribute("aria-describedby") ?? "").split(" ").filter(Boolean);
      out[input.getAttribute("name")] = ids.map((id) => document.getElementById(id)?.textContent ?? "").join(" ");
    }
    return out;
  }, FORM);
}

let browser;

before(async () => {
  browser = await openDemo({ as: "dana" });
});

after(async () => {
  await closeApp(browser);
});

test("the phone menu: templates listed, bad holiday and hours refused in place, the flow created with its status", () =>
  withEvidence(browser, "ivr flow form", async () => {
    await waitForVendor(browser, "cxone", "ok", 150000);
    await goTo(browser, "Practice setup");

    const templates = await domText(browser, '[data-testid="ivr-templates"]');
    assert.match(templates, /Healthcare Appointment Management/, "CXone's templates are listed");
    const options = await optionsOf(browser, field("templateId"));
    const template = options.find((o) => o.text === "Healthcare Appointment Management");
    assert.ok(template, "the template can be chosen");
    await choose(browser, field("templateId"), template.value);

    await retype(browser, field("name"), "Cardiology line");
    await retype(browser, field("departmentName"), "Cardiology");
    await retype(browser, field("workingHoursStart"), "17:00");
    await retype(browser, field("workingHoursEnd"), "08:00");
    await retype(browser, field("holidayDates"), "2026-12-25, 2026-02-30");
    await (await browser.$('[data-testid="ivr-create"]')).click();

    await browser.waitUntil(async () => Object.keys(await fieldErrors(browser)).length >= 2, {
      timeout: 5000,
      timeoutMsg: "the bad inputs were never marked",
    });
    const errors = await fieldErrors(browser);
    assert.match(errors.holidayDates, /2026-02-30/, "the impossible date is named beside Holiday dates");
    assert.match(errors.workingHoursEnd, /before the end/, "the backwards hours are named beside Closes at");
    assert.equal((await (await browser.$('[data-testid="ivr-result"]')).getText()).trim(), "", "nothing was created");

    await retype(browser, field("workingHoursStart"), "08:00");
    await retype(browser, field("workingHoursEnd"), "17:00");
    await retype(browser, field("holidayDates"), "2026-12-25, 2027-01-01");
    for (const day of ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]) await tick(browser, day);
    await retype(browser, field("greetingMessage"), "Thank you for calling cardiology.");
    await tick(browser, "Ask callers for their insurance");
    await tick(browser, "Offer callers a callback");
    await retype(browser, field("maxCallbackDays"), "3");
    await retype(browser, field("ehrSystemId"), "ehr-456");
    await retype(browser, field("schedulingSystemId"), "schedule-789");
    await tick(browser, "Callers must identify themselves");
    await (await browser.$('[data-testid="ivr-create"]')).click();

    const status = await domText(browser, '[data-testid="ivr-status"]');
    assert.equal(status, "created", "CXone's status");
    assert.equal(await domText(browser, '[data-testid="ivr-deployment"]'), "pending", "CXone's deployment status");
    assert.match(await domText(browser, '[data-testid="ivr-result"]'), /Flow ivr-flow-\S+ created\./);
    assert.deepEqual(await fieldErrors(browser), {}, "no field is marked once it is right");
  }));
