// Pages other than Today arrive as their own code the first time they open (screens/index.ts).
// While it comes the page says so; focus waits for the page's heading; code that cannot be
// fetched is said in words with a way to try again, and the rest of the desk stays usable.
import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import * as backend from "../api/backend";
import { mockQuietShell } from "../test/quietShell";
import { renderWithProviders } from "../test/render";
import { AppShell } from "./AppShell";

vi.mock("../api/backend", () => import("../test/mockBackend"));

// The audit page's code fails to arrive as often as `auditFailures` says.
const chunk = vi.hoisted(() => ({ auditFailures: 0 }));
vi.mock("../screens/AuditScreen", async (importOriginal) => {
  if (chunk.auditFailures > 0) {
    chunk.auditFailures -= 1;
    throw new Error("Importing a module script failed.");
  }
  return importOriginal();
});

const api = vi.mocked(backend);

beforeEach(() => {
  vi.resetAllMocks();
  window.location.hash = "";
  mockQuietShell(api);
});

it("says the page is loading while its code comes, then shows it with focus on its heading", async () => {
  renderWithProviders(<AppShell />);
  await screen.findByRole("heading", { level: 1, name: "Today" });
  const nav = screen.getByRole("navigation", { name: "Main" });
  within(nav).getByRole("link", { name: "Book" }).focus();
  await userEvent.keyboard("{Enter}");
  const main = screen.getByRole("main");
  // The first visit: Today's heading is gone and the page says it is on its way.
  expect(within(main).getByText("Loading…")).toBeInTheDocument();
  expect(within(main).queryByRole("heading", { level: 1 })).toBeNull();
  const heading = await within(main).findByRole("heading", { level: 1, name: "Book" });
  await waitFor(() => {
    expect(heading).toHaveFocus();
  });
  expect(within(main).queryByText("Loading…")).toBeNull();
});

it("says so when a page's code cannot be fetched, and tries again when asked", async () => {
  chunk.auditFailures = 1;
  // The page's own read answers, so any alert on it is the missing code's.
  api.getAuditLog.mockResolvedValue({ rows: [], matched: 0 });
  window.location.hash = "#/audit";
  renderWithProviders(<AppShell />);
  const main = screen.getByRole("main");
  const alert = await within(main).findByRole("alert");
  expect(alert).toHaveTextContent("Something went wrong inside Frontdesk");
  // The rest of the desk still works around it.
  expect(screen.getByRole("navigation", { name: "Main" })).toBeInTheDocument();

  await userEvent.click(within(alert).getByRole("button", { name: "Try again" }));
  expect(await within(main).findByRole("heading", { level: 1, name: "Audit log" })).toBeInTheDocument();
  await waitFor(() => {
    expect(api.getAuditLog).toHaveBeenCalled();
  });
  expect(within(main).queryByRole("alert")).toBeNull();
});
