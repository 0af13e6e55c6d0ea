//! The desk's session: nobody, someone at work, or someone's session locked. It is the one
//! place that knows who is at the desk, so the audit actor, the role check before every command
//! and the idle lock all read the same answer. Time is passed in, so the rules are tested
//! without waiting.

use frontdesk_core::access::{Role, StaffMember};
use serde::{Deserialize, Serialize};
use specta::Type;
use std::collections::HashMap;
use std::sync::{Mutex, PoisonError};
use std::time::{Duration, Instant};

/// The person signed in, as the UI may know them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct SessionUser {
    pub staff_id: String,
    pub username: String,
    pub display_name: String,
    pub role: Role,
    /// A clinician's own provider (the desk's id), as her account named it at sign-in: the day
    /// "My day" opens on.
    pub provider_id: Option<String>,
}

impl From<StaffMember> for SessionUser {
    fn from(member: StaffMember) -> Self {
        Self {
            staff_id: member.id,
            username: member.username,
            display_name: member.display_name,
            role: member.role,
            provider_id: member.provider_id,
        }
    }
}

/// Why a session locked.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Type)]
#[serde(rename_all = "camelCase")]
pub enum LockReason {
    /// The person asked (Ctrl+L, "Lock", "Switch user").
    Manual,
    /// Nobody touched the desk for the admin's idle limit.
    Idle,
    /// The computer slept (its wall clock jumped ahead of the monotonic one, or logind said so).
    Sleep,
    /// The OS session locked (the desktop's screen saver or logind told us over D-Bus).
    OsLock,
}

impl LockReason {
    #[must_use]
    pub fn key(self) -> &'static str {
        match self {
            LockReason::Manual => "manual",
            LockReason::Idle => "idle",
            LockReason::Sleep => "sleep",
            LockReason::OsLock => "osLock",
        }
    }
}

#[derive(Debug, Clone)]
enum Phase {
    SignedOut,
    Active {
        user: SessionUser,
        last_activity: Instant,
    },
    Locked {
        user: SessionUser,
    },
}

/// What the guard learns about the caller.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Caller {
    SignedOut,
    Locked,
    Active(SessionUser),
}

#[derive(Debug)]
pub struct Session {
    phase: Mutex<Phase>,
    idle_limit: Mutex<Duration>,
    /// A launch option's shorter limit (tests, a kiosk), which the admin's setting cannot lengthen.
    idle_cap: Option<Duration>,
    /// Who the audit log names when nobody is signed in (start-up, the background sync).
    fallback_actor: &'static str,
    /// Audit actor names, made once per person: `AppState::actor` hands out `&str` to every
    /// command, and a handful of staff names for the life of the process costs nothing.
    actors: Mutex<HashMap<String, &'static str>>,
    /// A right credential still owing its second factor (nobody is signed in by it yet).
    pending: Mutex<Option<super::second_factor::PendingFactor>>,
}

/// HIPAA's automatic logoff, as the seed vendors set it: 15 minutes.
pub const DEFAULT_IDLE_LIMIT: Duration = Duration::from_mins(15);

impl Session {
    #[must_use]
    pub fn new(fallback_actor: &str, idle_cap: Option<Duration>) -> Self {
        Self {
            phase: Mutex::new(Phase::SignedOut),
            idle_limit: Mutex::new(
                idle_cap.map_or(DEFAULT_IDLE_LIMIT, |cap| cap.min(DEFAULT_IDLE_LIMIT)),
            ),
            idle_cap,
            fallback_actor: Box::leak(fallback_actor.to_owned().into_boxed_str()),
            actors: Mutex::new(HashMap::new()),
            pending: Mutex::new(None),
        }
    }

    /// Holds a right credential until its second factor arrives (replacing any earlier one).
    pub fn set_pending(&self, pending: Option<super::second_factor::PendingFactor>) {
        *self.pending.lock().unwrap_or_else(PoisonError::into_inner) = pending;
    }

    /// The credential waiting for its second factor, unless it waited too long.
    #[must_use]
    pub fn pending(&self, now: Instant) -> Option<super::second_factor::PendingFactor> {
        let mut pending = self.pending.lock().unwrap_or_else(PoisonError::into_inner);
        if pending.as_ref().is_some_and(|p| p.expired(now)) {
            *pending = None;
        }
        pending.clone()
    }

