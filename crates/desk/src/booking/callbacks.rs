//! "Call me back" from the patient card or the board: a CXone callback through the durable
//! outbox, sent now when CXone answers and exactly once later when it does not.

use crate::Desk;
use crate::booking::people;
use chrono::{DateTime, Utc};
use frontdesk_core::contact::Callback;
use frontdesk_core::outbox::OutboxItem;
use frontdesk_core::{CoreError, PatientId};
use frontdesk_store::AuditOutcome;

/// CXone's own limit on a callback reason is not documented; keep it to a sentence.
pub const MAX_REASON_CHARS: usize = 500;

impl Desk {
    /// Queues a callback for `patient` at `at` and tries to send it at once; the returned
    /// state is `queued` while CXone cannot be reached. Audited.
    pub async fn schedule_callback(
        &self,
        actor: &str,
        patient: &PatientId,
        at: DateTime<Utc>,
        reason: &str,
    ) -> Result<Callback, CoreError> {
        let reason = reason.trim();
        if reason.is_empty() || reason.chars().count() > MAX_REASON_CHARS {
            return Err(CoreError::invalid(
                "reason",
                format!("say why in 1 to {MAX_REASON_CHARS} characters"),
            ));
        }
        if self.config().cxone.is_none() {
            return Err(CoreError::invalid("patient", "CXone is not configured"));
        }
        // The person must exist before anything is queued (and reading them is audited).
        people::load(self.store(), actor, patient).await?;
        let mut callback = Callback {
            id: format!("callback:{}", uuid::Uuid::new_v4()),
            patient_id: patient.clone(),
            at,
            reason: reason.to_owned(),
            state: frontdesk_core::contact::OutboxState::Queued,
        };
        callback.state = self
            .outbox()
            .submit(OutboxItem::Callback(callback.clone()))
            .await?;
        self.audit_booking(
            actor,
            "callback.schedule",
            AuditOutcome::Ok,
            Some(patient),
            serde_json::json!({ "callback": callback.id }),
        )
        .await?;
        Ok(callback)
    }
}
