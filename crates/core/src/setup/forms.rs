//! What an admin fills in on the practice-setup screen, as the app receives it, and the checks
//! that turn it into values fit to send. Every refusal is `CoreError::Invalid` naming the
//! form's field (camelCase, as the UI names it), so the screen can put the sentence beside
//! the input that caused it.

use super::rules::{self, DayWindow, Window};
use crate::error::CoreError;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use specta::Type;

/// Longest free text a vendor is sent from a setup form (names, greetings, messages).
pub const NAME_MAX: usize = 200;
pub const GREETING_MAX: usize = 500;
pub const MESSAGE_MAX: usize = 500;
/// Callback windows CXone can offer: at least a day, at most a year.
pub const CALLBACK_DAYS: std::ops::RangeInclusive<u32> = 1..=365;
/// Appointment lengths NexHealth is asked to book: five minutes to a working day.
pub const MINUTES: std::ops::RangeInclusive<u32> = 5..=480;

fn invalid(field: &str, message: impl Into<String>) -> CoreError {
    CoreError::invalid(field, message)
}

/// `Some(trimmed)` for a non-blank value, `None` for a blank or absent one.
fn optional(value: Option<&str>, field: &str, max: usize) -> Result<Option<String>, CoreError> {
    match value.map(str::trim).filter(|v| !v.is_empty()) {
        None => Ok(None),
        Some(v) => rules::text(v, max).map(Some).map_err(|m| invalid(field, m)),
    }
}

fn dates(values: &[String], field: &str) -> Result<Vec<NaiveDate>, CoreError> {
    let mut out: Vec<NaiveDate> = values
        .iter()
        .map(|d| rules::date(d.trim()).map_err(|m| invalid(field, m)))
        .collect::<Result<_, _>>()?;
    out.sort_unstable();
    out.dedup();
    Ok(out)
}

/// A custom IVR flow built from a template: the doc's `POST /integrations/cxone/ivr/flows`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, Type)]
#[serde(rename_all = "camelCase", default)]
// The IVR's yes/no parameters, one to one.
#[allow(clippy::struct_excessive_bools)]
pub struct IvrFlowForm {
    pub name: String,
    pub description: Option<String>,
    pub template_id: String,
    pub department_name: Option<String>,
    pub collect_insurance_info: bool,
    pub offer_callback_option: bool,
    /// How many days ahead a callback may be booked; only with a callback.
    pub max_callback_days: Option<u32>,
    /// `HH:MM`, 24 h; both ends or neither.
    pub working_hours_start: Option<String>,
    pub working_hours_end: Option<String>,
    /// Day names, `Monday` … `Sunday`.
    pub working_days: Vec<String>,
    /// `YYYY-MM-DD`.
    pub holiday_dates: Vec<String>,
    pub greeting_message: Option<String>,
    pub ehr_system_id: Option<String>,
    pub scheduling_system_id: Option<String>,
    pub authentication_required: bool,
}

/// An [`IvrFlowForm`] that passed every check.
#[derive(Debug, Clone, PartialEq, Eq)]
#[allow(clippy::struct_excessive_bools)]
pub struct IvrFlowPlan {
    pub name: String,
    pub description: Option<String>,
    pub template_id: String,
    pub department_name: Option<String>,
    pub collect_insurance_info: bool,
    pub offer_callback_option: bool,
    pub max_callback_days: Option<u32>,
    pub working_hours: Option<Window>,
    pub working_days: Vec<String>,
    pub holiday_dates: Vec<NaiveDate>,
    pub greeting_message: Option<String>,
    pub ehr_system_id: Option<String>,
    pub scheduling_system_id: Option<String>,
    pub authentication_required: bool,
}

