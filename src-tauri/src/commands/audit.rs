//! The admin's audit view: the log filtered by person, patient, action and date, the hash chain
//! verified on demand, and exports (CSV or JSON) for the compliance officer. An export goes only
//! where the person picks in the system's save dialog, which the backend opens itself (the
//! webview never names a path), is written owner-only, and is itself an audit row; so is every
//! look at the log.

use super::access::store_error;
use super::blocking;
use crate::error::AppError;
use crate::state::AppState;
use chrono::NaiveDate;
use frontdesk_core::PatientId;
use frontdesk_store::{AuditEntry, AuditEvent, AuditOutcome};
use serde::{Deserialize, Serialize};
use specta::Type;
use std::path::Path;
use tauri::{AppHandle, State};

/// The most rows the view shows at once, newest first; narrow the filter for older ones.
const MAX_ROWS: usize = 500;

/// What to look for; empty fields match everything. Dates are UTC days, inclusive.
#[derive(Debug, Clone, Default, Deserialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct AuditFilter {
    /// A person (`staff:rosa`) or any actor containing this text.
    pub actor: Option<String>,
    pub patient_id: Option<String>,
    /// An action (`patient.card`) or a family of them (`session`).
    pub action: Option<String>,
    /// `YYYY-MM-DD`.
    pub from: Option<String>,
    /// `YYYY-MM-DD`.
    pub to: Option<String>,
}

/// One row as the view shows it.
#[derive(Debug, Clone, Serialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct AuditRow {
    pub seq: u32,
    /// RFC 3339, UTC.
    pub at: String,
    pub actor: String,
    pub action: String,
    pub patient_id: Option<String>,
    /// `ok`, `refused`, `denied` or `failed`.
    pub outcome: String,
    /// The row's detail as JSON text (counts, ids, setting keys; never PHI).
    pub detail: String,
}

#[derive(Debug, Clone, Serialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct AuditPage {
    /// Newest first, at most a few hundred.
    pub rows: Vec<AuditRow>,
    /// How many rows matched in all.
    pub matched: u32,
}

/// The chain's verdict.
#[derive(Debug, Clone, Serialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct AuditCheck {
    pub rows: u32,
    pub intact: bool,
    pub first_bad_seq: Option<u32>,
    pub problem: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Type)]
#[serde(rename_all = "camelCase")]
pub enum AuditFormat {
    Csv,
    Json,
}

fn day(field: &str, value: Option<&String>) -> Result<Option<NaiveDate>, AppError> {
    value
        .filter(|v| !v.trim().is_empty())
        .map(|v| {
            NaiveDate::parse_from_str(v.trim(), "%Y-%m-%d").map_err(|_| AppError::Invalid {
                field: field.into(),
                message: "use a date like 2026-11-21".into(),
            })
        })
        .transpose()
}

fn text(value: Option<&String>) -> Option<String> {
    value
        .map(|v| v.trim().to_lowercase())
        .filter(|v| !v.is_empty())
}

/// The entries matching `filter`, oldest first.
pub fn matching(
    entries: Vec<AuditEntry>,
    filter: &AuditFilter,
) -> Result<Vec<AuditEntry>, AppError> {
    let from = day("from", filter.from.as_ref())?;
    let to = day("to", filter.to.as_ref())?;
    let actor = text(filter.actor.as_ref());
    let action = text(filter.action.as_ref());
    let patient = filter
        .patient_id
        .as_ref()
        .map(|p| p.trim().to_owned())
        .filter(|p| !p.is_empty());
    Ok(entries
        .into_iter()
        .filter(|e| {
            let date = e.at.date_naive();
            actor
                .as_ref()
                .is_none_or(|a| e.actor.to_lowercase().contains(a.as_str()))
                && action.as_ref().is_none_or(|a| {
                    let own = e.action.to_lowercase();
                    own == *a || own.starts_with(&format!("{a}."))
                })
                && patient
                    .as_ref()
                    .is_none_or(|p| e.patient_id.as_ref().is_some_and(|id| id.0 == *p))
                && from.is_none_or(|f| date >= f)
                && to.is_none_or(|t| date <= t)
        })
        .collect())
}

fn outcome_key(entry: &AuditEntry) -> String {
    serde_json::to_value(entry.outcome)
        .ok()
        .and_then(|v| v.as_str().map(str::to_owned))
        .unwrap_or_default()
}

fn row(entry: &AuditEntry) -> AuditRow {
    AuditRow {
        seq: u32::try_from(entry.seq).unwrap_or(u32::MAX),
        at: entry
            .at
            .to_rfc3339_opts(chrono::SecondsFormat::Millis, true),
        actor: entry.actor.clone(),
        action: entry.action.clone(),
        patient_id: entry.patient_id.as_ref().map(|p| p.0.clone()),
        outcome: outcome_key(entry),
        detail: entry.detail.to_string(),
    }
}