    fn phase(&self) -> std::sync::MutexGuard<'_, Phase> {
        self.phase.lock().unwrap_or_else(PoisonError::into_inner)
    }

    #[must_use]
    pub fn idle_limit(&self) -> Duration {
        *self
            .idle_limit
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
    }

    /// Sets the admin's limit (never below a minute), shortened by the launch cap if there is one.
    pub fn set_idle_limit(&self, limit: Duration) {
        let limit = limit.max(Duration::from_mins(1));
        let limit = self.idle_cap.map_or(limit, |cap| cap.min(limit));
        *self
            .idle_limit
            .lock()
            .unwrap_or_else(PoisonError::into_inner) = limit;
    }

    /// The audit log's name for whoever is signed in (or locked out), else the machine's.
    #[must_use]
    pub fn actor(&self) -> &'static str {
        let username = match &*self.phase() {
            Phase::Active { user, .. } | Phase::Locked { user } => user.username.clone(),
            Phase::SignedOut => return self.fallback_actor,
        };
        let mut actors = self.actors.lock().unwrap_or_else(PoisonError::into_inner);
        actors.entry(username).or_insert_with_key(|name| {
            Box::leak(frontdesk_store::staff_actor(name).into_boxed_str())
        })
    }

    /// Who is calling (expire idle sessions first: `expire_if_idle`).
    pub fn caller(&self) -> Caller {
        match &*self.phase() {
            Phase::SignedOut => Caller::SignedOut,
            Phase::Locked { .. } => Caller::Locked,
            Phase::Active { user, .. } => Caller::Active(user.clone()),
        }
    }

    /// The signed-in or locked-out person, if any.
    #[must_use]
    pub fn user(&self) -> Option<SessionUser> {
        match &*self.phase() {
            Phase::Active { user, .. } | Phase::Locked { user } => Some(user.clone()),
            Phase::SignedOut => None,
        }
    }

    #[must_use]
    pub fn is_locked(&self) -> bool {
        matches!(&*self.phase(), Phase::Locked { .. })
    }

    pub fn sign_in(&self, user: SessionUser, now: Instant) {
        *self.phase() = Phase::Active {
            user,
            last_activity: now,
        };
    }

    /// Locks an active session; returns whose it was (nothing when none was active).
    pub fn lock(&self) -> Option<SessionUser> {
        let mut phase = self.phase();
        let Phase::Active { user, .. } = &*phase else {
            return None;
        };
        let user = user.clone();
        *phase = Phase::Locked { user: user.clone() };
        Some(user)
    }

    /// Ends the session; returns whose it was.
    pub fn sign_out(&self) -> Option<SessionUser> {
        let user = self.user();
        *self.phase() = Phase::SignedOut;
        user
    }

    /// The person is at the desk (a key, a click): the idle clock starts again. Refused when
    /// the session already locked, so a late ping cannot reopen it.
    pub fn touch(&self, now: Instant) -> bool {
        self.expire_if_idle(now);
        match &mut *self.phase() {
            Phase::Active { last_activity, .. } => {
                *last_activity = now;
                true
            }
            _ => false,
        }
    }

    /// Locks the session when it has been idle longer than the limit; returns whose it was.
    pub fn expire_if_idle(&self, now: Instant) -> Option<SessionUser> {
        let limit = self.idle_limit();
        let idle = match &*self.phase() {
            Phase::Active { last_activity, .. } => now.saturating_duration_since(*last_activity),
            _ => return None,
        };
        if idle >= limit { self.lock() } else { None }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rosa() -> SessionUser {
        SessionUser {
            staff_id: "s1".into(),
            username: "rosa".into(),
            display_name: "Rosa".into(),
            role: Role::Receptionist,
            provider_id: None,
        }
    }

    #[test]
    fn the_actor_is_the_signed_in_person_else_the_machine() {
        let session = Session::new("os:desk", None);
        assert_eq!(session.actor(), "os:desk");
        session.sign_in(rosa(), Instant::now());
        assert_eq!(session.actor(), "staff:rosa");
        session.lock();
        assert_eq!(
            session.actor(),
            "staff:rosa",
            "a locked session's events are still hers"
        );
        session.sign_out();
        assert_eq!(session.actor(), "os:desk");
    }

    #[test]
    fn idle_past_the_limit_locks_and_activity_postpones_it() {
        let session = Session::new("os:desk", None);
        session.set_idle_limit(Duration::from_mins(1));
        let start = Instant::now();
        session.sign_in(rosa(), start);
        assert!(session.touch(start + Duration::from_secs(50)));
        assert_eq!(
            session.expire_if_idle(start + Duration::from_secs(100)),
            None,
            "50 s after the last touch is within the limit"
        );
        assert_eq!(session.caller(), Caller::Active(rosa()));
        assert_eq!(
            session.expire_if_idle(start + Duration::from_secs(110)),
            Some(rosa())
        );
        assert_eq!(session.caller(), Caller::Locked);
        assert!(
            !session.touch(start + Duration::from_secs(111)),
            "a touch cannot reopen a locked session"
        );
        assert_eq!(session.user(), Some(rosa()));
    }

    #[test]
    fn a_launch_cap_shortens_the_admins_limit_but_never_lengthens_it() {
        let capped = Session::new("os:desk", Some(Duration::from_secs(5)));
        assert_eq!(capped.idle_limit(), Duration::from_secs(5));
        capped.set_idle_limit(Duration::from_mins(30));
        assert_eq!(capped.idle_limit(), Duration::from_secs(5));
        let plain = Session::new("os:desk", None);
        assert_eq!(plain.idle_limit(), DEFAULT_IDLE_LIMIT);
        plain.set_idle_limit(Duration::from_secs(1));
        assert_eq!(
            plain.idle_limit(),
            Duration::from_mins(1),
            "an admin cannot set under a minute"
        );
    }

    #[test]
    fn lock_needs_an_active_session() {
        let session = Session::new("os:desk", None);
        assert_eq!(session.lock(), None);
        session.sign_in(rosa(), Instant::now());
        assert_eq!(session.lock(), Some(rosa()));
        assert_eq!(session.lock(), None, "locking twice is one lock");
        assert!(session.is_locked());
    }
}
