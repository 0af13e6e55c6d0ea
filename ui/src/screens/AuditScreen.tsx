// The admin's audit view (Dana at 17:30): who opened which card, filtered by person, patient,
// action and day; the hash chain checked on demand; and the same rows exported as CSV or JSON
// for the compliance officer, to a file picked in the system's save dialog. Looking, checking
// and exporting are each recorded in the log itself.
import { useMutation, useQuery } from "@tanstack/react-query";
import { useState } from "react";
import type { SyntheticEvent } from "react";
import { exportAudit, getAuditLog, verifyAudit } from "../api/backend";
import type { AuditFilter, AuditFormat } from "../api/backend";
import { toAppError } from "../api/errors";
import { ErrorBanner } from "../errors/ErrorBanner";
import { useI18n } from "../i18n/context";
import { formatDateTime } from "../i18n/format";
import { Page } from "./Page";

const EMPTY: AuditFilter = { actor: null, patientId: null, action: null, from: null, to: null };

function blankToNull(value: string): string | null {
  return value.trim() === "" ? null : value.trim();
}

export function AuditScreen() {
  const { t, locale } = useI18n();
  const [draft, setDraft] = useState({ actor: "", patientId: "", action: "", from: "", to: "" });
  const [filter, setFilter] = useState<AuditFilter>(EMPTY);
  const log = useQuery({ queryKey: ["auditLog", filter], queryFn: () => getAuditLog(filter) });
  const verify = useMutation({ mutationFn: verifyAudit });
  const exporter = useMutation({ mutationFn: (format: AuditFormat) => exportAudit(format, filter) });

  const apply = (event: SyntheticEvent) => {
    event.preventDefault();
    setFilter({
      actor: blankToNull(draft.actor),
      patientId: blankToNull(draft.patientId),
      action: blankToNull(draft.action),
      from: blankToNull(draft.from),
      to: blankToNull(draft.to),
    });
  };
  const field = (name: keyof typeof draft, label: string, type = "text") => (
    <label className="audit-filter__field">
      <span>{label}</span>
      <input
        type={type}
        data-testid={`audit-filter-${name}`}
        value={draft[name]}
        onChange={(event) => {
          setDraft({ ...draft, [name]: event.target.value });
        }}
      />
    </label>
  );

  return (
    <Page title={t("audit.title")}>
      <form className="audit-filter" onSubmit={apply} aria-label={t("audit.filter")}>
        {field("actor", t("audit.actor"))}
        {field("patientId", t("audit.patient"))}
        {field("action", t("audit.action"))}
        {field("from", t("audit.from"), "date")}
        {field("to", t("audit.to"), "date")}
        <button type="submit" className="button button--primary" data-testid="audit-apply">
          {t("audit.apply")}
        </button>
      </form>

      <div className="audit-actions">
        <button type="button" className="button" data-testid="audit-verify" onClick={() => { verify.mutate(); }}>
          {t("audit.verify")}
        </button>
        <button type="button" className="button" data-testid="audit-export-csv" onClick={() => { exporter.mutate("csv"); }}>
          {t("audit.exportCsv")}
        </button>
        <button type="button" className="button" data-testid="audit-export-json" onClick={() => { exporter.mutate("json"); }}>
          {t("audit.exportJson")}
        </button>
      </div>
      {verify.data && (
        <p role="status" data-testid="audit-verdict" data-intact={verify.data.intact} className={verify.data.intact ? "notice" : "access-error"}>
          {verify.data.intact
            ? t("audit.intact", { rows: verify.data.rows })
            : t("audit.broken", { seq: verify.data.firstBadSeq ?? 0, problem: verify.data.problem ?? "" })}
        </p>
      )}
      {exporter.isSuccess && exporter.data !== null && (
        <p role="status" className="notice" data-testid="audit-exported">
          {t("audit.exported", { file: exporter.data })}
        </p>
      )}
      {verify.isError && <ErrorBanner error={toAppError(verify.error)} />}
      {exporter.isError && <ErrorBanner error={toAppError(exporter.error)} />}
      {log.isError && <ErrorBanner error={toAppError(log.error)} onRetry={() => void log.refetch()} />}
      {log.data && (
        <>
          <p className="muted" data-testid="audit-matched">
            {t("audit.matched", { shown: log.data.rows.length, matched: log.data.matched })}
          </p>
          <table className="data-table data-table--dense" data-testid="audit-table">
            <thead>
              <tr>
                <th scope="col">#</th>
                <th scope="col">{t("audit.when")}</th>
                <th scope="col">{t("audit.actor")}</th>
                <th scope="col">{t("audit.action")}</th>
                <th scope="col">{t("audit.patient")}</th>
                <th scope="col">{t("audit.outcome")}</th>
                <th scope="col">{t("audit.detail")}</th>
              </tr>
            </thead>
            <tbody>
              {log.data.rows.map((row) => (
                <tr key={row.seq} data-testid="audit-row" data-action={row.action} data-actor={row.actor}>
                  <td>{row.seq}</td>
                  <td>
                    <time dateTime={row.at}>{formatDateTime(row.at, locale)}</time>
                  </td>
                  <td>{row.actor}</td>
                  <td>{row.action}</td>
                  <td className="facts__path">{row.patientId ?? ""}</td>
                  <td>{row.outcome}</td>
                  <td className="facts__path">{row.detail === "{}" ? "" : row.detail}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </Page>
  );
}