/// Reads the log (filtered) and records that it was read.
#[tauri::command]
#[specta::specta]
pub async fn audit_log(
    state: State<'_, AppState>,
    filter: AuditFilter,
) -> Result<AuditPage, AppError> {
    let store = state.store()?;
    let actor = state.actor().to_owned();
    blocking::run(move || {
        let found = matching(store.audit_entries(None).map_err(store_error)?, &filter)?;
        let mut event = AuditEvent::new(&actor, "audit.view", AuditOutcome::Ok)
            .detail(serde_json::json!({ "matched": found.len() }));
        if let Some(patient) = filter.patient_id.as_ref().filter(|p| !p.trim().is_empty()) {
            event = event.patient(&PatientId(patient.trim().to_owned()));
        }
        store.audit_append(&event).map_err(store_error)?;
        Ok(AuditPage {
            matched: u32::try_from(found.len()).unwrap_or(u32::MAX),
            rows: found.iter().rev().take(MAX_ROWS).map(row).collect(),
        })
    })
    .await
}

/// Walks the whole chain and says whether any row was edited, inserted or deleted.
#[tauri::command]
#[specta::specta]
pub async fn audit_verify(state: State<'_, AppState>) -> Result<AuditCheck, AppError> {
    let store = state.store()?;
    let actor = state.actor().to_owned();
    blocking::run(move || {
        let verdict = store.audit_verify().map_err(store_error)?;
        store
            .audit_append(
                &AuditEvent::new(&actor, "audit.verify", AuditOutcome::Ok)
                    .detail(serde_json::json!({ "intact": verdict.intact })),
            )
            .map_err(store_error)?;
        Ok(AuditCheck {
            rows: u32::try_from(verdict.rows).unwrap_or(u32::MAX),
            intact: verdict.intact,
            first_bad_seq: verdict.first_bad_seq.and_then(|s| u32::try_from(s).ok()),
            problem: verdict.problem,
        })
    })
    .await
}

/// Exports the matching rows to a file the person picks in the system's save dialog; `None`
/// when they cancel. Returns the file's name (not its folder) for the confirmation.
#[tauri::command]
#[specta::specta]
pub async fn export_audit(
    app: AppHandle,
    state: State<'_, AppState>,
    format: AuditFormat,
    filter: AuditFilter,
) -> Result<Option<String>, AppError> {
    use tauri_plugin_dialog::DialogExt;
    let store = state.store()?;
    let actor = state.actor().to_owned();
    let (name, extension) = match format {
        AuditFormat::Csv => ("frontdesk-audit.csv", "csv"),
        AuditFormat::Json => ("frontdesk-audit.json", "json"),
    };
    blocking::run(move || {
        let Some(chosen) = app
            .dialog()
            .file()
            .set_file_name(name)
            .add_filter(extension.to_uppercase(), &[extension])
            .blocking_save_file()
        else {
            return Ok(None);
        };
        let path = chosen.into_path().map_err(|_| AppError::Invalid {
            field: "path".into(),
            message: "choose a file on this computer".into(),
        })?;
        let entries = matching(store.audit_entries(None).map_err(store_error)?, &filter)?;
        let body = match format {
            AuditFormat::Csv => to_csv(&entries),
            AuditFormat::Json => {
                serde_json::to_string_pretty(&entries).map_err(|e| AppError::Internal {
                    message: format!("the export could not be encoded: {e}"),
                })?
            }
        };
        let written = write_private(&path, body.as_bytes());
        store
            .audit_append(
                &AuditEvent::new(
                    &actor,
                    "audit.export",
                    if written.is_ok() {
                        AuditOutcome::Ok
                    } else {
                        AuditOutcome::Failed
                    },
                )
                .detail(serde_json::json!({ "rows": entries.len(), "format": extension })),
            )
            .map_err(store_error)?;
        written?;
        Ok(path.file_name().map(|n| n.to_string_lossy().into_owned()))
    })
    .await
}

/// The rows as CSV (RFC 4180), hashes included, so the chain can be checked outside the app.
#[must_use]
pub fn to_csv(entries: &[AuditEntry]) -> String {
    fn field(value: &str) -> String {
        if value.contains([',', '"', '\n', '\r']) {
            format!("\"{}\"", value.replace('"', "\"\""))
        } else {
            value.to_owned()
        }
    }
    let mut out = String::from("seq,at,actor,action,patient_id,outcome,detail,prev_hash,hash\r\n");
    for e in entries {
        let r = row(e);
        let cells = [
            r.seq.to_string(),
            r.at,
            r.actor,
            r.action,
            r.patient_id.unwrap_or_default(),
            r.outcome,
            r.detail,
            e.prev_hash.clone(),
            e.hash.clone(),
        ];
        out.push_str(&cells.iter().map(|c| field(c)).collect::<Vec<_>>().join(","));
        out.push_str("\r\n");
    }
    out
}

