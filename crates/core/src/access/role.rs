//! The three jobs at a practice's desk. A role is what the backend checks before every command,
//! so it is a closed set: a new job is a code change with its own policy entries, not data.

use serde::{Deserialize, Serialize};
use specta::Type;

#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, Type,
)]
#[serde(rename_all = "camelCase")]
pub enum Role {
    /// Searches, books, cancels, schedules callbacks, keeps the day board.
    Receptionist,
    /// Sees their own day, patient cards and encounters, and joins visits.
    Clinician,
    /// Manages vendor connections, staff accounts and the audit log; sees no patient data.
    Admin,
}

impl Role {
    pub const ALL: [Role; 3] = [Role::Receptionist, Role::Clinician, Role::Admin];

    /// The stored and logged name.
    #[must_use]
    pub fn key(self) -> &'static str {
        match self {
            Role::Receptionist => "receptionist",
            Role::Clinician => "clinician",
            Role::Admin => "admin",
        }
    }

    #[must_use]
    pub fn from_key(key: &str) -> Option<Self> {
        Role::ALL.into_iter().find(|r| r.key() == key)
    }
}

#[cfg(test)]
mod tests {
    use super::Role;

    #[test]
    fn keys_round_trip_and_unknown_keys_are_refused() {
        for role in Role::ALL {
            assert_eq!(Role::from_key(role.key()), Some(role));
        }
        assert_eq!(Role::from_key("Admin"), None);
        assert_eq!(Role::from_key("owner"), None);
    }
}
