// The audit view: the filter reaches the backend as typed, the chain's verdict is said in words,
// and an export names the file it wrote (or says nothing when the dialog was cancelled).
import { screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import * as backend from "../api/backend";
import type { AuditPage } from "../api/backend";
import { renderWithProviders } from "../test/render";
import { AuditScreen } from "./AuditScreen";

vi.mock("../api/backend", () => import("../test/mockBackend"));

const api = vi.mocked(backend);

const page: AuditPage = {
  matched: 2,
  rows: [
    { seq: 7, at: "2026-11-21T17:30:00.000Z", actor: "staff:rosa", action: "patient.card", patientId: "p-1", outcome: "ok", detail: "{}" },
    { seq: 6, at: "2026-11-21T17:29:00.000Z", actor: "staff:rosa", action: "session.signIn", patientId: null, outcome: "ok", detail: "{}" },
  ],
};

beforeEach(() => {
  vi.resetAllMocks();
  api.getAuditLog.mockResolvedValue(page);
});

describe("AuditScreen", () => {
  it("shows the rows and sends the filter as typed", async () => {
    renderWithProviders(<AuditScreen />);
    expect(await screen.findAllByTestId("audit-row")).toHaveLength(2);
    expect(api.getAuditLog).toHaveBeenLastCalledWith({ actor: null, patientId: null, action: null, from: null, to: null });
    await userEvent.type(screen.getByTestId("audit-filter-actor"), "staff:rosa");
    await userEvent.type(screen.getByTestId("audit-filter-patientId"), " p-1 ");
    await userEvent.click(screen.getByTestId("audit-apply"));
    expect(api.getAuditLog).toHaveBeenLastCalledWith({ actor: "staff:rosa", patientId: "p-1", action: null, from: null, to: null });
  });

  it("says whether the chain is intact and where it broke", async () => {
    api.verifyAudit.mockResolvedValueOnce({ rows: 42, intact: true, firstBadSeq: null, problem: null });
    api.verifyAudit.mockResolvedValueOnce({ rows: 42, intact: false, firstBadSeq: 17, problem: "row 17 was changed after it was written" });
    renderWithProviders(<AuditScreen />);
    await userEvent.click(await screen.findByTestId("audit-verify"));
    expect(await screen.findByTestId("audit-verdict")).toHaveTextContent("intact: 42 rows");
    await userEvent.click(screen.getByTestId("audit-verify"));
    expect(await screen.findByText(/broken at row 17/)).toBeInTheDocument();
  });

  it("exports with the current filter and names the file", async () => {
    api.exportAudit.mockResolvedValueOnce("frontdesk-audit.csv");
    renderWithProviders(<AuditScreen />);
    await userEvent.click(await screen.findByTestId("audit-export-csv"));
    expect(api.exportAudit).toHaveBeenCalledWith("csv", { actor: null, patientId: null, action: null, from: null, to: null });
    expect(await screen.findByTestId("audit-exported")).toHaveTextContent("frontdesk-audit.csv");
  });
});
