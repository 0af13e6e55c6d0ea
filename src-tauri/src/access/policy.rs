//! Which role may run which command: the one table the guard reads before every invoke. A
//! command missing here is refused for everyone (deny by default), and a test fails CI when a
//! command registered in `specta_builder()` has no entry, so a new command is a decision, not
//! an accident. Add yours in the family it belongs to.
//!
//! The roles, from the issue: receptionists search, book, cancel and schedule callbacks and keep
//! the board; clinicians see their day, patient cards and encounters and join visits; admins
//! manage vendors, staff and the audit log, and also keep the front desk (a small practice's
//! admin prints tomorrow's day sheet), so an admin can do what a receptionist does but never
//! joins a visit as the provider.

use frontdesk_core::access::Role;

/// Who may run a command.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Rule {
    /// Anyone, signed in or not, locked or not: what the sign-in and lock screens need.
    Anyone,
    /// Someone signed in, unlocked, with one of these roles.
    Roles(&'static [Role]),
}

const RECEPTIONIST: Role = Role::Receptionist;
const CLINICIAN: Role = Role::Clinician;
const ADMIN: Role = Role::Admin;

/// Every role.
const STAFF: Rule = Rule::Roles(&[RECEPTIONIST, CLINICIAN, ADMIN]);
/// The front desk: the board, booking, callbacks.
const DESK: Rule = Rule::Roles(&[RECEPTIONIST, ADMIN]);
/// Patient data a receptionist and a clinician both need (search, cards).
const PATIENTS: Rule = Rule::Roles(&[RECEPTIONIST, CLINICIAN, ADMIN]);
/// The clinician's own work.
const CLINICAL: Rule = Rule::Roles(&[CLINICIAN]);
/// A provider's own telehealth hours: the admin's for anyone, a clinician's for herself (the
/// command checks whose, see `commands::availability`).
const OWN_HOURS: Rule = Rule::Roles(&[CLINICIAN, ADMIN]);
/// Vendors, staff, audit, practice setup.
const ADMINISTRATION: Rule = Rule::Roles(&[ADMIN]);

/// Command name (as Tauri invokes it) and its rule.
pub const POLICY: &[(&str, Rule)] = &[
    // The app and the session itself.
    ("app_info", Rule::Anyone),
    ("session_status", Rule::Anyone),
    ("create_first_admin", Rule::Anyone),
    ("sign_in", Rule::Anyone),
    // A right credential's second step: nobody is signed in yet, so each checks the pending step.
    ("verify_second_factor", Rule::Anyone),
    ("confirm_second_factor", Rule::Anyone),
    ("cancel_second_factor", Rule::Anyone),
    ("lock_session", Rule::Anyone),
    ("sign_out", Rule::Anyone),
    ("touch_session", STAFF),
    ("vendor_statuses", STAFF),
    ("sync_now", STAFF),
    ("locations", STAFF),
    ("providers", STAFF),
    // Patients.
    ("search_patients", PATIENTS),
    ("search_vendor_patients", PATIENTS),
    ("patient_card", PATIENTS),
    ("refresh_patient_card", PATIENTS),
    // The front desk: the board, booking, cancelling, callbacks, invitations.
    ("day_board", DESK),
    ("record_day_sheet_print", DESK),
    ("search_slots", DESK),
    ("book_slot", DESK),
    ("reschedule_appointment", DESK),
    ("missing_booking_attributes", DESK),
    ("patient_referrals", DESK),
    ("cancel_reasons", DESK),
    ("cancel_appointment", DESK),
    ("appointment_status", DESK),
    ("schedule_callback", DESK),
    ("nexhealth_appointment_types", DESK),
    ("ensure_zoom_patient", DESK),
    // Resend is also on the clinician's "My day", beside the visit.
    ("resend_invitation", PATIENTS),
    // The waiting room: the desk and the clinician both watch it; only the clinician admits.
    ("waiting_room", PATIENTS),
    ("notify_waiting_patient", PATIENTS),
    // The clinician.
    ("provider_day", CLINICAL),
    ("join_visit", CLINICAL),
    ("admit_waiting_patient", CLINICAL),
    // Administration.
    ("open_demo_practice", ADMINISTRATION),
    // WellHive's quota use is the practice admin's to watch.
    ("quota_counts", ADMINISTRATION),
    ("connection_settings", ADMINISTRATION),
    ("webhook_receiver_status", ADMINISTRATION),
    ("webhook_subscriptions", ADMINISTRATION),
    ("register_webhooks", ADMINISTRATION),
    ("remove_webhook_subscription", ADMINISTRATION),
    ("save_practice_settings", ADMINISTRATION),
    ("save_vendor_settings", ADMINISTRATION),
    ("test_vendor_connection", ADMINISTRATION),
    ("sign_in_nextech", ADMINISTRATION),
    // Practice setup: phone menus, telehealth hours, appointment types.
    ("ivr_templates", ADMINISTRATION),
    ("create_ivr_flow", ADMINISTRATION),
    ("zoom_availability", OWN_HOURS),
    ("set_zoom_availability", OWN_HOURS),
    ("nexhealth_availabilities", ADMINISTRATION),
    ("create_nexhealth_availability", ADMINISTRATION),
    ("deactivate_nexhealth_availability", ADMINISTRATION),
    ("create_appointment_type", ADMINISTRATION),
    ("list_staff", ADMINISTRATION),
    ("create_staff", ADMINISTRATION),
    ("update_staff", ADMINISTRATION),
    ("reset_staff_credential", ADMINISTRATION),
    ("set_idle_lock_minutes", ADMINISTRATION),
    ("second_factor_settings", ADMINISTRATION),
    ("set_second_factor_roles", ADMINISTRATION),
    ("reset_second_factor", ADMINISTRATION),
    ("audit_log", ADMINISTRATION),
    ("audit_verify", ADMINISTRATION),
    ("export_audit", ADMINISTRATION),
    ("retention_window", ADMINISTRATION),
    ("set_retention_window", ADMINISTRATION),
    ("purge_now", ADMINISTRATION),
];

/// The rule for `command`, or `None` (refused) when it has none.
#[must_use]
pub fn rule_for(command: &str) -> Option<Rule> {
    POLICY
        .iter()
        .find(|(name, _)| *name == command)
        .map(|(_, rule)| *rule)
}

/// The commands a role may run, for the UI to show only what works (the backend still checks).
#[must_use]
pub fn allowed_for(role: Role) -> Vec<&'static str> {
    POLICY
        .iter()
        .filter(|(_, rule)| match rule {
            Rule::Anyone => true,
            Rule::Roles(roles) => roles.contains(&role),
        })
        .map(|(name, _)| *name)
        .collect()
}
