// The phone menu at CXone: the templates on offer, and a custom flow built from one with the
// practice's department, hours, open days, holidays, greeting and integrations. Each mistake is
// named beside its input before anything is sent; CXone's answer (the flow's status and
// deployment status) is announced when it comes.
import { useId, useState } from "react";
import type { SyntheticEvent } from "react";
import { createIvrFlow } from "../api/backend";
import type { AppError, IvrFlowStatus } from "../api/backend";
import { toAppError } from "../api/errors";
import { useIvrTemplates } from "../api/queries";
import { ErrorBanner } from "../errors/ErrorBanner";
import { useT } from "../i18n/context";
import type { Translate } from "../i18n/types";
import { DayChecks } from "./DayChecks";
import { Check, Field } from "./Field";
import { splitFailure } from "./failure";
import { datesError, splitDates, windowError } from "./rules";
import type { Errors } from "./rules";

interface Draft {
  templateId: string;
  name: string;
  description: string;
  departmentName: string;
  collectInsuranceInfo: boolean;
  offerCallbackOption: boolean;
  maxCallbackDays: string;
  workingHoursStart: string;
  workingHoursEnd: string;
  workingDays: string[];
  holidayDates: string;
  greetingMessage: string;
  ehrSystemId: string;
  schedulingSystemId: string;
  authenticationRequired: boolean;
}

const EMPTY: Draft = {
  templateId: "",
  name: "",
  description: "",
  departmentName: "",
  collectInsuranceInfo: false,
  offerCallbackOption: false,
  maxCallbackDays: "",
  workingHoursStart: "",
  workingHoursEnd: "",
  workingDays: [],
  holidayDates: "",
  greetingMessage: "",
  ehrSystemId: "",
  schedulingSystemId: "",
  authenticationRequired: false,
};

const FIELDS = [
  "templateId",
  "name",
  "description",
  "departmentName",
  "maxCallbackDays",
  "workingHoursStart",
  "workingHoursEnd",
  "workingDays",
  "holidayDates",
  "greetingMessage",
  "ehrSystemId",
  "schedulingSystemId",
] as const;

/** The form's own checks, in the desk's language. */
export function checkIvr(d: Draft, t: Translate): Errors {
  const errors: Errors = {};
  if (d.templateId === "") errors.templateId = t("setup.required");
  if (d.name.trim() === "") errors.name = t("setup.required");
  const [start, end] = [d.workingHoursStart.trim(), d.workingHoursEnd.trim()];
  if ((start === "") !== (end === "")) {
    errors[start === "" ? "workingHoursStart" : "workingHoursEnd"] = t("setup.rule.bothEnds");
  } else if (start !== "") {
    const bad = windowError(start, end, t);
    if (bad) errors[bad.field === "start" ? "workingHoursStart" : "workingHoursEnd"] = bad.message;
  }
  const holidays = datesError(splitDates(d.holidayDates), t);
  if (holidays) errors.holidayDates = holidays;
  if (d.offerCallbackOption && d.maxCallbackDays.trim() !== "") {
    const days = Number(d.maxCallbackDays);
    if (!Number.isInteger(days) || days < 1 || days > 365) errors.maxCallbackDays = t("setup.rule.callbackDays");
  }
  return errors;
}

const blankToNull = (s: string) => (s.trim() === "" ? null : s.trim());

