// Dana, practice admin, looks for webhooks in Settings. The demo practice runs no webhook
// receiver (its config has no [webhooks] section), so the section says plainly that the desk
// polls each vendor, and offers no registration that could not work.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { closeApp, withEvidence } from "../lib/session.mjs";
import { domText, goTo, openDemo } from "../lib/demo.mjs";

describe("webhooks in the demo practice", () => {
  let browser;

  before(async () => {
    browser = await openDemo({ as: "dana" });
  });

  after(async () => {
    await closeApp(browser);
  });

  test("say that no receiver is configured and the desk polls instead", () =>
    withEvidence(browser, "no webhook receiver in the demo", async () => {
      await goTo(browser, "Settings");
      const none = await browser.$('[data-testid="webhooks-none"]');
      await none.waitForDisplayed({ timeout: 30000 });
      assert.match(
        await domText(browser, '[data-testid="webhooks-none"]'),
        /No webhook receiver is configured: the desk polls each vendor instead/,
      );
      assert.equal(await (await browser.$('section[data-vendor="cxone"]')).isExisting(), false);
      assert.equal(await (await browser.$("button=Register this desk")).isExisting(), false);
    }));
});
