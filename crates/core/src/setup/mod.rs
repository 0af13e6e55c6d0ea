//! Practice setup: the values a practice admin (or a clinician, for their own hours) gives the
//! vendors outside booking — the phone menu, provider hours, appointment types — and the rules
//! those values must meet. Pure: the desk sends them (`frontdesk_desk::setup`), the app and
//! `frontdesk admin` both check with these same rules first.

pub mod forms;
pub mod rules;
pub mod views;

pub use forms::{
    AppointmentTypeForm, IvrFlowForm, IvrFlowPlan, NexAvailabilityForm, NexAvailabilityPlan,
    WeeklyWindow, ZoomAvailabilityForm, ZoomAvailabilityPlan, waiting_room_message,
};
pub use views::{
    InvitationSent, IvrFlowStatus, IvrTemplate, NexAppointmentType, NexAvailability, WaitingVisit,
    ZoomAvailability, ZoomPatientRecord,
};
