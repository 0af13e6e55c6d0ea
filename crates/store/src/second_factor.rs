//! The second factor in the encrypted cache: which roles must give one (the admin's setting),
//! enrolment (a secret kept here, active only once its first code is confirmed), the check at
//! sign-in (an authenticator code, each step accepted once, or a recovery code, each spent
//! once) and the admin's reset. Wrong codes count toward the same throttle as wrong PINs, and
//! every step is an audit row that never holds a secret, a code or a hash.

use crate::audit::{AuditEvent, AuditOutcome, append};
use crate::codec::now_ms;
use crate::error::StoreError;
use crate::staff::{SignInCheck, staff_actor};
use crate::store::Store;
use frontdesk_core::access::second_factor::{
    is_recovery_code, matching_step, new_recovery_codes, new_secret, normalise_recovery,
    otpauth_uri, qr_svg,
};
use frontdesk_core::access::{Role, StaffMember, verify_credential, wait_after_failures};
use rusqlite::{Connection, OptionalExtension, params};
use std::time::Duration;

/// The settings key holding the roles that must give a second factor (a JSON list of role keys).
pub const SECOND_FACTOR_ROLES_SETTING: &str = "access.secondFactorRoles";

/// What a person needs to add the authenticator: shown once, while enrolling, never logged.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Enrolment {
    /// Base32, for typing into an authenticator by hand.
    pub secret: String,
    /// The `otpauth://` URI the QR code carries.
    pub uri: String,
    /// The QR code as an SVG document.
    pub qr_svg: String,
}

fn factor_error(error: &frontdesk_core::access::second_factor::SecondFactorError) -> StoreError {
    StoreError::Conflict(error.to_string())
}

fn username(conn: &Connection, staff_id: &str) -> Result<String, StoreError> {
    conn.query_row(
        "SELECT username FROM staff WHERE id = ?1",
        [staff_id],
        |r| r.get(0),
    )
    .optional()?
    .ok_or_else(|| StoreError::NotFound {
        what: "staff account".into(),
    })
}

/// Counts a wrong code like a wrong PIN and records it; returns the wait before the next try.
fn count_miss(
    tx: &Connection,
    staff_id: &str,
    actor: &str,
    action: &str,
    reason: &str,
) -> Result<Duration, StoreError> {
    let failures: u32 = tx.query_row(
        "SELECT failed_attempts FROM staff WHERE id = ?1",
        [staff_id],
        |r| r.get(0),
    )?;
    let failures = failures.saturating_add(1);
    let wait = wait_after_failures(failures);
    let until = now_ms().saturating_add(i64::try_from(wait.as_millis()).unwrap_or(i64::MAX));
    tx.execute(
        "UPDATE staff SET failed_attempts = ?2, blocked_until_ms = ?3 WHERE id = ?1",
        params![staff_id, failures, until],
    )?;
    append(
        tx,
        &AuditEvent::new(actor, action, AuditOutcome::Denied)
            .detail(serde_json::json!({ "reason": reason, "failures": failures })),
    )?;
    Ok(wait)
}

fn clear_misses(tx: &Connection, staff_id: &str) -> Result<(), StoreError> {
    tx.execute(
        "UPDATE staff SET failed_attempts = 0, blocked_until_ms = 0 WHERE id = ?1",
        [staff_id],
    )?;
    Ok(())
}

impl Store {
    /// The roles the admin marked as needing a second factor; none until one is marked.
    pub fn second_factor_roles(&self) -> Result<Vec<Role>, StoreError> {
        let keys: Vec<String> = self
            .setting(SECOND_FACTOR_ROLES_SETTING)?
            .and_then(|value| serde_json::from_str(&value).ok())
            .unwrap_or_default();
        Ok(Role::ALL
            .into_iter()
            .filter(|role| keys.iter().any(|k| k == role.key()))
            .collect())
    }

    /// Marks which roles must give a second factor (audited as a settings change).
    pub fn set_second_factor_roles(&self, actor: &str, roles: &[Role]) -> Result<(), StoreError> {
        let keys: Vec<&str> = Role::ALL
            .into_iter()
            .filter(|role| roles.contains(role))
            .map(Role::key)
            .collect();
        self.set_setting(
            actor,
            SECOND_FACTOR_ROLES_SETTING,
            &serde_json::Value::from(keys).to_string(),
        )
    }

    /// Whether this person must give a second factor: their role is marked, or their account is.
    pub fn second_factor_required(&self, member: &StaffMember) -> Result<bool, StoreError> {
        Ok(member.second_factor || self.second_factor_roles()?.contains(&member.role))
    }

    /// Whether this person has a confirmed authenticator.
    pub fn second_factor_enrolled(&self, staff_id: &str) -> Result<bool, StoreError> {
        Ok(self.reader().query_row(
            "SELECT EXISTS (SELECT 1 FROM staff_totp WHERE staff_id = ?1 AND active = 1)",
            [staff_id],
            |r| r.get(0),
        )?)
    }

