//! Staff accounts in the encrypted cache: create, list, change, and check a sign-in. Plain
//! credentials enter only to be hashed (Argon2id, in core) and never leave; every change and
//! every sign-in attempt is an audit row in the same transaction as the change it records.

use crate::audit::{AuditEvent, AuditOutcome, append};
use crate::codec::now_ms;
use crate::error::StoreError;
use crate::store::Store;
use frontdesk_core::access::{
    NewStaff, Role, StaffMember, credential, hash_credential, verify_credential,
    wait_after_failures,
};
use rusqlite::{Connection, OptionalExtension, Row, params};
use std::time::Duration;

/// The audit log's name for a staff member.
#[must_use]
pub fn staff_actor(username: &str) -> String {
    format!("staff:{}", username.to_ascii_lowercase())
}

/// What a sign-in attempt came to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SignInCheck {
    /// The credential matched an active account.
    Accepted(StaffMember),
    /// Wrong credential, unknown or inactive account: the same answer for all three, with the
    /// wait before the next try (zero while free tries remain).
    Refused { wait: Duration },
    /// Too many misses: no credential was checked.
    Throttled { wait: Duration },
}

/// A change to an account; `None` leaves a field as it is.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct StaffChange {
    pub display_name: Option<String>,
    pub role: Option<Role>,
    pub active: Option<bool>,
    pub second_factor: Option<bool>,
    /// `Some(None)` unlinks the account from its provider; only a clinician keeps one.
    pub provider_id: Option<Option<String>>,
}

const COLUMNS: &str = "id, username, display_name, role, active, second_factor, provider_id";

fn member(row: &Row<'_>) -> rusqlite::Result<StaffMember> {
    let role: String = row.get(3)?;
    Ok(StaffMember {
        id: row.get(0)?,
        username: row.get(1)?,
        display_name: row.get(2)?,
        // An unknown role in the file (written by a newer build) gets the least access.
        role: Role::from_key(&role).unwrap_or(Role::Receptionist),
        active: row.get(4)?,
        second_factor: row.get(5)?,
        provider_id: row.get(6)?,
    })
}

fn get(conn: &Connection, id: &str) -> Result<StaffMember, StoreError> {
    conn.query_row(
        &format!("SELECT {COLUMNS} FROM staff WHERE id = ?1"),
        [id],
        member,
    )
    .optional()?
    .ok_or_else(|| StoreError::NotFound {
        what: "staff account".into(),
    })
}

/// Only a clinician is a provider; a blank id is no link.
fn clinician_provider(role: Role, provider_id: Option<String>) -> Option<String> {
    provider_id
        .map(|id| id.trim().to_owned())
        .filter(|id| role == Role::Clinician && !id.is_empty())
}

fn active_admins(conn: &Connection) -> Result<i64, StoreError> {
    Ok(conn.query_row(
        "SELECT count(*) FROM staff WHERE role = 'admin' AND active = 1",
        [],
        |r| r.get(0),
    )?)
}

fn hashed(secret: &str) -> Result<String, StoreError> {
    hash_credential(secret).map_err(|error| match error {
        credential::CredentialError::Hash => StoreError::Conflict(error.to_string()),
        other => StoreError::Invalid {
            field: "credential",
            message: other.to_string(),
        },
    })
}

fn invalid(error: &frontdesk_core::CoreError) -> StoreError {
    match error {
        frontdesk_core::CoreError::Invalid { field, message } => StoreError::Invalid {
            field: if field == "username" {
                "username"
            } else {
                "displayName"
            },
            message: message.clone(),
        },
        other => StoreError::Conflict(other.to_string()),
    }
}

impl Store {
    /// How many accounts exist: none means the first-run flow must create the admin.
    pub fn staff_count(&self) -> Result<u64, StoreError> {
        let n: i64 = self
            .reader()
            .query_row("SELECT count(*) FROM staff", [], |r| r.get(0))?;
        Ok(u64::try_from(n).unwrap_or(0))
    }

