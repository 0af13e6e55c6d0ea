// Every AppError kind (and its variants) must render a sentence that says what happened and
// what to do; the table is keyed by kind so a new backend kind without a row fails tsc.
import { screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import type { AppError } from "../api/backend";
import { renderWithProviders } from "../test/render";
import { ErrorBanner } from "./ErrorBanner";

// Local 13:08 on any machine, so the expected time does not depend on the test's time zone.
const asOf = new Date(2026, 10, 21, 13, 8).toISOString();

type Case = [AppError, string];
const cases: Record<AppError["kind"], Case[]> = {
  offline: [
    [
      { kind: "offline", vendor: "nexhealth", asOf },
      "NexHealth cannot be reached. The schedule shown is from 13:08; booking is paused until it is back.",
    ],
    [
      { kind: "offline", vendor: "zoom", asOf: null },
      "Zoom cannot be reached. Nothing is cached from it yet; booking is paused until it is back.",
    ],
    [
      { kind: "offline", vendor: null, asOf },
      "The practice's systems cannot be reached. The schedule shown is from 13:08; booking is paused until the connection is back.",
    ],
    [
      { kind: "offline", vendor: null, asOf: null },
      "The practice's systems cannot be reached. Nothing is cached yet; booking is paused until the connection is back.",
    ],
  ],
  unauthorized: [
    [
      { kind: "unauthorized", vendor: "zoom" },
      "Zoom refused the practice's credentials. An admin must reconnect it in Settings.",
    ],
    [
      { kind: "unauthorized", vendor: null },
      "A vendor refused the practice's credentials. An admin must reconnect it in Settings.",
    ],
  ],
  forbidden: [
    [
      { kind: "forbidden", action: "export the audit log" },
      "Your role does not allow this: export the audit log. Ask the practice admin if you need it.",
    ],
  ],
  locked: [[{ kind: "locked" }, "The desk is locked. Sign in again to continue."]],
  notFound: [
    [
      { kind: "notFound", what: "Appointment 4411" },
      "Appointment 4411 could not be found. It may have been changed or removed; search again.",
    ],
  ],
  invalid: [
    [
      { kind: "invalid", field: "dateOfBirth", message: "not a date." },
      "“dateOfBirth” is not valid: not a date. Correct it and try again.",
    ],
  ],
  conflict: [
    [
      { kind: "conflict", message: "the 14:00 slot was just booked" },
      "Someone else got there first: the 14:00 slot was just booked. Refresh and choose again.",
    ],
  ],
  rateLimited: [
    [
      { kind: "rateLimited", vendor: "cxone", retryAfterSecs: 30 },
      "CXone asked us to slow down; retrying in 30 s.",
    ],
    [
      { kind: "rateLimited", vendor: "wellhive", retryAfterSecs: null },
      "WellHive asked us to slow down; retrying shortly.",
    ],
  ],
  unavailable: [
    [
      { kind: "unavailable", vendor: "wellhive", message: "HTTP 503", traceId: "trace-1" },
      "WellHive answered with an error: HTTP 503. Try again in a few minutes. If it keeps happening, give support this trace id: trace-1.",
    ],
    [
      { kind: "unavailable", vendor: "nextech", message: "HTTP 502", traceId: null },
      "Nextech answered with an error: HTTP 502. Try again in a few minutes. If it keeps happening, tell support.",
    ],
  ],
  notConfigured: [
    [
      { kind: "notConfigured", what: "NexHealth" },
      "NexHealth is not set up yet. A practice admin can set it up in Settings.",
    ],
  ],
  storage: [
    [
      {
        kind: "storage",
        message: "the cache file is damaged",
        wayOut: "Move it aside and Frontdesk will re-sync a fresh one.",
      },
      "The local cache cannot be used: the cache file is damaged. Move it aside and Frontdesk will re-sync a fresh one.",
    ],
  ],
  internal: [
    [
      { kind: "internal", message: "unexpected state" },
      "Something went wrong inside Frontdesk: unexpected state. Try again; if it keeps happening, report it to support.",
    ],
  ],
};

describe("ErrorBanner", () => {
  it.each(Object.values(cases).flat())("says what happened and what to do for %o", (error, sentence) => {
    renderWithProviders(<ErrorBanner error={error} />);
    const alert = screen.getByRole("alert");
    // The paragraph, not the whole alert: the alert also holds the decorative icon.
    expect(alert.querySelector("p")?.textContent).toBe(sentence);
  });

  it("offers no Try again when the caller cannot retry", () => {
    renderWithProviders(<ErrorBanner error={{ kind: "locked" }} />);
    expect(screen.queryByRole("button")).not.toBeInTheDocument();
  });

  it("calls onRetry from its Try again button", async () => {
    const onRetry = vi.fn();
    renderWithProviders(<ErrorBanner error={{ kind: "locked" }} onRetry={onRetry} />);
    await userEvent.click(screen.getByRole("button", { name: "Try again" }));
    expect(onRetry).toHaveBeenCalledOnce();
  });

  it("speaks Spanish when the desk does", () => {
    renderWithProviders(<ErrorBanner error={{ kind: "rateLimited", vendor: "cxone", retryAfterSecs: 30 }} />, {
      locale: "es",
    });
    expect(screen.getByRole("alert")).toHaveTextContent("CXone nos pidió ir más despacio; se reintentará en 30 s.");
  });
});
