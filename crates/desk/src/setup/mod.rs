//! Practice setup and the vendor actions no booking flow reaches: the CXone phone menu,
//! providers' hours at Zoom and NexHealth, NexHealth appointment types, and a telehealth
//! visit's patient at Zoom (their record, the invitation, the waiting room). Each function
//! checks its input with core's setup rules, names the desk's ids back (`nexhealth:…`,
//! `zoom:…`), and leaves every patient-data read or write in the audit log. The app's
//! commands are thin shims over these; the CLI's `admin` commands share the rules.

mod appointment_types;
mod availability;
mod error;
mod ivr;
mod zoom_patients;

pub use appointment_types::{create_appointment_type, nexhealth_appointment_types};
pub use availability::{
    create_nexhealth_availability, deactivate_nexhealth_availability, nexhealth_availabilities,
    set_zoom_availability, zoom_availability,
};
pub use error::SetupError;
pub use ivr::{create_ivr_flow, ivr_flow_body, ivr_templates};
pub use zoom_patients::{
    admit_waiting_patient, ensure_zoom_patient, notify_waiting_patient, resend_invitation,
    waiting_room,
};

use frontdesk_core::{CoreError, Vendor};
use std::sync::Arc;

/// The client of a vendor the action needs, or why there is none.
fn need<T>(client: Option<&Arc<T>>, vendor: Vendor) -> Result<Arc<T>, SetupError> {
    client.cloned().ok_or(SetupError::NotConfigured(vendor))
}

/// NexHealth's number inside a desk id (`nexhealth:123`, or a bare `123`).
fn nex_number(desk_id: &str, field: &str) -> Result<i64, CoreError> {
    desk_id
        .strip_prefix("nexhealth:")
        .unwrap_or(desk_id)
        .trim()
        .parse()
        .map_err(|_| CoreError::invalid(field, "not a NexHealth id"))
}

fn nex_desk_id(n: i64) -> String {
    format!("nexhealth:{n}")
}

fn vendor_error<E: Into<CoreError>>(e: E) -> SetupError {
    SetupError::Core(e.into())
}
