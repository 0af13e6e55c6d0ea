//! Who is at the desk: staff roles, the rules a credential must meet and how it is hashed, and
//! how long a run of wrong credentials makes the next attempt wait. The store keeps the
//! accounts; the app holds the session and enforces roles per command. Nothing here does I/O.

pub mod credential;
pub mod role;
pub mod second_factor;
pub mod staff;
pub mod throttle;

pub use credential::{CredentialError, hash_credential, verify_credential};
pub use role::Role;
pub use staff::{NewStaff, StaffMember};
pub use throttle::wait_after_failures;