    /// Starts (or restarts) enrolment: a fresh secret, not active until its first code is
    /// confirmed. Refused while a confirmed one exists: an admin resets it first.
    pub fn begin_second_factor(&self, staff_id: &str) -> Result<Enrolment, StoreError> {
        let secret = new_secret();
        self.in_transaction(|tx| {
            let who = username(tx, staff_id)?;
            let active: bool = tx.query_row(
                "SELECT EXISTS (SELECT 1 FROM staff_totp WHERE staff_id = ?1 AND active = 1)",
                [staff_id],
                |r| r.get(0),
            )?;
            if active {
                return Err(StoreError::Conflict(
                    "a second factor is already set up: an admin resets it first".into(),
                ));
            }
            tx.execute(
                "INSERT INTO staff_totp (staff_id, secret, created_ms) VALUES (?1, ?2, ?3)
                 ON CONFLICT (staff_id) DO UPDATE SET secret = excluded.secret, active = 0,
                 last_step = 0, created_ms = excluded.created_ms, confirmed_ms = NULL",
                params![staff_id, secret, now_ms()],
            )?;
            append(
                tx,
                &AuditEvent::new(
                    &staff_actor(&who),
                    "secondFactor.enrolStart",
                    AuditOutcome::Ok,
                ),
            )?;
            let uri = otpauth_uri(&secret, &who).map_err(|e| factor_error(&e))?;
            let qr_svg = qr_svg(&uri).map_err(|e| factor_error(&e))?;
            Ok(Enrolment {
                secret: secret.clone(),
                uri,
                qr_svg,
            })
        })
    }

    /// Confirms enrolment with the authenticator's first code: the factor becomes active and
    /// ten recovery codes are made, returned in the clear this once and stored as hashes.
    /// `None` when the code is wrong (counted like a wrong PIN).
    pub fn confirm_second_factor(
        &self,
        staff_id: &str,
        code: &str,
        unix_secs: u64,
    ) -> Result<Option<Vec<String>>, StoreError> {
        let codes = new_recovery_codes().map_err(|e| factor_error(&e))?;
        self.in_transaction(|tx| {
            let actor = staff_actor(&username(tx, staff_id)?);
            let pending: Option<String> = tx
                .query_row(
                    "SELECT secret FROM staff_totp WHERE staff_id = ?1 AND active = 0",
                    [staff_id],
                    |r| r.get(0),
                )
                .optional()?;
            let Some(secret) = pending else {
                return Err(StoreError::Conflict(
                    "no second factor is being set up".into(),
                ));
            };
            let Some(step) = matching_step(&secret, code, unix_secs) else {
                count_miss(tx, staff_id, &actor, "secondFactor.enrol", "wrong code")?;
                return Ok(None);
            };
            tx.execute(
                "UPDATE staff_totp SET active = 1, last_step = ?2, confirmed_ms = ?3
                 WHERE staff_id = ?1",
                params![staff_id, i64::try_from(step).unwrap_or(i64::MAX), now_ms()],
            )?;
            tx.execute(
                "DELETE FROM staff_recovery_code WHERE staff_id = ?1",
                [staff_id],
            )?;
            for (_, hash) in &codes {
                tx.execute(
                    "INSERT INTO staff_recovery_code (staff_id, hash) VALUES (?1, ?2)",
                    params![staff_id, hash],
                )?;
            }
            clear_misses(tx, staff_id)?;
            append(
                tx,
                &AuditEvent::new(&actor, "secondFactor.enrol", AuditOutcome::Ok)
                    .detail(serde_json::json!({ "recoveryCodes": codes.len() })),
            )?;
            Ok(Some(codes.iter().map(|(shown, _)| shown.clone()).collect()))
        })
    }

    /// Checks the second step of a sign-in: an authenticator code (each 30-second step once)
    /// or a recovery code (each once). Misses count toward the sign-in throttle.
    pub fn check_second_factor(
        &self,
        member: &StaffMember,
        typed: &str,
        action: &str,
        unix_secs: u64,
    ) -> Result<SignInCheck, StoreError> {
        let actor = staff_actor(&member.username);
        let (blocked_until, totp): (i64, Option<(String, i64)>) = {
            let conn = self.reader();
            let blocked = conn.query_row(
                "SELECT blocked_until_ms FROM staff WHERE id = ?1",
                [&member.id],
                |r| r.get(0),
            )?;
            let totp = conn
                .query_row(
                    "SELECT secret, last_step FROM staff_totp WHERE staff_id = ?1 AND active = 1",
                    [&member.id],
                    |r| Ok((r.get(0)?, r.get(1)?)),
                )
                .optional()?;
            (blocked, totp)
        };
        let now = now_ms();
        if blocked_until > now {
            self.audit_append(
                &AuditEvent::new(&actor, action, AuditOutcome::Denied)
                    .detail(serde_json::json!({ "reason": "throttled", "step": "secondFactor" })),
            )?;
            return Ok(SignInCheck::Throttled {
                wait: Duration::from_millis(u64::try_from(blocked_until - now).unwrap_or(0)),
            });
        }
        if is_recovery_code(typed) {
            return self.spend_recovery_code(member, typed, action);
        }
        let step = totp
            .as_ref()
            .and_then(|(secret, _)| matching_step(secret, typed, unix_secs));
        let last = totp.as_ref().map_or(0, |(_, last)| *last);
        self.in_transaction(|tx| match step {
            Some(step) if i64::try_from(step).unwrap_or(i64::MAX) > last => {
                tx.execute(
                    "UPDATE staff_totp SET last_step = ?2 WHERE staff_id = ?1",
                    params![member.id, i64::try_from(step).unwrap_or(i64::MAX)],
                )?;
                clear_misses(tx, &member.id)?;
                append(
                    tx,
                    &AuditEvent::new(&actor, action, AuditOutcome::Ok)
                        .detail(serde_json::json!({ "secondFactor": "totp" })),
                )?;
                Ok(SignInCheck::Accepted(member.clone()))
            }
            Some(_) => Ok(SignInCheck::Refused {
                wait: count_miss(tx, &member.id, &actor, action, "code already used")?,
            }),
            None => Ok(SignInCheck::Refused {
                wait: count_miss(tx, &member.id, &actor, action, "wrong code")?,
            }),
        })
    }

