// The Zoom Healthcare doc's visit types, in its order. The wire words go to Zoom; the labels
// are the catalogue's.
import type { PlainKey } from "../i18n/types";

export const VISIT_TYPES = [
  "initial_consultation",
  "follow_up",
  "urgent_care",
  "mental_health",
  "group_therapy",
  "specialist_consult",
] as const;
export type VisitType = (typeof VISIT_TYPES)[number];

export const VISIT_TYPE_LABELS: Record<VisitType, PlainKey> = {
  initial_consultation: "visitType.initialConsultation",
  follow_up: "visitType.followUp",
  urgent_care: "visitType.urgentCare",
  mental_health: "visitType.mentalHealth",
  group_therapy: "visitType.groupTherapy",
  specialist_consult: "visitType.specialistConsult",
};