    /// Every account, by name.
    pub fn staff_list(&self) -> Result<Vec<StaffMember>, StoreError> {
        let conn = self.reader();
        let mut stmt = conn.prepare(&format!(
            "SELECT {COLUMNS} FROM staff ORDER BY display_name COLLATE NOCASE, username"
        ))?;
        let rows = stmt.query_map([], member)?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    pub fn staff_member(&self, id: &str) -> Result<StaffMember, StoreError> {
        get(&self.reader(), id)
    }

    /// Creates an account (its credential checked and hashed) and records who created it.
    pub fn create_staff(&self, actor: &str, new: &NewStaff) -> Result<StaffMember, StoreError> {
        new.check().map_err(|e| invalid(&e))?;
        let hash = hashed(&new.credential)?;
        self.in_transaction(|tx| insert(tx, actor, new, &hash))
    }

    /// Creates the first account, an admin, only while there is none: the first-run flow. Two
    /// windows racing here cannot both win: the count and the insert share one transaction.
    pub fn create_first_admin(
        &self,
        actor: &str,
        new: &NewStaff,
    ) -> Result<StaffMember, StoreError> {
        new.check().map_err(|e| invalid(&e))?;
        let hash = hashed(&new.credential)?;
        let admin = NewStaff {
            role: Role::Admin,
            ..new.clone()
        };
        self.in_transaction(|tx| {
            let existing: i64 = tx.query_row("SELECT count(*) FROM staff", [], |r| r.get(0))?;
            if existing > 0 {
                return Err(StoreError::Conflict(
                    "the desk already has staff accounts: sign in".into(),
                ));
            }
            insert(tx, actor, &admin, &hash)
        })
    }

    /// Changes an account. The last active admin cannot be demoted or deactivated: a desk with
    /// no admin could never manage its staff again.
    pub fn update_staff(
        &self,
        actor: &str,
        id: &str,
        change: &StaffChange,
    ) -> Result<StaffMember, StoreError> {
        if let Some(name) = &change.display_name {
            NewStaff {
                username: "valid".into(),
                display_name: name.clone(),
                role: Role::Receptionist,
                credential: String::new(),
                provider_id: None,
            }
            .check()
            .map_err(|e| invalid(&e))?;
        }
        self.in_transaction(|tx| {
            let before = get(tx, id)?;
            let after = StaffMember {
                display_name: change
                    .display_name
                    .as_ref()
                    .map_or(before.display_name.clone(), |n| n.trim().to_owned()),
                role: change.role.unwrap_or(before.role),
                active: change.active.unwrap_or(before.active),
                second_factor: change.second_factor.unwrap_or(before.second_factor),
                provider_id: clinician_provider(
                    change.role.unwrap_or(before.role),
                    change
                        .provider_id
                        .clone()
                        .unwrap_or_else(|| before.provider_id.clone()),
                ),
                ..before.clone()
            };
            let loses_admin = before.role == Role::Admin
                && before.active
                && (after.role != Role::Admin || !after.active);
            if loses_admin && active_admins(tx)? <= 1 {
                return Err(StoreError::Conflict(
                    "this is the last active admin: make another admin first".into(),
                ));
            }
            tx.execute(
                "UPDATE staff SET display_name = ?2, role = ?3, active = ?4, second_factor = ?5,
                 provider_id = ?7, updated_ms = ?6 WHERE id = ?1",
                params![
                    id,
                    after.display_name,
                    after.role.key(),
                    after.active,
                    after.second_factor,
                    now_ms(),
                    after.provider_id
                ],
            )?;
            append(
                tx,
                &AuditEvent::new(actor, "staff.update", AuditOutcome::Ok).detail(
                    serde_json::json!({
                        "staff": after.username,
                        "role": after.role.key(),
                        "active": after.active,
                        "secondFactor": after.second_factor,
                        "providerId": after.provider_id,
                    }),
                ),
            )?;
            Ok(after)
        })
    }

    /// Sets a new credential (an admin's reset or the person's own change) and clears any wait.
    pub fn set_staff_credential(
        &self,
        actor: &str,
        id: &str,
        secret: &str,
    ) -> Result<(), StoreError> {
        let hash = hashed(secret)?;
        self.in_transaction(|tx| {
            let who = get(tx, id)?;
            tx.execute(
                "UPDATE staff SET credential = ?2, failed_attempts = 0, blocked_until_ms = 0,
                 updated_ms = ?3 WHERE id = ?1",
                params![id, hash, now_ms()],
            )?;
            append(
                tx,
                &AuditEvent::new(actor, "staff.credential", AuditOutcome::Ok)
                    .detail(serde_json::json!({ "staff": who.username })),
            )?;
            Ok(())
        })
    }

    /// Checks a sign-in and records it: `session.signIn` ok, or failed with the miss counted.
    /// An unknown username is checked against a decoy hash, so the answer takes as long and
    /// reads the same as a wrong PIN; its audit row does not repeat what was typed.
    pub fn check_sign_in(
        &self,
        username: &str,
        secret: &str,
        action: &str,
    ) -> Result<SignInCheck, StoreError> {
        let found: Option<(StaffMember, String, u32, i64)> = self
            .reader()
            .query_row(
                &format!(
                    "SELECT {COLUMNS}, credential, failed_attempts, blocked_until_ms
                     FROM staff WHERE username = ?1"
                ),
                [username.trim()],
                |r| Ok((member(r)?, r.get(7)?, r.get(8)?, r.get(9)?)),
            )
            .optional()?;
        let now = now_ms();
        let Some((member, hash, failures, blocked_until)) = found else {
            let _ = DECOY
                .as_deref()
                .map(|decoy| verify_credential(secret, decoy));
            self.audit_append(
                &AuditEvent::new("unknown", action, AuditOutcome::Denied)
                    .detail(serde_json::json!({ "reason": "unknown account" })),
            )?;
            return Ok(SignInCheck::Refused {
                wait: Duration::ZERO,
            });
        };
        let actor = staff_actor(&member.username);
        if blocked_until > now {
            self.audit_append(
                &AuditEvent::new(&actor, action, AuditOutcome::Denied)
                    .detail(serde_json::json!({ "reason": "throttled" })),
            )?;
            return Ok(SignInCheck::Throttled {
                wait: Duration::from_millis(u64::try_from(blocked_until - now).unwrap_or(0)),
            });
        }
        let matches = verify_credential(secret, &hash);
        self.in_transaction(|tx| {
            if matches && member.active {
                // With an authenticator set up, the misses are cleared by its code, not here:
                // otherwise the PIN alone would reset the count of wrong codes.
                tx.execute(
                    "UPDATE staff SET failed_attempts = 0, blocked_until_ms = 0 WHERE id = ?1
                     AND NOT EXISTS (SELECT 1 FROM staff_totp WHERE staff_id = ?1 AND active = 1)",
                    [&member.id],
                )?;
                append(tx, &AuditEvent::new(&actor, action, AuditOutcome::Ok))?;
                return Ok(SignInCheck::Accepted(member.clone()));
            }
            let failures = failures.saturating_add(1);
            let wait = wait_after_failures(failures);
            let until = now.saturating_add(i64::try_from(wait.as_millis()).unwrap_or(i64::MAX));
            tx.execute(
                "UPDATE staff SET failed_attempts = ?2, blocked_until_ms = ?3 WHERE id = ?1",
                params![member.id, failures, until],
            )?;
            let reason = if member.active {
                "wrong credential"
            } else {
                "inactive account"
            };
            append(
                tx,
                &AuditEvent::new(&actor, action, AuditOutcome::Denied)
                    .detail(serde_json::json!({ "reason": reason, "failures": failures })),
            )?;
            Ok(SignInCheck::Refused { wait })
        })
    }
}

/// A hash with the same parameters as every real one, made once, for timing-equal refusals.
static DECOY: std::sync::LazyLock<Option<String>> =
    std::sync::LazyLock::new(|| credential::hash_unchecked(&uuid::Uuid::new_v4().to_string()).ok());

fn insert(
    tx: &Connection,
    actor: &str,
    new: &NewStaff,
    hash: &str,
) -> Result<StaffMember, StoreError> {
    let taken: bool = tx.query_row(
        "SELECT EXISTS (SELECT 1 FROM staff WHERE username = ?1)",
        [new.username.trim()],
        |r| r.get(0),
    )?;
    if taken {
        return Err(StoreError::Conflict("that username is taken".into()));
    }
    let member = StaffMember {
        id: uuid::Uuid::new_v4().to_string(),
        username: new.username.trim().to_ascii_lowercase(),
        display_name: new.display_name.trim().to_owned(),
        role: new.role,
        active: true,
        second_factor: false,
        provider_id: clinician_provider(new.role, new.provider_id.clone()),
    };
    let now = now_ms();
    tx.execute(
        "INSERT INTO staff (id, username, display_name, role, credential, created_ms, updated_ms,
         provider_id) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?6, ?7)",
        params![
            member.id,
            member.username,
            member.display_name,
            member.role.key(),
            hash,
            now,
            member.provider_id
        ],
    )?;
    append(
        tx,
        &AuditEvent::new(actor, "staff.create", AuditOutcome::Ok).detail(serde_json::json!({
            "staff": member.username,
            "role": member.role.key(),
            "providerId": member.provider_id,
        })),
    )?;
    Ok(member)
}
