// The card Rosa opens from a search and Dr. Lee reads between visits: every vendor link with
// its confidence, suggestions shown but not acted on, history by source with its freshness,
// and the Nextech CCD sealed in a script-less sandbox, never in the desk's own page.
import { screen, within } from "@testing-library/react";
import * as backend from "../api/backend";
import { BackendError } from "../api/errors";
import { AppShell } from "../shell/AppShell";
import { appInfo, appointment, card, CHICAGO, connected, DR_LEE } from "../test/fixtures";
import { renderWithProviders } from "../test/render";

vi.mock("../api/backend", () => import("../test/mockBackend"));
const api = vi.mocked(backend);

const CCD = `<h1>Continuity of Care</h1><p>Assessment: stable myopia</p><script>window.__ccdRan = true</script><img src="https://tracker.example/x.png" onerror="window.__ccdRan = true">`;

beforeEach(() => {
  vi.resetAllMocks();
  window.location.hash = "#/patients/pat-nguyen";
  api.getAppInfo.mockResolvedValue(appInfo({ practiceName: "Lakeside Family Eye Care" }));
  api.getVendorStatuses.mockResolvedValue(connected());
  api.onVendorStatusChanged.mockResolvedValue(() => undefined);
  api.getLocations.mockResolvedValue([CHICAGO]);
  api.getProviders.mockResolvedValue([DR_LEE]);
  // Unless a test says otherwise, the vendors have nothing newer than the cache.
  api.refreshPatientCard.mockImplementation((id) => api.getPatientCard(id));
});

function full() {
  return card({
    id: "pat-nguyen",
    appointments: [
      appointment({ start: "2099-01-08T16:30:00Z", end: "2099-01-08T17:00:00Z", status: { state: "pending" } }),
      appointment({ id: "zoom:77", vendor: "zoom", start: "2020-03-01T15:00:00Z", end: "2020-03-01T15:20:00Z", status: { state: "completed" }, visit: { mode: "telehealth", patientJoinUrl: null, providerJoinUrl: "https://zoom.example/s/1" } }),
    ],
    encounters: [
      { externalId: "enc-1", patientId: "pat-nguyen", date: "2026-10-02", doctor: "Dr. Ana Lee", department: "Optometry", location: "Lakeside", kind: "Follow-up", locked: true, ccdHtml: CCD },
    ],
    contacts: [
      { externalId: "c-1", patientId: "pat-nguyen", channel: "phone", direction: "inbound", start: "2026-11-20T14:00:00Z", end: null, disposition: "Rescheduled", notes: null },
    ],
    referrals: [
      { externalId: "ref-9", patientId: "pat-nguyen", referralNumber: "R-2026-9", specialty: "Dermatology", status: "open", network: "Midwest", asOf: "2026-11-21T12:00:00Z" },
    ],
    callbacks: [
      { id: "cb-1", patientId: "pat-nguyen", at: "2026-11-21T19:00:00Z", reason: "Bill question", state: { state: "queued" } },
    ],
    suggestions: [
      { vendor: "zoom", externalId: "pat_zz1", recordPatientId: "pat-other", suggestedPatientId: "pat-nguyen", points: 62, reasons: ["same name", "same phone"] },
    ],
  });
}

async function openCard() {
  renderWithProviders(<AppShell />);
  return screen.findByTestId("patient-card");
}

