//! `frontdesk callback --patient ID --at DATETIME --reason TEXT`: asks CXone to call a patient
//! back. The request goes through the durable outbox, so while CXone is unreachable it waits
//! (state `queued`, exit 0) and the next `frontdesk sync` sends it, exactly once.

use crate::cli::{CallbackArgs, Cli};
use crate::context::{self, actor};
use crate::exit::{ExitCode, Failure};
use crate::output;
use chrono::Utc;
use frontdesk_core::PatientId;
use frontdesk_core::contact::{Callback, OutboxState};
use frontdesk_core::outbox::OutboxItem;
use frontdesk_desk::Desk;
use frontdesk_store::KeychainKeyProvider;
use serde_json::json;

/// CXone's own limit on a callback reason is not documented; keep it to a sentence.
const MAX_REASON_CHARS: usize = 500;

pub fn run(cli: &Cli, args: &CallbackArgs) -> Result<(), Failure> {
    let reason = args.reason.trim();
    if reason.is_empty() || reason.chars().count() > MAX_REASON_CHARS {
        return Err(Failure::new(
            ExitCode::BadInput,
            format!("--reason must be 1 to {MAX_REASON_CHARS} characters"),
        ));
    }
    let config = context::config(cli)?;
    if config.cxone.is_none() {
        return Err(Failure::new(
            ExitCode::BadInput,
            format!("CXone is not configured in {}", config.path.display()),
        ));
    }
    let data_dir = context::data_dir(cli)?;
    let secrets = context::secrets();
    let item = OutboxItem::Callback(Callback {
        id: uuid::Uuid::new_v4().to_string(),
        patient_id: PatientId(args.patient.clone()),
        at: args.at.with_timezone(&Utc),
        reason: reason.to_owned(),
        state: OutboxState::Queued,
    });
    let id = item.id().to_owned();
    let state = context::runtime()?.block_on(async move {
        let desk = Desk::open(config, &secrets, &data_dir, &KeychainKeyProvider, &actor())?;
        // The patient must exist before anything is queued: a typo is exit 2, not a callback
        // that fails later.
        let patient = PatientId(args.patient.clone());
        let store = desk.store().clone();
        tokio::task::spawn_blocking(move || store.patient_card(&actor(), &patient))
            .await
            .map_err(|e| Failure::new(ExitCode::Other, format!("cache task stopped: {e}")))??;
        Ok::<_, Failure>(desk.outbox().submit(item).await?)
    })?;
    let (word, detail) = match &state {
        OutboxState::Queued => (
            "queued",
            "CXone is not reachable; the next `frontdesk sync` sends it".to_owned(),
        ),
        OutboxState::Sent { .. } => ("sent", "CXone has it".to_owned()),
        OutboxState::Failed { reason } => ("failed", reason.clone()),
    };
    if args.json {
        output::line(&json!({ "id": id, "state": word, "outbox": state }).to_string())?;
    } else {
        output::line(&format!("callback {id}: {word} ({detail})"))?;
    }
    if matches!(state, OutboxState::Failed { .. }) {
        return Err(Failure::new(
            ExitCode::Other,
            format!("callback {id} failed: {detail}"),
        ));
    }
    Ok(())
}
