//! A staff account as the desk shows it. The credential hash never leaves the store: this type
//! is what the UI and the audit view may see.

use super::role::Role;
use serde::{Deserialize, Serialize};
use specta::Type;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct StaffMember {
    pub id: String,
    /// What the person types to sign in; unique regardless of case.
    pub username: String,
    pub display_name: String,
    pub role: Role,
    /// A deactivated account cannot sign in; its audit history stays.
    pub active: bool,
    /// Whether this account must give a second factor at sign-in.
    pub second_factor: bool,
    /// The desk provider this clinician is (her own hours are hers to keep); none otherwise.
    pub provider_id: Option<String>,
}

/// An account to create, with its first credential in the clear (hashed before it is stored).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct NewStaff {
    pub username: String,
    pub display_name: String,
    pub role: Role,
    pub credential: String,
    /// The desk provider a clinician is; ignored for other roles.
    #[serde(default)]
    pub provider_id: Option<String>,
}

impl NewStaff {
    /// Checks the username and display name (the credential has its own rules).
    pub fn check(&self) -> Result<(), crate::CoreError> {
        let username = self.username.trim();
        if username.len() < 2
            || username.len() > 32
            || !username
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-'))
        {
            return Err(crate::CoreError::invalid(
                "username",
                "use 2 to 32 letters, digits, dots, dashes or underscores",
            ));
        }
        let name = self.display_name.trim();
        if name.is_empty() || name.chars().count() > 80 {
            return Err(crate::CoreError::invalid(
                "displayName",
                "give a name of 1 to 80 characters",
            ));
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn staff(username: &str, name: &str) -> NewStaff {
        NewStaff {
            username: username.into(),
            display_name: name.into(),
            role: Role::Receptionist,
            credential: "246810".into(),
            provider_id: None,
        }
    }

    #[test]
    fn usernames_are_short_plain_words() {
        assert!(staff("rosa", "Rosa M.").check().is_ok());
        assert!(staff("dr.lee-2", "Dr. Lee").check().is_ok());
        assert!(staff("r", "Rosa").check().is_err());
        assert!(staff("rosa m", "Rosa").check().is_err());
        assert!(staff("rosa'--", "Rosa").check().is_err());
        assert!(staff(&"x".repeat(33), "Rosa").check().is_err());
        assert!(staff("rosa", "  ").check().is_err());
    }
}
