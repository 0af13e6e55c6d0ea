// The admin's second-factor controls on the Staff screen: which roles must give one (the Zoom
// doc asks it of providers), and a reset for a person who lost their phone (they set up a new
// authenticator at their next sign-in). The backend audits both.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { getSecondFactorSettings, resetSecondFactor, setSecondFactorRoles } from "../api/backend";
import type { Role, StaffMember } from "../api/backend";
import { toAppError } from "../api/errors";
import { ErrorBanner } from "../errors/ErrorBanner";
import { useT } from "../i18n/context";

const ROLES: Role[] = ["receptionist", "clinician", "admin"];
const FACTOR_KEY = ["secondFactorSettings"] as const;

export function SecondFactorAdmin({ staff }: { staff: StaffMember[] }) {
  const t = useT();
  const client = useQueryClient();
  const settings = useQuery({ queryKey: FACTOR_KEY, queryFn: getSecondFactorSettings });
  // The admin's unsaved ticks, else what is saved.
  const [edited, setRoles] = useState<Role[] | null>(null);
  const roles = edited ?? settings.data?.roles ?? [];
  const save = useMutation({
    mutationFn: (marked: Role[]) => setSecondFactorRoles(marked),
    onSuccess: () => void client.invalidateQueries({ queryKey: FACTOR_KEY }),
  });
  const reset = useMutation({
    mutationFn: (member: StaffMember) => resetSecondFactor(member.id),
    onSuccess: () => void client.invalidateQueries({ queryKey: FACTOR_KEY }),
  });
  const enrolled = staff.filter((member) => settings.data?.enrolled.includes(member.id));

  return (
    <section className="staff-idle" aria-labelledby="staff-factor-title" data-testid="second-factor-admin">
      <h2 id="staff-factor-title">{t("staff.factorTitle")}</h2>
      <p>{t("staff.factorIntro")}</p>
      {settings.isError && <ErrorBanner error={toAppError(settings.error)} onRetry={() => void settings.refetch()} />}
      <form
        onSubmit={(event) => {
          event.preventDefault();
          save.mutate(roles);
        }}
      >
        <fieldset>
          <legend>{t("staff.factorRoles")}</legend>
          {ROLES.map((role) => (
            <label key={role} className="access-check">
              <input
                type="checkbox"
                data-testid="second-factor-role"
                data-role={role}
                checked={roles.includes(role)}
                disabled={!settings.data}
                onChange={(event) => {
                  setRoles(event.target.checked ? [...roles, role] : roles.filter((r) => r !== role));
                }}
              />
              {t(`access.role.${role}`)}
            </label>
          ))}
        </fieldset>
        {save.isError && <ErrorBanner error={toAppError(save.error)} />}
        {save.isSuccess && (
          <p role="status" className="notice">
            {t("staff.factorSaved")}
          </p>
        )}
        <button type="submit" className="button" disabled={!settings.data || save.isPending}>
          {t("staff.factorSave")}
        </button>
      </form>
      {enrolled.length > 0 && (
        <ul className="staff-factor-list">
          {enrolled.map((member) => (
            <li key={member.id} data-testid="second-factor-enrolled" data-username={member.username}>
              {member.displayName} · <span className="muted">{t("staff.factorEnrolled")}</span>{" "}
              <button
                type="button"
                className="button"
                aria-label={t("staff.factorResetOf", { name: member.displayName })}
                onClick={() => {
                  reset.mutate(member);
                }}
              >
                {t("staff.factorReset")}
              </button>
            </li>
          ))}
        </ul>
      )}
      {reset.isError && <ErrorBanner error={toAppError(reset.error)} />}
      {reset.isSuccess && (
        <p role="status" className="notice">
          {t("staff.factorResetDone", { name: reset.variables.displayName })}
        </p>
      )}
    </section>
  );
}