/// Writes `bytes` to `path` readable and writable by this OS user only, replacing any file
/// there (the save dialog already asked before overwriting).
pub fn write_private(path: &Path, bytes: &[u8]) -> Result<(), AppError> {
    use std::io::Write;
    let failed = |e: std::io::Error| AppError::Storage {
        message: format!("the export could not be written: {}", e.kind()),
        way_out: "Choose a folder you can write to and export again.".into(),
    };
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create(true).truncate(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    let mut file = options.open(path).map_err(failed)?;
    // An existing file keeps its old mode through open(): tighten it either way.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        file.set_permissions(std::fs::Permissions::from_mode(0o600))
            .map_err(failed)?;
    }
    file.write_all(bytes).map_err(failed)?;
    file.sync_all().map_err(failed)
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;
    use frontdesk_store::{MemoryKeyProvider, Store};

    fn store_with_rows() -> (tempfile::TempDir, Store) {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(dir.path(), &MemoryKeyProvider::new(), "os:test").unwrap();
        let event = |actor: &str, action: &str| AuditEvent::new(actor, action, AuditOutcome::Ok);
        store
            .audit_append(&event("staff:rosa", "patient.card").patient(&PatientId("p-1".into())))
            .unwrap();
        store
            .audit_append(&event("staff:lee", "session.signIn"))
            .unwrap();
        store
            .audit_append(
                &event("staff:rosa", "settings.change")
                    .detail(serde_json::json!({"key": "a,\"b\""})),
            )
            .unwrap();
        (dir, store)
    }

    fn filter() -> AuditFilter {
        AuditFilter::default()
    }

    #[test]
    fn filters_by_person_patient_action_family_and_day() {
        let (_dir, store) = store_with_rows();
        let all = || store.audit_entries(None).unwrap();
        let actions = |f: &AuditFilter| -> Vec<String> {
            matching(all(), f)
                .unwrap()
                .into_iter()
                .map(|e| e.action)
                .collect()
        };
        assert_eq!(
            actions(&filter()).len(),
            4,
            "the open's unlock and three rows"
        );
        let rosa = AuditFilter {
            actor: Some("Staff:Rosa".into()),
            ..filter()
        };
        assert_eq!(actions(&rosa), ["patient.card", "settings.change"]);
        let patient = AuditFilter {
            patient_id: Some("p-1".into()),
            ..filter()
        };
        assert_eq!(actions(&patient), ["patient.card"]);
        let family = AuditFilter {
            action: Some("session".into()),
            ..filter()
        };
        assert_eq!(actions(&family), ["session.signIn"]);
        let not_a_prefix = AuditFilter {
            action: Some("sess".into()),
            ..filter()
        };
        assert!(actions(&not_a_prefix).is_empty());
        let today = chrono::Utc::now().date_naive().to_string();
        let tomorrow = (chrono::Utc::now().date_naive() + chrono::Days::new(1)).to_string();
        let window = AuditFilter {
            from: Some(today.clone()),
            to: Some(today),
            ..filter()
        };
        assert_eq!(actions(&window).len(), 4);
        let later = AuditFilter {
            from: Some(tomorrow),
            ..filter()
        };
        assert!(actions(&later).is_empty());
        let bad = AuditFilter {
            from: Some("21/11/2026".into()),
            ..filter()
        };
        assert!(
            matches!(matching(all(), &bad), Err(AppError::Invalid { field, .. }) if field == "from")
        );
    }

    #[test]
    fn csv_quotes_what_needs_it_and_keeps_the_hashes() {
        let (_dir, store) = store_with_rows();
        let entries = store.audit_entries(None).unwrap();
        let csv = to_csv(&entries);
        let lines: Vec<&str> = csv.split("\r\n").collect();
        assert_eq!(
            lines[0],
            "seq,at,actor,action,patient_id,outcome,detail,prev_hash,hash"
        );
        assert_eq!(lines.len(), entries.len() + 2, "header, rows, final empty");
        assert!(
            lines[4].contains(r#""{""key"":""a,\""b\""""}""#),
            "{}",
            lines[4]
        );
        assert!(lines[4].ends_with(&entries[3].hash));
        assert!(lines[2].contains(",p-1,ok,"));
    }

    #[cfg(unix)]
    #[test]
    fn an_export_is_owner_only_even_over_an_existing_file() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("audit.csv");
        std::fs::write(&path, "old contents that are longer").unwrap();
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o644)).unwrap();
        write_private(&path, b"new").unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"new");
        let mode = std::fs::metadata(&path).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600);
    }
}
