// How a person is written at the desk: "Family, Given" (the order a caller's chart is filed
// under), and phone numbers readable aloud rather than in E.164.
import type { Phone } from "../api/backend";

export function displayName(patient: { familyName: string; givenName: string; middleName?: string | null }): string {
  const given = patient.middleName ? `${patient.givenName} ${patient.middleName}` : patient.givenName;
  return `${patient.familyName}, ${given}`;
}

/** +13125551234 -> (312) 555-1234; anything else as the vendor gave it. */
export function formatPhone(number: string): string {
  const nanp = /^\+1(\d{3})(\d{3})(\d{4})$/.exec(number);
  if (nanp) return `(${nanp[1] ?? ""}) ${nanp[2] ?? ""}-${nanp[3] ?? ""}`;
  return number;
}

/** The number to show in a one-line summary: a mobile first, since that is what callers use. */
export function primaryPhone(phones: readonly Phone[]): Phone | undefined {
  return phones.find((p) => p.kind === "mobile") ?? phones[0];
}
