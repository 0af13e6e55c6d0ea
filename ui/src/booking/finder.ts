// The slot finder's fields and the question they make. Kept apart from the form so the rules
// (a week from today by default, each picked provider asked under every vendor id it has) are
// tested without a screen.
import type { AppointmentType, Provider, SlotQuery, VisitMode } from "../api/backend";
import { shiftDay } from "../time/zoned";
import { providerDeskIds } from "./names";

/**
 * "any" is in person or by video: a referral out is asked for on purpose, because the network
 * counts every search against the practice's quota and offers other clinics' times.
 */
export type ModeChoice = VisitMode | "any";

export interface FinderFields {
  from: string;
  to: string;
  mode: ModeChoice;
  /** Desk id of the appointment type, "" for any. */
  appointmentType: string;
  providerIds: string[];
  locationIds: string[];
  /** Referral searches: under which referral ("" for the approved one), and how far away. */
  referralId: string;
  maxMiles: number | null;
}

/** The distance the 11:30 scene searches within; the receptionist can change it. */
export const DEFAULT_MILES = 20;

/** How far a search looks by default: the rest of this week and the next. */
export const DEFAULT_DAYS = 7;

export function defaultFields(today: string, start: Partial<FinderFields> = {}): FinderFields {
  return {
    from: today,
    to: shiftDay(today, DEFAULT_DAYS - 1),
    mode: "any",
    appointmentType: "",
    providerIds: [],
    locationIds: [],
    referralId: "",
    maxMiles: DEFAULT_MILES,
    ...start,
  };
}

export type FieldProblem = "range" | "order" | "tooLong";

/** The longest range one search may cover: vendors page per day, and a caller wants soon. */
export const MAX_DAYS = 31;

export function checkFields(fields: FinderFields): FieldProblem | null {
  if (!fields.from || !fields.to) return "range";
  if (fields.to < fields.from) return "order";
  const days = (Date.parse(`${fields.to}T00:00:00Z`) - Date.parse(`${fields.from}T00:00:00Z`)) / 86_400_000;
  if (days + 1 > MAX_DAYS) return "tooLong";
  return null;
}

export function toQuery(fields: FinderFields, providers: readonly Provider[], patientId: string | null): SlotQuery {
  const picked = providers.filter((p) => fields.providerIds.includes(p.id));
  return {
    from: fields.from,
    to: fields.to,
    modes: fields.mode === "any" ? ["inPerson", "telehealth"] : [fields.mode],
    providerIds: picked.flatMap(providerDeskIds),
    locationIds: fields.locationIds,
    appointmentType: fields.appointmentType || null,
    patientId,
    referralId: fields.mode === "referral" && fields.referralId ? fields.referralId : null,
    near: null,
    maxMiles: fields.mode === "referral" ? fields.maxMiles : null,
  };
}

/** The type whose name an appointment carries (appointments name their type; filters use ids). */
export function typeByName(types: readonly AppointmentType[], name: string | null | undefined): AppointmentType | undefined {
  if (!name) return undefined;
  return types.find((t) => t.id === name) ?? types.find((t) => t.name.toLowerCase() === name.toLowerCase());
}
