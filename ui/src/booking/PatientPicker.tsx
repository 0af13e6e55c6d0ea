// Who is being booked: the patient the page was opened for (Book on a card), someone found
// here by the same search as the header's, or a new patient after a duplicate check.
import { useId, useState } from "react";
import type { NewPatient, PatientSummary } from "../api/backend";
import { usePatientSearch } from "../api/queries";
import { ErrorBanner } from "../errors/ErrorBanner";
import { useI18n } from "../i18n/context";
import { displayName } from "../patients/format";
import { PatientSummaryLine } from "../patients/PatientSummaryLine";
import { formatBirthDate } from "../time/zoned";
import { NewPatientForm } from "./NewPatientForm";

export type ChosenPatient = { kind: "existing"; patient: PatientSummary } | { kind: "new"; patient: NewPatient };

export interface PatientPickerProps {
  chosen: ChosenPatient | null;
  onChoose: (patient: ChosenPatient | null) => void;
  /** While a reschedule is under way the patient is fixed. */
  locked?: boolean;
  /** Opens on the new-patient form (a "New patient" from a search that found nobody). */
  startNew?: boolean;
  /** What that search had typed, for the form's names. */
  initialQuery?: string;
}

export function PatientPicker({ chosen, onChoose, locked = false, startNew = false, initialQuery = "" }: PatientPickerProps) {
  const { t, locale } = useI18n();
  const id = useId();
  const [query, setQuery] = useState(initialQuery);
  const [creating, setCreating] = useState(startNew);
  const search = usePatientSearch(creating ? "" : query, true, 8);

  if (chosen) {
    return (
      <section className="patient-picker" aria-labelledby={`${id}-h`} data-testid="patient-picker">
        <h2 id={`${id}-h`}>{t("book.patient")}</h2>
        <p className="patient-picker__chosen" data-testid="chosen-patient" data-patient-id={chosen.kind === "existing" ? chosen.patient.id : ""}>
          {chosen.kind === "existing" ? (
            <PatientSummaryLine patient={chosen.patient} />
          ) : (
            <span>
              {t("book.newPatientChosen", {
                name: displayName(chosen.patient),
                birth: formatBirthDate(chosen.patient.birthDate, locale),
              })}
            </span>
          )}
          {!locked && (
            <button
              type="button"
              className="button"
              data-testid="change-patient"
              onClick={() => {
                onChoose(null);
              }}
            >
              {t("book.changePatient")}
            </button>
          )}
        </p>
      </section>
    );
  }

  return (
    <section className="patient-picker" aria-labelledby={`${id}-h`} data-testid="patient-picker">
      <h2 id={`${id}-h`}>{t("book.patient")}</h2>
      {creating ? (
        <NewPatientForm
          initialName={query}
          onCancel={() => {
            setCreating(false);
          }}
          onExisting={(patient) => {
            setCreating(false);
            onChoose({ kind: "existing", patient });
          }}
          onNew={(patient) => {
            setCreating(false);
            onChoose({ kind: "new", patient });
          }}
        />
      ) : (
        <>
          <label htmlFor={`${id}-q`}>{t("book.findPatient")}</label>{" "}
          <input
            id={`${id}-q`}
            type="search"
            className="patient-search__input"
            autoComplete="off"
            spellCheck={false}
            data-testid="book-patient-search"
            placeholder={t("search.empty")}
            value={query}
            onChange={(e) => {
              setQuery(e.target.value);
            }}
          />{" "}
          <button
            type="button"
            className="button"
            data-testid="new-patient-button"
            onClick={() => {
              setCreating(true);
            }}
          >
            {t("search.newPatient")}
          </button>
          <div role="status" className="patient-picker__status">
            {search.kind === "loading" && <p className="muted">{t("search.searching")}</p>}
            {search.kind === "noMatch" && (
              <p data-testid="book-patient-no-match">{t("book.noMatch", { query: search.query })}</p>
            )}
          </div>
          {search.kind === "error" && <ErrorBanner error={search.error} onRetry={search.retry} />}
          {search.kind === "results" && (
            <ul className="patient-pick-list" aria-label={t("search.results")}>
              {search.patients.map((patient) => (
                <li key={patient.id}>
                  <button
                    type="button"
                    className="patient-pick"
                    data-testid="book-patient-result"
                    data-patient-id={patient.id}
                    onClick={() => {
                      onChoose({ kind: "existing", patient });
                    }}
                  >
                    <PatientSummaryLine patient={patient} />
                  </button>
                </li>
              ))}
            </ul>
          )}
        </>
      )}
    </section>
  );
}
