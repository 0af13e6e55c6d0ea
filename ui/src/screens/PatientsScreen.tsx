// Patients: a larger version of the header's search, for when the receptionist wants to read
// through many namesakes; and, at #/patients/<id>, one patient's card.
import { useId, useState } from "react";
import { routeAllowed } from "../access/routes";
import { useCan } from "../access/session";
import { usePatientSearch } from "../api/queries";
import { goToNewPatient } from "../booking/bookingLink";
import { ErrorBanner } from "../errors/ErrorBanner";
import { useT } from "../i18n/context";
import { PatientSummaryLine } from "../patients/PatientSummaryLine";
import { Link } from "../router/Link";
import { usePatientIdFromRoute } from "../router/useRoute";
import { VendorSearchButton, VendorSearchOutcome, useVendorLookup } from "../shell/GlobalSearchVendors";
import { shortcutLabel } from "../shell/useFocusShortcut";
import { Page } from "./Page";
import { PatientCardScreen } from "./PatientCardScreen";
import { PracticeGate } from "./PracticeGate";

export function PatientsScreen() {
  const t = useT();
  const patientId = usePatientIdFromRoute();
  if (patientId !== null) return <PatientCardScreen patientId={patientId} />;
  return (
    <PracticeGate title={t("patients.title")}>
      <PatientSearchPage />
    </PracticeGate>
  );
}

function PatientSearchPage() {
  const t = useT();
  const inputId = useId();
  const [query, setQuery] = useState("");
  const search = usePatientSearch(query, true, 100);
  const canBook = routeAllowed("book", useCan());
  // No match in the cache (it keeps only recent patients): the vendors may be asked, and what
  // they return is listed like any result.
  const lookup = useVendorLookup(query, 50);
  const fromVendors = search.kind === "noMatch" ? (lookup.result?.patients ?? []) : [];
  const shown = search.kind === "results" ? search.patients : fromVendors;

  return (
    <Page title={t("patients.title")}>
      <div className="patient-search">
        <label htmlFor={inputId}>{t("patients.searchLabel")}</label>
        <input
          id={inputId}
          type="search"
          className="patient-search__input"
          data-testid="patients-search"
          autoComplete="off"
          spellCheck={false}
          value={query}
          placeholder={t("search.empty")}
          onChange={(event) => {
            setQuery(event.target.value);
          }}
        />
        <p className="patient-search__hint">{t("patients.hint", { shortcut: shortcutLabel() })}</p>
      </div>
      <div role="status" className="patient-search__status">
        {search.kind === "idle" && <p className="muted">{t("search.empty")}</p>}
        {search.kind === "loading" && <p className="muted">{t("search.searching")}</p>}
        {search.kind === "noMatch" && (
          <div data-testid="search-no-match">
            {!lookup.result && <p>{t("search.noMatch", { query: search.query })}</p>}
            <VendorSearchButton lookup={lookup} noteId={`${inputId}-vendors-note`} testId="patients-search-vendors" />
            {lookup.result && <VendorSearchOutcome query={search.query} result={lookup.result} />}
            {lookup.error && <ErrorBanner error={lookup.error} onRetry={lookup.run} />}
            {canBook && fromVendors.length === 0 && (
              <p>
                <button
                  type="button"
                  className="button"
                  data-testid="patients-new-patient"
                  aria-describedby={`${inputId}-new-note`}
                  onClick={() => {
                    goToNewPatient(search.query);
                  }}
                >
                  {t("search.newPatient")}
                </button>{" "}
                <span id={`${inputId}-new-note`} className="muted">
                  {t("search.newPatientNote")}
                </span>
              </p>
            )}
          </div>
        )}
        {search.kind === "results" && (
          <p className="muted">{t("patients.count", { count: search.patients.length })}</p>
        )}
        {search.kind === "results" && lookup.result && (
          <VendorSearchOutcome query={search.query} result={lookup.result} />
        )}
      </div>
      {search.kind === "error" && <ErrorBanner error={search.error} onRetry={search.retry} />}
      {shown.length > 0 && (
        <ul className="patient-results" aria-label={t("search.results")}>
          {shown.map((patient) => (
            <li key={patient.id} data-testid="patients-result" data-patient-id={patient.id}>
              <Link patientId={patient.id} className="patient-results__link">
                <PatientSummaryLine patient={patient} />
              </Link>
            </li>
          ))}
        </ul>
      )}
    </Page>
  );
}
