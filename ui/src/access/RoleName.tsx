// A role in the reader's language.
import type { Role } from "../api/backend";
import { useT } from "../i18n/context";

const LABELS = {
  receptionist: "access.role.receptionist",
  clinician: "access.role.clinician",
  admin: "access.role.admin",
} as const satisfies Record<Role, string>;

export function RoleName({ role }: { role: Role }) {
  const t = useT();
  return <>{t(LABELS[role])}</>;
}