export function IvrSection() {
  const t = useT();
  const id = useId();
  const templates = useIvrTemplates();
  const [draft, setDraft] = useState<Draft>(EMPTY);
  const [errors, setErrors] = useState<Errors>({});
  const [banner, setBanner] = useState<AppError | null>(null);
  const [busy, setBusy] = useState(false);
  const [created, setCreated] = useState<IvrFlowStatus | null>(null);
  const set = <K extends keyof Draft>(key: K) => (value: Draft[K]) => {
    setDraft((d) => ({ ...d, [key]: value }));
  };

  const submit = (event: SyntheticEvent) => {
    event.preventDefault();
    setBanner(null);
    setCreated(null);
    const local = checkIvr(draft, t);
    setErrors(local);
    if (Object.keys(local).length > 0) return;
    setBusy(true);
    createIvrFlow({
      name: draft.name.trim(),
      description: blankToNull(draft.description),
      templateId: draft.templateId,
      departmentName: blankToNull(draft.departmentName),
      collectInsuranceInfo: draft.collectInsuranceInfo,
      offerCallbackOption: draft.offerCallbackOption,
      maxCallbackDays: draft.offerCallbackOption && draft.maxCallbackDays.trim() !== "" ? Number(draft.maxCallbackDays) : null,
      workingHoursStart: blankToNull(draft.workingHoursStart),
      workingHoursEnd: blankToNull(draft.workingHoursEnd),
      workingDays: draft.workingDays,
      holidayDates: splitDates(draft.holidayDates),
      greetingMessage: blankToNull(draft.greetingMessage),
      ehrSystemId: blankToNull(draft.ehrSystemId),
      schedulingSystemId: blankToNull(draft.schedulingSystemId),
      authenticationRequired: draft.authenticationRequired,
    })
      .then((flow) => {
        setCreated(flow);
      })
      .catch((failure: unknown) => {
        const split = splitFailure(failure, FIELDS);
        setErrors(split.errors);
        setBanner(split.banner);
      })
      .finally(() => {
        setBusy(false);
      });
  };

  const f = (key: (typeof FIELDS)[number]) => `${id}-${key}`;

  return (
    <section aria-labelledby={`${id}-heading`} className="setup-section" data-testid="ivr-section">
      <h2 id={`${id}-heading`}>{t("setup.ivr.heading")}</h2>
      <h3>{t("setup.ivr.templates")}</h3>
      {templates.isError ? (
        <ErrorBanner error={toAppError(templates.error)} onRetry={() => void templates.refetch()} />
      ) : !templates.data ? (
        <p className="muted">{t("app.loading")}</p>
      ) : templates.data.length === 0 ? (
        <p className="notice">{t("setup.ivr.noTemplates")}</p>
      ) : (
        <table className="data-table" data-testid="ivr-templates" aria-label={t("setup.ivr.templates")}>
          <thead>
            <tr>
              <th scope="col">{t("setup.ivr.template")}</th>
              <th scope="col">{t("setup.ivr.category")}</th>
              <th scope="col">{t("setup.ivr.description")}</th>
            </tr>
          </thead>
          <tbody>
            {templates.data.map((tpl) => (
              <tr key={tpl.id} data-template-id={tpl.id}>
                <td>{tpl.name}</td>
                <td>{tpl.category ?? ""}</td>
                <td>{tpl.description ?? ""}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}

      <h3 id={`${id}-new`}>{t("setup.ivr.newFlow")}</h3>
      <form className="setup-form" aria-labelledby={`${id}-new`} onSubmit={submit} noValidate data-testid="ivr-form">
        <div className="setup-form__field">
          <label htmlFor={f("templateId")}>{t("setup.ivr.template")}</label>
          <select
            id={f("templateId")}
            name="templateId"
            value={draft.templateId}
            aria-invalid={errors.templateId ? true : undefined}
            aria-describedby={errors.templateId ? `${f("templateId")}-error` : undefined}
            onChange={(event) => {
              set("templateId")(event.target.value);
            }}
          >
            <option value="">{t("setup.ivr.chooseTemplate")}</option>
            {(templates.data ?? []).map((tpl) => (
              <option key={tpl.id} value={tpl.id}>
                {tpl.name}
              </option>
            ))}
          </select>
          {errors.templateId && (
            <span id={`${f("templateId")}-error`} className="setup-form__error" data-testid="field-error">
              {errors.templateId}
            </span>
          )}
        </div>
        <div className="setup-form__row">
          <Field id={f("name")} name="name" label={t("setup.ivr.name")} value={draft.name} onValue={set("name")} error={errors.name} />
          <Field
            id={f("departmentName")}
            name="departmentName"
            label={t("setup.ivr.department")}
            value={draft.departmentName}
            onValue={set("departmentName")}
            error={errors.departmentName}
          />
        </div>
        <Field
          id={f("description")}
          name="description"
          label={t("setup.ivr.description")}
          value={draft.description}
          onValue={set("description")}
          error={errors.description}
        />
        <div className="setup-form__row">
          <Field
            id={f("workingHoursStart")}
            name="workingHoursStart"
            label={t("setup.ivr.hoursStart")}
            placeholder="08:00"
            inputMode="numeric"
            value={draft.workingHoursStart}
            onValue={set("workingHoursStart")}
            error={errors.workingHoursStart}
          />
          <Field
            id={f("workingHoursEnd")}
            name="workingHoursEnd"
            label={t("setup.ivr.hoursEnd")}
            placeholder="17:00"
            inputMode="numeric"
            value={draft.workingHoursEnd}
            onValue={set("workingHoursEnd")}
            error={errors.workingHoursEnd}
          />
        </div>
        <DayChecks
          id={f("workingDays")}
          legend={t("setup.ivr.workingDays")}
          days={draft.workingDays}
          onDays={set("workingDays")}
          error={errors.workingDays}
        />
        <Field
          id={f("holidayDates")}
          name="holidayDates"
          label={t("setup.ivr.holidays")}
          hint={t("setup.ivr.holidaysHint")}
          placeholder="2026-12-25, 2027-01-01"
          value={draft.holidayDates}
          onValue={set("holidayDates")}
          error={errors.holidayDates}
        />
        <Field
          id={f("greetingMessage")}
          name="greetingMessage"
          label={t("setup.ivr.greeting")}
          value={draft.greetingMessage}
          onValue={set("greetingMessage")}
          error={errors.greetingMessage}
        />
        <div className="setup-form__row">
          <Check
            id={`${id}-collectInsuranceInfo`}
            label={t("setup.ivr.collectInsurance")}
            checked={draft.collectInsuranceInfo}
            onChecked={set("collectInsuranceInfo")}
          />
          <Check
            id={`${id}-offerCallbackOption`}
            label={t("setup.ivr.offerCallback")}
            checked={draft.offerCallbackOption}
            onChecked={set("offerCallbackOption")}
          />
          {draft.offerCallbackOption && (
            <Field
              id={f("maxCallbackDays")}
              name="maxCallbackDays"
              label={t("setup.ivr.maxCallbackDays")}
              inputMode="numeric"
              value={draft.maxCallbackDays}
              onValue={set("maxCallbackDays")}
              error={errors.maxCallbackDays}
            />
          )}
        </div>
        <div className="setup-form__row">
          <Field id={f("ehrSystemId")} name="ehrSystemId" label={t("setup.ivr.ehrId")} value={draft.ehrSystemId} onValue={set("ehrSystemId")} error={errors.ehrSystemId} />
          <Field
            id={f("schedulingSystemId")}
            name="schedulingSystemId"
            label={t("setup.ivr.schedulingId")}
            value={draft.schedulingSystemId}
            onValue={set("schedulingSystemId")}
            error={errors.schedulingSystemId}
          />
          <Check
            id={`${id}-authenticationRequired`}
            label={t("setup.ivr.authRequired")}
            checked={draft.authenticationRequired}
            onChecked={set("authenticationRequired")}
          />
        </div>
        {banner && <ErrorBanner error={banner} />}
        <div>
          <button type="submit" className="button button--primary" disabled={busy} data-testid="ivr-create">
            {busy ? t("setup.busy") : t("setup.ivr.create")}
          </button>
        </div>
      </form>
      <div role="status" className="setup-result" data-testid="ivr-result">
        {created && (
          <>
            <p>{t("setup.ivr.created", { id: created.id })}</p>
            <dl className="facts">
              <dt>{t("setup.ivr.status")}</dt>
              <dd data-testid="ivr-status">{created.status}</dd>
              <dt>{t("setup.ivr.deploymentStatus")}</dt>
              <dd data-testid="ivr-deployment">{created.deploymentStatus ?? t("setup.ivr.notReported")}</dd>
            </dl>
          </>
        )}
      </div>
    </section>
  );
}
