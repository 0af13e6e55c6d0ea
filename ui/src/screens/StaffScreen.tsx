// The admin's staff screen: everyone who may sign in at this desk, their role and standing, a
// new account, a PIN reset, and how long an untouched desk stays unlocked. A clinician may be
// linked to the desk provider she is, so she can keep her own telehealth hours. The backend keeps the
// rules (the last admin stays an admin, PINs are not guessable) and records every change.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import type { SyntheticEvent } from "react";
import {
  createStaff,
  getRetentionWindow,
  listStaff,
  purgeNow,
  resetStaffCredential,
  setIdleLockMinutes,
  setRetentionWindow,
  updateStaff,
} from "../api/backend";
import type { Provider, Role, StaffMember, StaffUpdate } from "../api/backend";
import { useProviders } from "../api/queries";
import { toAppError } from "../api/errors";
import { RoleName } from "../access/RoleName";
import { SecondFactorAdmin } from "../access/SecondFactorAdmin";
import { useSession } from "../access/session";
import { ErrorBanner } from "../errors/ErrorBanner";
import { useT } from "../i18n/context";
import { Page } from "./Page";

const ROLES: Role[] = ["receptionist", "clinician", "admin"];
const STAFF_KEY = ["staff"] as const;

export function StaffScreen() {
  const t = useT();
  const client = useQueryClient();
  const staff = useQuery({ queryKey: STAFF_KEY, queryFn: listStaff });
  // Without a practice there are no providers: the links simply cannot be set yet.
  const providers = useProviders().data ?? [];
  const refresh = () => void client.invalidateQueries({ queryKey: STAFF_KEY });
  const update = useMutation({
    mutationFn: ({ id, change }: { id: string; change: StaffUpdate }) => updateStaff(id, change),
    onSuccess: refresh,
  });
  const reset = useMutation({
    mutationFn: ({ id, credential }: { id: string; credential: string }) => resetStaffCredential(id, credential),
  });

  return (
    <Page title={t("staff.title")}>
      {staff.isError && <ErrorBanner error={toAppError(staff.error)} onRetry={() => void staff.refetch()} />}
      {update.isError && <ErrorBanner error={toAppError(update.error)} />}
      {reset.isError && <ErrorBanner error={toAppError(reset.error)} />}
      {reset.isSuccess && (
        <p role="status" className="notice">
          {t("staff.resetDone")}
        </p>
      )}
      {staff.data && (
        <table className="data-table data-table--dense" data-testid="staff-table">
          <thead>
            <tr>
              <th scope="col">{t("access.displayName")}</th>
              <th scope="col">{t("access.username")}</th>
              <th scope="col">{t("staff.role")}</th>
              <th scope="col">{t("staff.provider")}</th>
              <th scope="col">{t("staff.active")}</th>
              <th scope="col">{t("staff.resetPin")}</th>
            </tr>
          </thead>
          <tbody>
            {staff.data.map((member) => (
              <StaffRow
                key={member.id}
                member={member}
                providers={providers}
                onChange={(change) => {
                  update.mutate({ id: member.id, change });
                }}
                onReset={(credential) => {
                  reset.mutate({ id: member.id, credential });
                }}
              />
            ))}
          </tbody>
        </table>
      )}
      <NewStaffForm providers={providers} onCreated={refresh} />
      <IdleLockForm />
      {staff.data && <SecondFactorAdmin staff={staff.data} />}
      <RetentionForm />
    </Page>
  );
}

function ProviderPicker({
  label,
  value,
  providers,
  onPick,
}: {
  label?: string;
  value: string;
  providers: Provider[];
  onPick: (providerId: string | null) => void;
}) {
  const t = useT();
  return (
    <select
      aria-label={label}
      data-testid="staff-provider"
      value={value}
      onChange={(event) => {
        onPick(event.target.value === "" ? null : event.target.value);
      }}
    >
      <option value="">{t("staff.noProvider")}</option>
      {providers.map((p) => (
        <option key={p.id} value={p.id}>
          {p.displayName}
        </option>
      ))}
    </select>
  );
}

