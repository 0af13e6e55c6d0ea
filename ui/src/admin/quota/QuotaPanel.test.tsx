// The admin's WellHive quota panel: every counted action with this desk's count (zero when the
// backend has none for it), in both languages, a failure said in a sentence, and nothing at all
// (not even a request) for a role that may not read the counts.
import { screen, within } from "@testing-library/react";
import * as backend from "../../api/backend";
import { BackendError } from "../../api/errors";
import { renderAs } from "../../test/render";
import { QuotaPanel } from "./QuotaPanel";

vi.mock("../../api/backend", () => import("../../test/mockBackend"));
const api = vi.mocked(backend);

beforeEach(() => {
  vi.resetAllMocks();
  api.getQuotaCounts.mockResolvedValue([
    { action: "providerServiceSearch", count: 12 },
    { action: "driveTimeCalculation", count: 3 },
    { action: "slotSearch", count: 1250 },
    { action: "appointmentBook", count: 2 },
    { action: "appointmentShowLatest", count: 1 },
  ]);
});

function rows(): [string, string][] {
  return within(screen.getByTestId("quota-counts"))
    .getAllByRole("row")
    .slice(1)
    .map((row) => [within(row).getByRole("rowheader").textContent, within(row).getByRole("cell").textContent]);
}

it("shows an admin each counted WellHive action with this desk's count", async () => {
  renderAs(["quota_counts"], <QuotaPanel />);
  expect(await screen.findByRole("heading", { name: "WellHive quota" })).toBeInTheDocument();
  await screen.findByTestId("quota-counts");
  expect(rows()).toEqual([
    ["Provider-service search", "12"],
    ["Drive times", "3"],
    ["Slot search", "1,250"],
    ["Book", "2"],
    ["Appointment refreshed from WellHive (latest details)", "1"],
    // Not in the answer: counted as none, not left out.
    ["Cancel", "0"],
  ]);
  expect(api.getQuotaCounts).toHaveBeenCalledOnce();
});

it("speaks Spanish, numbers included", async () => {
  renderAs(["quota_counts"], <QuotaPanel />, { locale: "es" });
  expect(await screen.findByRole("heading", { name: "Cuota de WellHive" })).toBeInTheDocument();
  await screen.findByTestId("quota-counts");
  expect(rows()[2]).toEqual(["Búsqueda de horarios", "1250"]);
  expect(rows()[5]).toEqual(["Cancelación", "0"]);
});

it("says why the counts could not be read", async () => {
  api.getQuotaCounts.mockRejectedValue(
    new BackendError({ kind: "storage", message: "the cache is locked by another window", wayOut: "Close it." }),
  );
  renderAs(["quota_counts"], <QuotaPanel />);
  expect(await screen.findByRole("alert")).toHaveTextContent("the cache is locked by another window");
  expect(screen.queryByTestId("quota-counts")).not.toBeInTheDocument();
});

it("says plainly that nothing is counted when no practice is connected", async () => {
  api.getQuotaCounts.mockRejectedValue(new BackendError({ kind: "notConfigured", what: "a practice" }));
  renderAs(["quota_counts"], <QuotaPanel />);
  expect(await screen.findByTestId("quota-none")).toHaveTextContent("No practice is connected, so nothing has been counted.");
  expect(screen.queryByRole("alert")).not.toBeInTheDocument();
});

it("shows nothing, and asks nothing, to a receptionist", () => {
  renderAs(["search_patients", "search_slots", "book_slot"], <QuotaPanel />);
  expect(screen.queryByTestId("quota-panel")).not.toBeInTheDocument();
  expect(screen.queryByRole("heading", { name: "WellHive quota" })).not.toBeInTheDocument();
  expect(api.getQuotaCounts).not.toHaveBeenCalled();
});