describe("patient card", () => {
  it("replaces the cached card with what the vendors return when it is opened", async () => {
    api.getPatientCard.mockResolvedValue(card({ id: "pat-nguyen", encounters: [] }));
    let answer: (fresh: ReturnType<typeof full>) => void = () => undefined;
    api.refreshPatientCard.mockReturnValue(
      new Promise((resolve) => {
        answer = resolve;
      }),
    );
    renderWithProviders(<AppShell />);
    expect(await screen.findByTestId("card-refreshing")).toHaveTextContent("latest records");
    expect(screen.queryByTestId("ccd-frame")).not.toBeInTheDocument();
    answer(full());
    expect(await screen.findByTestId("ccd-frame")).toBeInTheDocument();
    expect(screen.queryByTestId("card-refreshing")).not.toBeInTheDocument();
    expect(api.refreshPatientCard).toHaveBeenCalledExactlyOnceWith("pat-nguyen");
  });

  it("keeps the cached card when the vendors cannot be reached", async () => {
    api.getPatientCard.mockResolvedValue(full());
    api.refreshPatientCard.mockRejectedValue(new BackendError({ kind: "offline", vendor: null, asOf: null }));
    renderWithProviders(<AppShell />);
    expect(await screen.findByTestId("ccd-frame")).toBeInTheDocument();
    await vi.waitFor(() => {
      expect(screen.queryByTestId("card-refreshing")).not.toBeInTheDocument();
    });
    expect(screen.getByTestId("ccd-frame")).toBeInTheDocument();
  });

  it("names the patient and lists every vendor link with its confidence", async () => {
    api.getPatientCard.mockResolvedValue(full());
    const cardEl = await openCard();
    expect(screen.getByRole("heading", { level: 1 })).toHaveTextContent("Nguyen, Minh");
    const links = within(cardEl).getAllByTestId("vendor-link");
    expect(links.map((l) => l.dataset.vendor)).toEqual(["nexhealth", "cxone", "nextech"]);
    expect(links[1]).toHaveTextContent("CXone");
    expect(links[1]).toHaveTextContent("pt-12345");
    expect(links[1]).toHaveTextContent("Exact match (MRN)");
    expect(links[2]).toHaveTextContent("Matched by name, birth date and phone");
  });

  it("shows suggested links read-only, with a note, and no buttons to act on them", async () => {
    api.getPatientCard.mockResolvedValue(full());
    await openCard();
    const suggestions = screen.getByTestId("link-suggestions");
    expect(suggestions).toHaveTextContent("confirming or rejecting a match is not available in this version yet");
    expect(within(suggestions).getByTestId("link-suggestion")).toHaveTextContent("pat_zz1");
    expect(within(suggestions).getByRole("link", { name: "another patient" })).toHaveAttribute(
      "href",
      "#/patients/pat-other",
    );
    expect(within(suggestions).queryByRole("button")).not.toBeInTheDocument();
  });

  it("renders the CCD only inside a sandboxed frame that may not run scripts", async () => {
    api.getPatientCard.mockResolvedValue(full());
    await openCard();
    const frame = screen.getByTitle("Clinical summary from Nextech, Oct 2, 2026");
    expect(frame.tagName).toBe("IFRAME");
    expect(frame).toHaveAttribute("sandbox", "");
    expect(frame.getAttribute("sandbox")).not.toContain("allow-scripts");
    expect(frame.getAttribute("srcdoc")).toContain("Assessment: stable myopia");
    expect(frame.getAttribute("srcdoc")).toContain("default-src 'none'");
    // Nothing of the CCD in the desk's own DOM, and nothing of it ran.
    expect(screen.queryByText(/stable myopia/)).not.toBeInTheDocument();
    expect(document.body.innerHTML).not.toContain("<script>window.__ccdRan");
    expect((window as unknown as { __ccdRan?: boolean }).__ccdRan).toBeUndefined();
  });

  it("gives each section its source and freshness, and splits upcoming from past", async () => {
    api.getPatientCard.mockResolvedValue(full());
    await openCard();
    const appts = screen.getByTestId("card-section-appointments");
    expect(within(within(appts).getByTestId("section-meta")).getAllByTestId("vendor-badge").map((b) => b.textContent)).toEqual(["NexHealth", "Zoom"]);
    const upcoming = within(appts).getByRole("table", { name: "Upcoming" });
    expect(upcoming).toHaveTextContent("Pending in EHR");
    expect(upcoming).toHaveTextContent("Dr. Ana Lee");
    expect(upcoming).toHaveTextContent("Lakeside Clinic");
    const past = within(appts).getByRole("table", { name: "Past" });
    expect(past).toHaveTextContent("Completed");
    expect(past).toHaveTextContent("Video");

    expect(within(screen.getByTestId("card-section-contacts")).getByTestId("section-meta")).toHaveTextContent("From CXone");
    expect(screen.getByTestId("card-section-contacts")).toHaveTextContent("Rescheduled");
    expect(within(screen.getByTestId("card-section-encounters")).getByTestId("section-meta")).toHaveTextContent("From Nextech");
    expect(within(screen.getByTestId("card-section-referrals")).getByTestId("section-meta")).toHaveTextContent("From WellHive");
    expect(screen.getByTestId("card-section-referrals")).toHaveTextContent("Dermatology");
    expect(screen.getByTestId("callback")).toHaveTextContent("Waiting to send");
    for (const name of ["identity", "contact", "appointments", "contacts", "encounters", "referrals", "callbacks"]) {
      expect(within(screen.getByTestId(`card-section-${name}`)).getByTestId("section-meta")).toHaveTextContent(/As of/);
    }
    expect(screen.getByTestId("communication-preferences")).toHaveTextContent("SMS: yes");
    expect(screen.getByTestId("communication-preferences")).toHaveTextContent("Phone call: no");
  });

  it("says so when a section is empty", async () => {
    api.getPatientCard.mockResolvedValue(card({ id: "pat-nguyen" }));
    await openCard();
    expect(screen.getByTestId("card-section-appointments")).toHaveTextContent("No appointments on record from any source.");
    expect(screen.getByTestId("card-section-contacts")).toHaveTextContent("No calls or messages on record in CXone.");
    expect(screen.getByTestId("card-section-encounters")).toHaveTextContent("No encounters on record in Nextech.");
    expect(screen.getByTestId("card-section-referrals")).toHaveTextContent("No referrals on record in WellHive.");
    expect(screen.getByTestId("card-section-callbacks")).toHaveTextContent("No callbacks scheduled.");
    expect(screen.queryByTestId("link-suggestions")).not.toBeInTheDocument();
  });

  it("explains a card that cannot be found", async () => {
    api.getPatientCard.mockRejectedValue(new BackendError({ kind: "notFound", what: "Patient pat-nguyen" }));
    renderWithProviders(<AppShell />);
    expect(await screen.findByRole("alert")).toHaveTextContent(
      "Patient pat-nguyen could not be found. It may have been changed or removed; search again.",
    );
  });

  it("speaks Spanish", async () => {
    api.getPatientCard.mockResolvedValue(full());
    renderWithProviders(<AppShell />, { locale: "es" });
    await screen.findByTestId("patient-card");
    expect(screen.getByRole("heading", { name: "Registros en proveedores" })).toBeInTheDocument();
    expect(screen.getByTestId("card-section-appointments")).toHaveTextContent("Pendiente en la historia clínica");
    expect(screen.getByTestId("callback")).toHaveTextContent("Pendiente de envío");
  });
});
