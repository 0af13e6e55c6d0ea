// Before a new patient is made: people the desk already has who may be the same person. Same
// phone, or same name with the same birth date or the day and month swapped (5/3 typed as
// 3/5), is enough to ask; the receptionist decides, the desk never merges on its own.
import type { NewPatient, PatientSummary } from "../api/backend";

const digits = (s: string) => s.replace(/\D/g, "");
const fold = (s: string) =>
  s
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .trim()
    .toLowerCase();

function swapped(a: string, b: string): boolean {
  const [ya, ma, da] = a.split("-");
  const [yb, mb, db] = b.split("-");
  return ya === yb && ma === db && da === mb && ma !== da;
}

export type SimilarReason = "phone" | "sameBirthDate" | "swappedBirthDate";

export function similarity(found: PatientSummary, entered: NewPatient): SimilarReason | null {
  const phone = digits(entered.phone);
  if (phone.length >= 7 && found.phones.some((p) => digits(p.number).endsWith(phone.slice(-10)))) return "phone";
  const sameName = fold(found.familyName) === fold(entered.familyName) && fold(found.givenName) === fold(entered.givenName);
  if (!sameName || !found.birthDate) return null;
  if (found.birthDate === entered.birthDate) return "sameBirthDate";
  if (swapped(found.birthDate, entered.birthDate)) return "swappedBirthDate";
  return null;
}

/** The search terms a duplicate check asks: the name, then the phone's digits. */
export function duplicateTerms(entered: NewPatient): string[] {
  const terms = [`${entered.familyName} ${entered.givenName}`.trim(), digits(entered.phone)];
  return terms.filter((term) => term.length > 0);
}