function StaffRow({
  member,
  providers,
  onChange,
  onReset,
}: {
  member: StaffMember;
  providers: Provider[];
  onChange: (change: StaffUpdate) => void;
  onReset: (credential: string) => void;
}) {
  const t = useT();
  const [pin, setPin] = useState("");
  const none: StaffUpdate = { displayName: null, role: null, active: null, secondFactor: null };
  return (
    <tr data-testid="staff-row" data-username={member.username}>
      <td>{member.displayName}</td>
      <td>{member.username}</td>
      <td>
        <select
          aria-label={t("staff.roleOf", { name: member.displayName })}
          value={member.role}
          onChange={(event) => {
            onChange({ ...none, role: event.target.value as Role });
          }}
        >
          {ROLES.map((role) => (
            <option key={role} value={role}>
              {t(`access.role.${role}`)}
            </option>
          ))}
        </select>
      </td>
      <td>
        {member.role === "clinician" && (
          <ProviderPicker
            label={t("staff.providerOf", { name: member.displayName })}
            value={member.providerId ?? ""}
            providers={providers}
            onPick={(providerId) => {
              onChange({ ...none, providerId });
            }}
          />
        )}
      </td>
      <td>
        <input
          type="checkbox"
          aria-label={t("staff.activeOf", { name: member.displayName })}
          checked={member.active}
          onChange={(event) => {
            onChange({ ...none, active: event.target.checked });
          }}
        />
      </td>
      <td>
        <form
          className="staff-reset"
          onSubmit={(event) => {
            event.preventDefault();
            onReset(pin);
            setPin("");
          }}
        >
          <input
            type="password"
            autoComplete="new-password"
            aria-label={t("staff.newPinOf", { name: member.displayName })}
            value={pin}
            onChange={(event) => {
              setPin(event.target.value);
            }}
            required
          />
          <button type="submit" className="button">
            {t("staff.reset")}
          </button>
        </form>
      </td>
    </tr>
  );
}

function NewStaffForm({ providers, onCreated }: { providers: Provider[]; onCreated: () => void }) {
  const t = useT();
  const empty = {
    username: "",
    displayName: "",
    role: "receptionist" as Role,
    credential: "",
    providerId: null as string | null,
  };
  const [draft, setDraft] = useState(empty);
  const create = useMutation({
    mutationFn: (staff: typeof draft) => createStaff(staff),
    onSuccess: () => {
      setDraft(empty);
      onCreated();
    },
  });
  const submit = (event: SyntheticEvent) => {
    event.preventDefault();
    create.mutate({ ...draft, providerId: draft.role === "clinician" ? draft.providerId : null });
  };
  return (
    <form className="staff-new" onSubmit={submit} aria-labelledby="staff-new-title" data-testid="staff-new">
      <h2 id="staff-new-title">{t("staff.add")}</h2>
      <label className="access-field">
        <span>{t("access.displayName")}</span>
        <input
          value={draft.displayName}
          onChange={(event) => {
            setDraft({ ...draft, displayName: event.target.value });
          }}
          required
        />
      </label>
      <label className="access-field">
        <span>{t("access.username")}</span>
        <input
          value={draft.username}
          autoCapitalize="none"
          spellCheck={false}
          onChange={(event) => {
            setDraft({ ...draft, username: event.target.value });
          }}
          required
        />
      </label>
      <label className="access-field">
        <span>{t("staff.role")}</span>
        <select
          value={draft.role}
          onChange={(event) => {
            setDraft({ ...draft, role: event.target.value as Role });
          }}
        >
          {ROLES.map((role) => (
            <option key={role} value={role}>
              {t(`access.role.${role}`)}
            </option>
          ))}
        </select>
      </label>
      {draft.role === "clinician" && (
        <>
          <label className="access-field">
            <span>{t("staff.provider")}</span>
            <ProviderPicker
              value={draft.providerId ?? ""}
              providers={providers}
              onPick={(providerId) => {
                setDraft({ ...draft, providerId });
              }}
            />
          </label>
          <p className="muted">{t("staff.providerHint")}</p>
        </>
      )}
      <label className="access-field">
        <span>{t("access.newCredential")}</span>
        <input
          type="password"
          autoComplete="new-password"
          value={draft.credential}
          onChange={(event) => {
            setDraft({ ...draft, credential: event.target.value });
          }}
          required
        />
      </label>
      <p className="muted">{t("access.credentialRule")}</p>
      {create.isError && <ErrorBanner error={toAppError(create.error)} />}
      <button type="submit" className="button button--primary">
        {t("staff.create")}
      </button>
      <RoleHint />
    </form>
  );
}

