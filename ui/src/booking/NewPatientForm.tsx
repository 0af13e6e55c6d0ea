// A patient the desk has never seen: their details, then a look for people already on file who
// may be them (the same phone, or the same name with the birth date as typed or with day and
// month swapped). Rosa links to the existing record or, having seen it, creates a new one.
import { useId, useState } from "react";
import type { SyntheticEvent } from "react";
import type { NewPatient, PatientSummary } from "../api/backend";
import { searchPatients } from "../api/backend";
import { toAppError } from "../api/errors";
import type { AppError } from "../api/backend";
import { ErrorBanner } from "../errors/ErrorBanner";
import { useI18n } from "../i18n/context";
import type { PlainKey } from "../i18n/types";
import { PatientSummaryLine } from "../patients/PatientSummaryLine";
import { duplicateTerms, similarity } from "./duplicates";
import type { SimilarReason } from "./duplicates";

const REASONS: Record<SimilarReason, PlainKey> = {
  phone: "newPatient.samePhone",
  sameBirthDate: "newPatient.sameNameAndBirth",
  swappedBirthDate: "newPatient.swappedBirth",
};

export interface NewPatientFormProps {
  initialName?: string;
  onExisting: (patient: PatientSummary) => void;
  onNew: (patient: NewPatient) => void;
  onCancel: () => void;
}

interface Similar {
  patient: PatientSummary;
  reason: SimilarReason;
}

export function NewPatientForm({ initialName = "", onExisting, onNew, onCancel }: NewPatientFormProps) {
  const { t } = useI18n();
  const id = useId();
  const [given, family] = splitName(initialName);
  const [fields, setFields] = useState<NewPatient>({ givenName: given, familyName: family, birthDate: "", phone: "", email: null });
  const [similar, setSimilar] = useState<Similar[] | null>(null);
  const [checking, setChecking] = useState(false);
  const [error, setError] = useState<AppError | null>(null);
  const set = (patch: Partial<NewPatient>) => {
    setFields({ ...fields, ...patch });
    // Changed details need a fresh look.
    setSimilar(null);
  };

  const check = async (event: SyntheticEvent) => {
    event.preventDefault();
    setChecking(true);
    setError(null);
    try {
      const found = new Map<string, Similar>();
      for (const term of duplicateTerms(fields)) {
        for (const patient of await searchPatients(term, 20)) {
          const reason = similarity(patient, fields);
          if (reason && !found.has(patient.id)) found.set(patient.id, { patient, reason });
        }
      }
      if (found.size === 0) onNew(fields);
      else setSimilar([...found.values()]);
    } catch (e) {
      setError(toAppError(e));
    } finally {
      setChecking(false);
    }
  };

  const text = (key: keyof NewPatient, labelKey: PlainKey, type = "text", required = true) => (
    <span className="slot-finder__field">
      <label htmlFor={`${id}-${key}`}>{t(labelKey)}</label>
      <input
        id={`${id}-${key}`}
        type={type}
        required={required}
        autoComplete="off"
        data-testid={`new-patient-${key}`}
        value={fields[key] ?? ""}
        onChange={(e) => {
          set({ [key]: key === "email" && e.target.value === "" ? null : e.target.value });
        }}
      />
    </span>
  );

  return (
    <form className="new-patient" aria-label={t("newPatient.title")} onSubmit={(e) => void check(e)} data-testid="new-patient">
      <h3>{t("newPatient.title")}</h3>
      <div className="slot-finder__row">
        {text("givenName", "newPatient.given")}
        {text("familyName", "newPatient.family")}
        {text("birthDate", "newPatient.birthDate", "date")}
        {text("phone", "newPatient.phone", "tel")}
        {text("email", "newPatient.email", "email", false)}
      </div>
      {error && <ErrorBanner error={error} />}
      {similar && (
        <div className="new-patient__similar" role="alert" data-testid="similar-patients">
          <p>
            <strong>{t("newPatient.similarFound")}</strong> {t("newPatient.similarAdvice")}
          </p>
          <ul className="patient-pick-list">
            {similar.map(({ patient, reason }) => (
              <li key={patient.id} data-testid="similar-patient" data-patient-id={patient.id}>
                <PatientSummaryLine patient={patient} />
                <span className="muted">{t(REASONS[reason])}</span>
                <button
                  type="button"
                  className="button"
                  onClick={() => {
                    onExisting(patient);
                  }}
                >
                  {t("newPatient.useExisting")}
                </button>
              </li>
            ))}
          </ul>
        </div>
      )}
      <div className="slot-finder__actions">
        {similar ? (
          <button
            type="button"
            className="button"
            data-testid="new-patient-create-anyway"
            onClick={() => {
              onNew(fields);
            }}
          >
            {t("newPatient.createAnyway")}
          </button>
        ) : (
          <button type="submit" className="button button--primary" data-testid="new-patient-continue" disabled={checking}>
            {checking ? t("newPatient.checking") : t("newPatient.continue")}
          </button>
        )}
        <button type="button" className="button" onClick={onCancel}>
          {t("dialog.cancel")}
        </button>
      </div>
    </form>
  );
}

/** "Nguyen Minh" or "Nguyen, Minh" typed in the search becomes the form's two names. */
function splitName(typed: string): [string, string] {
  const text = typed.trim();
  if (/\d/.test(text) || text === "") return ["", ""];
  if (text.includes(",")) {
    const [family = "", given = ""] = text.split(",").map((s) => s.trim());
    return [given, family];
  }
  const parts = text.split(/\s+/);
  if (parts.length === 1) return ["", parts[0] ?? ""];
  return [parts.slice(1).join(" "), parts[0] ?? ""];
}