    fn spend_recovery_code(
        &self,
        member: &StaffMember,
        typed: &str,
        action: &str,
    ) -> Result<SignInCheck, StoreError> {
        let actor = staff_actor(&member.username);
        let unused: Vec<(i64, String)> = {
            let conn = self.reader();
            let mut stmt = conn.prepare(
                "SELECT id, hash FROM staff_recovery_code WHERE staff_id = ?1 AND used_ms IS NULL",
            )?;
            let rows = stmt.query_map([&member.id], |r| Ok((r.get(0)?, r.get(1)?)))?;
            rows.collect::<Result<_, _>>()?
        };
        let typed = normalise_recovery(typed);
        let found = unused
            .iter()
            .find(|(_, hash)| verify_credential(&typed, hash))
            .map(|(id, _)| *id);
        self.in_transaction(|tx| {
            let Some(id) = found else {
                return Ok(SignInCheck::Refused {
                    wait: count_miss(tx, &member.id, &actor, action, "wrong recovery code")?,
                });
            };
            // The update's own condition makes a race between two windows spend it once.
            let spent = tx.execute(
                "UPDATE staff_recovery_code SET used_ms = ?2 WHERE id = ?1 AND used_ms IS NULL",
                params![id, now_ms()],
            )?;
            if spent == 0 {
                return Ok(SignInCheck::Refused {
                    wait: count_miss(tx, &member.id, &actor, action, "wrong recovery code")?,
                });
            }
            clear_misses(tx, &member.id)?;
            let left = unused.len() - 1;
            append(
                tx,
                &AuditEvent::new(&actor, action, AuditOutcome::Ok).detail(
                    serde_json::json!({ "secondFactor": "recoveryCode", "recoveryCodesLeft": left }),
                ),
            )?;
            append(
                tx,
                &AuditEvent::new(&actor, "secondFactor.recoveryCode", AuditOutcome::Ok)
                    .detail(serde_json::json!({ "recoveryCodesLeft": left })),
            )?;
            Ok(SignInCheck::Accepted(member.clone()))
        })
    }

    /// The accounts with a confirmed authenticator, for the admin's staff screen.
    pub fn second_factor_enrolled_ids(&self) -> Result<Vec<String>, StoreError> {
        let conn = self.reader();
        let mut stmt =
            conn.prepare("SELECT staff_id FROM staff_totp WHERE active = 1 ORDER BY staff_id")?;
        let rows = stmt.query_map([], |r| r.get(0))?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// The wait before this person's next try (zero while free tries remain).
    pub fn staff_wait(&self, staff_id: &str) -> Result<Duration, StoreError> {
        let until: i64 = self.reader().query_row(
            "SELECT blocked_until_ms FROM staff WHERE id = ?1",
            [staff_id],
            |r| r.get(0),
        )?;
        Ok(Duration::from_millis(
            u64::try_from(until.saturating_sub(now_ms())).unwrap_or(0),
        ))
    }

    /// How many recovery codes this person has not spent.
    pub fn recovery_codes_left(&self, staff_id: &str) -> Result<u32, StoreError> {
        Ok(self.reader().query_row(
            "SELECT count(*) FROM staff_recovery_code WHERE staff_id = ?1 AND used_ms IS NULL",
            [staff_id],
            |r| r.get(0),
        )?)
    }

    /// An admin's reset (a lost phone, a person leaving): the authenticator and recovery codes
    /// go; if the person still must give a factor, their next sign-in enrols again.
    pub fn reset_second_factor(&self, actor: &str, staff_id: &str) -> Result<(), StoreError> {
        self.in_transaction(|tx| {
            let who = username(tx, staff_id)?;
            tx.execute("DELETE FROM staff_totp WHERE staff_id = ?1", [staff_id])?;
            tx.execute(
                "DELETE FROM staff_recovery_code WHERE staff_id = ?1",
                [staff_id],
            )?;
            append(
                tx,
                &AuditEvent::new(actor, "secondFactor.reset", AuditOutcome::Ok)
                    .detail(serde_json::json!({ "staff": who })),
            )?;
            Ok(())
        })
    }
}
