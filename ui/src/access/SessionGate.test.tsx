// The gate: first run, sign-in (with the demo's accounts), refusals in words, and locking that
// unmounts the desk and forgets every cached result, whatever triggered it.
import { act, screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { QueryClientProvider, useQuery } from "@tanstack/react-query";
import { render } from "@testing-library/react";
import * as backend from "../api/backend";
import type { SessionStatus } from "../api/backend";
import { BackendError } from "../api/errors";
import { createQueryClient } from "../api/queryClient";
import { I18nProvider } from "../i18n/I18nProvider";
import { SessionGate } from "./SessionGate";
import { CHICAGO } from "../test/fixtures";
import { LOCATION_STORAGE_KEY } from "../schedule/useBoardPlace";
import { todayIn } from "../time/zoned";

vi.mock("../api/backend", () => import("../test/mockBackend"));

const api = vi.mocked(backend);
let pushLocked: (() => void) | undefined;

const rosa = { staffId: "s1", username: "rosa", displayName: "Rosa", role: "receptionist" as const, providerId: null };
const status = (phase: SessionStatus["phase"], extra: Partial<SessionStatus> = {}): SessionStatus => ({
  phase,
  user: phase === "active" || phase === "locked" ? rosa : null,
  allowed: phase === "active" ? ["day_board", "search_patients"] : [],
  idleLockSecs: 900,
  demoAccounts: [],
  ...extra,
});

function Desk() {
  const card = useQuery({ queryKey: ["patientCard", "p1"], queryFn: () => Promise.resolve("Minh Nguyen") });
  return <p data-testid="desk">{card.data ?? "…"}</p>;
}

function renderGate() {
  const client = createQueryClient();
  render(
    <QueryClientProvider client={client}>
      <I18nProvider locale="en">
        <SessionGate>
          <Desk />
        </SessionGate>
      </I18nProvider>
    </QueryClientProvider>,
  );
  return client;
}

beforeEach(() => {
  vi.resetAllMocks();
  pushLocked = undefined;
  api.onSessionLocked.mockImplementation((cb) => {
    pushLocked = cb;
    return Promise.resolve(() => undefined);
  });
  api.lockSession.mockResolvedValue();
  api.touchSession.mockResolvedValue();
  window.location.hash = "#/today";
});

describe("SessionGate", () => {
  it("asks for the first admin on a desk with no staff", async () => {
    api.getSessionStatus.mockResolvedValue(status("setup"));
    api.createFirstAdmin.mockResolvedValue(status("active", { user: { ...rosa, role: "admin" } }));
    renderGate();
    await screen.findByTestId("first-run-screen");
    await userEvent.type(screen.getByTestId("first-run-name"), "Dana");
    await userEvent.type(screen.getByTestId("first-run-username"), "dana");
    await userEvent.type(screen.getByTestId("first-run-credential"), "975312");
    await userEvent.type(screen.getByTestId("first-run-confirm"), "975313");
    await userEvent.click(screen.getByTestId("first-run-submit"));
    expect(screen.getByRole("alert")).toHaveTextContent("The two entries differ");
    expect(api.createFirstAdmin).not.toHaveBeenCalled();
    await userEvent.clear(screen.getByTestId("first-run-confirm"));
    await userEvent.type(screen.getByTestId("first-run-confirm"), "975312");
    await userEvent.click(screen.getByTestId("first-run-submit"));
    expect(api.createFirstAdmin).toHaveBeenCalledWith({ username: "dana", displayName: "Dana", role: "admin", credential: "975312" });
    expect(await screen.findByTestId("desk")).toBeInTheDocument();
  });

  it("signs in with a demo account and shows refusals in words", async () => {
    api.getSessionStatus.mockResolvedValue(
      status("signedOut", { demoAccounts: [{ username: "rosa", displayName: "Rosa", role: "receptionist", pin: "246810" }] }),
    );
    api.signIn.mockResolvedValueOnce({ outcome: "refused", retryAfterSecs: 30 });
    api.signIn.mockResolvedValueOnce({ outcome: "signedIn", status: status("active") });
    renderGate();
    await userEvent.type(await screen.findByTestId("sign-in-username"), "rosa");
    await userEvent.type(screen.getByTestId("sign-in-credential"), "000000");
    await userEvent.click(screen.getByTestId("sign-in-submit"));
    expect(await screen.findByTestId("sign-in-error")).toHaveTextContent("Wait 30 seconds");
    expect(screen.queryByTestId("desk")).toBeNull();

    await userEvent.click(screen.getByTestId("demo-account"));
    await userEvent.click(screen.getByTestId("sign-in-submit"));
    expect(api.signIn).toHaveBeenLastCalledWith("rosa", "246810");
    expect(await screen.findByText("Minh Nguyen")).toBeInTheDocument();
  });

  it("reads the board's locations and the remembered location's today as a session opens on it", async () => {
    const other = { ...CHICAGO, id: "nexhealth:loc-2", name: "Northside", timeZone: "Pacific/Auckland" };
    window.localStorage.setItem(LOCATION_STORAGE_KEY, other.id);
    api.getSessionStatus.mockResolvedValue(status("signedOut"));
    api.signIn.mockResolvedValue({ outcome: "signedIn", status: status("active") });
    api.getLocations.mockResolvedValue([CHICAGO, other]);
    api.getDayBoard.mockResolvedValue({ location: other, day: todayIn(other.timeZone), providers: [], appointments: [], patients: [] });
    const client = renderGate();
    await userEvent.type(await screen.findByTestId("sign-in-username"), "rosa");
    await userEvent.type(screen.getByTestId("sign-in-credential"), "246810");
    await userEvent.click(screen.getByTestId("sign-in-submit"));
    await waitFor(() => {
      expect(api.getDayBoard).toHaveBeenCalledWith(other.id, todayIn(other.timeZone));
    });
    expect(client.getQueryData(["dayBoard", other.id, todayIn(other.timeZone)])).toBeDefined();
    window.localStorage.removeItem(LOCATION_STORAGE_KEY);
  });

  it("reads nothing ahead for a session that may not read the board, or opens elsewhere", async () => {
    api.getSessionStatus.mockResolvedValue(status("signedOut"));
    api.signIn.mockResolvedValueOnce({ outcome: "signedIn", status: status("active", { allowed: ["search_patients"] }) });
    renderGate();
    await userEvent.type(await screen.findByTestId("sign-in-username"), "lee");
    await userEvent.type(screen.getByTestId("sign-in-credential"), "135791");
    await userEvent.click(screen.getByTestId("sign-in-submit"));
    expect(await screen.findByText("Minh Nguyen")).toBeInTheDocument();
    expect(api.getLocations).not.toHaveBeenCalled();
    expect(api.getDayBoard).not.toHaveBeenCalled();
  });

  it("Ctrl+L unmounts the desk, forgets its data and unlocks for the same person", async () => {
    api.getSessionStatus.mockResolvedValue(status("active"));
    api.signIn.mockResolvedValue({ outcome: "signedIn", status: status("active") });
    const client = renderGate();
    expect(await screen.findByText("Minh Nguyen")).toBeInTheDocument();

    await userEvent.keyboard("{Control>}l{/Control}");
    expect(await screen.findByTestId("lock-screen")).toBeInTheDocument();
    expect(api.lockSession).toHaveBeenCalledOnce();
    expect(screen.queryByTestId("desk")).toBeNull();
    expect(document.body.textContent).not.toContain("Minh Nguyen");
    await waitFor(() => {
      expect(client.getQueryData(["patientCard", "p1"])).toBeUndefined();
    });
    expect(screen.getByTestId("locked-user")).toHaveTextContent("Rosa");
    expect(window.location.hash).toBe("#/today");

    await userEvent.type(screen.getByTestId("sign-in-credential"), "246810");
    await userEvent.click(screen.getByTestId("sign-in-submit"));
    expect(api.signIn).toHaveBeenCalledWith("rosa", "246810");
    expect(await screen.findByTestId("desk")).toBeInTheDocument();
  });

  it("locks when the backend says so: its event, or any command answering locked", async () => {
    api.getSessionStatus.mockResolvedValue(status("active"));
    const client = renderGate();
    await screen.findByTestId("desk");
    act(() => {
      pushLocked?.();
    });
    expect(await screen.findByTestId("lock-screen")).toBeInTheDocument();

    client.setQueryData(["session"], status("active"));
    await screen.findByTestId("desk");
    await act(async () => {
      await client
        .query({ queryKey: ["dayBoard"], queryFn: () => Promise.reject(new BackendError({ kind: "locked" })) })
        .catch(() => undefined);
    });
    expect(await screen.findByTestId("lock-screen")).toBeInTheDocument();
  });

  it("locks by itself after the idle limit", async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    try {
      api.getSessionStatus.mockResolvedValue(status("active", { idleLockSecs: 5 }));
      renderGate();
      await screen.findByTestId("desk");
      act(() => {
        vi.advanceTimersByTime(6000);
      });
      expect(await screen.findByTestId("lock-screen")).toBeInTheDocument();
      expect(api.lockSession).toHaveBeenCalledOnce();
    } finally {
      vi.useRealTimers();
    }
  });
});