impl IvrFlowForm {
    /// Checks every field; the first wrong one is named.
    pub fn validate(&self) -> Result<IvrFlowPlan, CoreError> {
        let name = rules::text(&self.name, NAME_MAX).map_err(|m| invalid("name", m))?;
        let template_id = rules::text(&self.template_id, NAME_MAX)
            .map_err(|_| invalid("templateId", "choose a template"))?;
        let max_callback_days = match (self.offer_callback_option, self.max_callback_days) {
            (_, None) => None,
            (false, Some(_)) => {
                return Err(invalid(
                    "maxCallbackDays",
                    "only applies when callers are offered a callback",
                ));
            }
            (true, Some(d)) if !CALLBACK_DAYS.contains(&d) => {
                return Err(invalid(
                    "maxCallbackDays",
                    format!(
                        "must be {} to {} days",
                        CALLBACK_DAYS.start(),
                        CALLBACK_DAYS.end()
                    ),
                ));
            }
            (true, Some(d)) => Some(d),
        };
        let start = optional(self.working_hours_start.as_deref(), "workingHoursStart", 5)?;
        let end = optional(self.working_hours_end.as_deref(), "workingHoursEnd", 5)?;
        let working_hours = match (start, end) {
            (None, None) => None,
            (Some(_), None) => {
                return Err(invalid("workingHoursEnd", "give the closing time too"));
            }
            (None, Some(_)) => {
                return Err(invalid("workingHoursStart", "give the opening time too"));
            }
            (Some(s), Some(e)) => {
                rules::time(&s).map_err(|m| invalid("workingHoursStart", m))?;
                rules::time(&e).map_err(|m| invalid("workingHoursEnd", m))?;
                Some(Window::new(&s, &e).map_err(|m| invalid("workingHoursEnd", m))?)
            }
        };
        let working_days =
            rules::day_set(&self.working_days).map_err(|m| invalid("workingDays", m))?;
        Ok(IvrFlowPlan {
            name,
            description: optional(self.description.as_deref(), "description", GREETING_MAX)?,
            template_id,
            department_name: optional(self.department_name.as_deref(), "departmentName", NAME_MAX)?,
            collect_insurance_info: self.collect_insurance_info,
            offer_callback_option: self.offer_callback_option,
            max_callback_days,
            working_hours,
            working_days,
            holiday_dates: dates(&self.holiday_dates, "holidayDates")?,
            greeting_message: optional(
                self.greeting_message.as_deref(),
                "greetingMessage",
                GREETING_MAX,
            )?,
            ehr_system_id: optional(self.ehr_system_id.as_deref(), "ehrSystemId", NAME_MAX)?,
            scheduling_system_id: optional(
                self.scheduling_system_id.as_deref(),
                "schedulingSystemId",
                NAME_MAX,
            )?,
            authentication_required: self.authentication_required,
        })
    }
}

/// One weekly window: a day and two `HH:MM` times.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct WeeklyWindow {
    /// `Monday` … `Sunday` (any case in; the vendors' spelling out).
    pub day: String,
    pub start: String,
    pub end: String,
}

fn weekly(windows: &[WeeklyWindow], field: &str) -> Result<Vec<DayWindow>, CoreError> {
    let parsed: Vec<DayWindow> = windows
        .iter()
        .enumerate()
        .map(|(i, w)| {
            let at = |m: String| invalid(field, format!("row {}: {m}", i + 1));
            Ok(DayWindow {
                day: rules::day(&w.day).map_err(at)?,
                window: Window::new(&w.start, &w.end).map_err(at)?,
            })
        })
        .collect::<Result<_, CoreError>>()?;
    rules::no_overlaps(&parsed).map_err(|o| invalid(field, o.message))?;
    Ok(parsed)
}

