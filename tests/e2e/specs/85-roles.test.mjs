// Roles are enforced by the backend, not only by the navigation: each demo person calls, through
// the app's real IPC, a command of another role's family and gets a typed Forbidden; a user
// switch is one action and the navigation follows the new person's role.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { closeApp, switchUser, withEvidence } from "../lib/session.mjs";
import { openDemo } from "../lib/demo.mjs";

let browser;

before(async () => {
  browser = await openDemo({ as: "rosa" });
});

after(async () => {
  await closeApp(browser);
});

async function invoke(command, args = {}) {
  // The page's own IPC, as a compromised or careless page would call it. The answer crosses
  // WebDriver as JSON text: WebKit's driver cannot hand back the IPC's rejection object itself.
  const answer = await browser.execute(
    (name, payload) =>
      window.__TAURI_INTERNALS__.invoke(name, payload).then(
        () => JSON.stringify({ ok: true }),
        (error) => JSON.stringify({ error }),
      ),
    command,
    args,
  );
  return JSON.parse(answer);
}

function navLabels() {
  return browser.execute(() => [...document.querySelectorAll("nav a")].map((a) => a.textContent.trim()));
}

test("the receptionist keeps the desk and is refused staff and the clinician's day", () =>
  withEvidence(browser, "receptionist is refused other families", async () => {
    const labels = await navLabels();
    assert.ok(labels.includes("Today") && !labels.includes("My day"), `nav: ${labels}`);
    assert.deepEqual(await invoke("list_staff"), { error: { kind: "forbidden", action: "list_staff" } });
    assert.deepEqual(await invoke("provider_day", { providerId: "x", day: "2026-01-01", timeZone: "UTC" }), {
      error: { kind: "forbidden", action: "provider_day" },
    });
    assert.deepEqual(await invoke("search_patients", { query: "nguyen", limit: 1 }), { ok: true });
  }));

test("switching to the clinician shows her day and refuses the board", () =>
  withEvidence(browser, "clinician after a user switch", async () => {
    await switchUser(browser, "lee");
    const labels = await navLabels();
    assert.ok(labels.includes("My day") && !labels.includes("Today"), `nav: ${labels}`);
    assert.deepEqual(await invoke("day_board", { locationId: "x", day: "2026-01-01" }), {
      error: { kind: "forbidden", action: "day_board" },
    });
    assert.deepEqual(await invoke("list_staff"), { error: { kind: "forbidden", action: "list_staff" } });
  }));

test("the admin may manage staff", () =>
  withEvidence(browser, "admin manages staff", async () => {
    await switchUser(browser, "dana");
    assert.deepEqual(await invoke("list_staff"), { ok: true });
    assert.deepEqual(await invoke("join_visit", { appointmentId: "x" }), {
      error: { kind: "forbidden", action: "join_visit" },
    });
  }));
