//! The step between a right credential and a session, for a person who must give a second
//! factor: who they are, whether they owe a code or an enrolment, and whose locked session a
//! success would replace. It lives beside the session (not in the UI) so the code step cannot be
//! skipped by a webview that simply calls another command: nothing is signed in until it passes.
//!
//! Unlocking one's own locked session asks only for the credential again (the person already
//! gave the factor when the session began and the session never left them); a different person
//! at a locked desk gives their own second factor.

use super::session::SessionUser;
use frontdesk_core::access::StaffMember;
use std::time::{Duration, Instant};

/// How long a right credential waits for its code before the person starts again.
pub const PENDING_FOR: Duration = Duration::from_mins(5);

/// What the person still owes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Owed {
    /// A code from their authenticator, or a recovery code.
    Code,
    /// Setting up an authenticator (their role needs one and they have none yet).
    Enrolment,
}

/// A person past their credential, not yet signed in.
#[derive(Debug, Clone)]
pub struct PendingFactor {
    pub member: StaffMember,
    pub owed: Owed,
    /// The other person's locked session this sign-in replaces, to close in the log.
    pub replaces: Option<SessionUser>,
    pub since: Instant,
}

impl PendingFactor {
    #[must_use]
    pub fn expired(&self, now: Instant) -> bool {
        now.saturating_duration_since(self.since) >= PENDING_FOR
    }
}

/// Seconds since the Unix epoch, for the TOTP step.
#[must_use]
pub fn unix_now() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs())
}