/// A provider's weekly telehealth hours at Zoom, replacing what is there.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, Type)]
#[serde(rename_all = "camelCase", default)]
pub struct ZoomAvailabilityForm {
    pub weekly_hours: Vec<WeeklyWindow>,
    /// Days off, `YYYY-MM-DD`.
    pub unavailable_dates: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ZoomAvailabilityPlan {
    pub weekly_hours: Vec<DayWindow>,
    pub unavailable_dates: Vec<NaiveDate>,
}

impl ZoomAvailabilityForm {
    pub fn validate(&self) -> Result<ZoomAvailabilityPlan, CoreError> {
        Ok(ZoomAvailabilityPlan {
            weekly_hours: weekly(&self.weekly_hours, "weeklyHours")?,
            unavailable_dates: dates(&self.unavailable_dates, "unavailableDates")?,
        })
    }
}

/// Hours a provider can be booked in person through NexHealth (an availability, or working
/// hour in the current API): weekly days or one date, a window, what may be booked in it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, Type)]
#[serde(rename_all = "camelCase", default)]
pub struct NexAvailabilityForm {
    /// The desk's location id (`nexhealth:…`).
    pub location_id: String,
    /// The desk's provider id; the provider must have a NexHealth record.
    pub provider_id: String,
    /// Weekly days; or `specific_date` instead.
    pub days: Vec<String>,
    /// `YYYY-MM-DD`: one day instead of weekly days.
    pub specific_date: Option<String>,
    pub start_time: String,
    pub end_time: String,
    /// The desk's appointment type ids (`nexhealth:…`) bookable in these hours.
    pub appointment_type_ids: Vec<String>,
    /// The desk's operatory id, when the hours are for one chair or room.
    pub operatory_id: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NexAvailabilityPlan {
    pub days: Vec<String>,
    pub specific_date: Option<NaiveDate>,
    pub window: Window,
}

impl NexAvailabilityPlan {
    /// The weekdays these hours fall on (a specific date's own weekday).
    #[must_use]
    pub fn weekdays(&self) -> Vec<String> {
        use chrono::Datelike;
        match self.specific_date {
            Some(d) => {
                let i = d.weekday().num_days_from_monday() as usize;
                rules::DAYS
                    .get(i)
                    .map(|d| vec![(*d).to_owned()])
                    .unwrap_or_default()
            }
            None => self.days.clone(),
        }
    }
}

impl NexAvailabilityForm {
    /// The form's own checks; overlap with hours already at the vendor is the caller's.
    pub fn validate(&self) -> Result<NexAvailabilityPlan, CoreError> {
        if self.location_id.trim().is_empty() {
            return Err(invalid("locationId", "choose a location"));
        }
        if self.provider_id.trim().is_empty() {
            return Err(invalid("providerId", "choose a provider"));
        }
        let days = rules::day_set(&self.days).map_err(|m| invalid("days", m))?;
        let specific_date = self
            .specific_date
            .as_deref()
            .map(str::trim)
            .filter(|d| !d.is_empty())
            .map(|d| rules::date(d).map_err(|m| invalid("specificDate", m)))
            .transpose()?;
        match (days.is_empty(), specific_date.is_some()) {
            (true, false) => {
                return Err(invalid("days", "choose weekly days or one date"));
            }
            (false, true) => {
                return Err(invalid(
                    "specificDate",
                    "give weekly days or one date, not both",
                ));
            }
            _ => {}
        }
        rules::time(self.start_time.trim()).map_err(|m| invalid("startTime", m))?;
        rules::time(self.end_time.trim()).map_err(|m| invalid("endTime", m))?;
        let window =
            Window::new(&self.start_time, &self.end_time).map_err(|m| invalid("endTime", m))?;
        Ok(NexAvailabilityPlan {
            days,
            specific_date,
            window,
        })
    }
}

/// An appointment type at NexHealth: what can be booked, how long it takes, where.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, Type)]
#[serde(rename_all = "camelCase", default)]
pub struct AppointmentTypeForm {
    /// The desk's location id (`nexhealth:…`).
    pub location_id: String,
    pub name: String,
    pub minutes: u32,
    pub bookable_online: bool,
}

impl AppointmentTypeForm {
    /// The name, trimmed, once every field has passed.
    pub fn validate(&self) -> Result<String, CoreError> {
        if self.location_id.trim().is_empty() {
            return Err(invalid("locationId", "choose a location"));
        }
        let name = rules::text(&self.name, NAME_MAX).map_err(|m| invalid("name", m))?;
        if !MINUTES.contains(&self.minutes) {
            return Err(invalid(
                "minutes",
                format!("must be {} to {} minutes", MINUTES.start(), MINUTES.end()),
            ));
        }
        Ok(name)
    }
}

/// A message for a patient in the waiting room ("the doctor is running 10 minutes late").
pub fn waiting_room_message(message: &str) -> Result<String, CoreError> {
    rules::text(message, MESSAGE_MAX).map_err(|m| invalid("message", m))
}

#[cfg(test)]
mod tests;