function RoleHint() {
  const t = useT();
  return (
    <ul className="muted">
      {ROLES.map((role) => (
        <li key={role}>
          <strong>
            <RoleName role={role} />
          </strong>
          : {t(`staff.roleHint.${role}`)}
        </li>
      ))}
    </ul>
  );
}

function IdleLockForm() {
  const t = useT();
  const session = useSession();
  const client = useQueryClient();
  const current = Math.max(1, Math.round((session?.status.idleLockSecs ?? 900) / 60));
  const [minutes, setMinutes] = useState(String(current));
  const save = useMutation({
    mutationFn: (value: number) => setIdleLockMinutes(value),
    onSuccess: () => void client.invalidateQueries({ queryKey: ["session"] }),
  });
  return (
    <form
      className="staff-idle"
      aria-labelledby="staff-idle-title"
      onSubmit={(event) => {
        event.preventDefault();
        save.mutate(Number(minutes));
      }}
    >
      <h2 id="staff-idle-title">{t("staff.idleTitle")}</h2>
      <label className="access-field">
        <span>{t("staff.idleMinutes")}</span>
        <input
          type="number"
          min={1}
          max={60}
          value={minutes}
          data-testid="idle-minutes"
          onChange={(event) => {
            setMinutes(event.target.value);
          }}
        />
      </label>
      {save.isError && <ErrorBanner error={toAppError(save.error)} />}
      {save.isSuccess && (
        <p role="status" className="notice">
          {t("staff.idleSaved")}
        </p>
      )}
      <button type="submit" className="button">
        {t("staff.idleSave")}
      </button>
    </form>
  );
}

function RetentionForm() {
  const t = useT();
  const client = useQueryClient();
  const stored = useQuery({ queryKey: ["retentionWindow"], queryFn: getRetentionWindow });
  // null until the admin types: the field shows the window in force (emptying it stays empty).
  const [days, setDays] = useState<string | null>(null);
  const save = useMutation({
    mutationFn: (value: number) => setRetentionWindow(value),
    onSuccess: () => void client.invalidateQueries({ queryKey: ["retentionWindow"] }),
  });
  const purge = useMutation({ mutationFn: purgeNow });
  const shown = days ?? (stored.data ? String(stored.data.days) : "");
  return (
    <form
      className="staff-idle"
      aria-labelledby="retention-title"
      data-testid="retention"
      onSubmit={(event) => {
        event.preventDefault();
        save.mutate(Number(shown));
      }}
    >
      <h2 id="retention-title">{t("retention.title")}</h2>
      {stored.data && (
        <p className="muted" data-testid="retention-in-force">
          {t(stored.data.chosen ? "retention.chosen" : "retention.default", { days: stored.data.defaultDays })}
        </p>
      )}
      <label className="access-field">
        <span>{t("retention.days")}</span>
        <input
          type="number"
          min={7}
          max={3650}
          value={shown}
          onChange={(event) => {
            setDays(event.target.value);
          }}
          required
        />
      </label>
      {save.isError && <ErrorBanner error={toAppError(save.error)} />}
      {purge.isError && <ErrorBanner error={toAppError(purge.error)} />}
      {save.isSuccess && (
        <p role="status" className="notice">
          {t("retention.saved")}
        </p>
      )}
      {purge.data && (
        <p role="status" className="notice" data-testid="purged">
          {t("retention.purged", { ...purge.data })}
        </p>
      )}
      <button type="submit" className="button">
        {t("retention.save")}
      </button>
      <button
        type="button"
        className="button"
        disabled={!stored.data}
        onClick={() => {
          purge.mutate();
        }}
      >
        {t("retention.purge")}
      </button>
    </form>
  );
}
