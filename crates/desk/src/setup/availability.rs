//! When providers can be seen: weekly telehealth hours at Zoom (read and replaced whole) and
//! in-person availabilities at NexHealth (listed, added, switched off). The slot finder asks
//! the vendors live, so a change shows in the next search; appointment types reach the
//! finder's type filter through the cache, after the next sync.

use super::{SetupError, need, nex_desk_id, nex_number, vendor_error};
use crate::Desk;
use frontdesk_core::practice::Provider;
use frontdesk_core::setup::rules::{self, Window};
use frontdesk_core::setup::{
    NexAvailability, NexAvailabilityForm, NexAvailabilityPlan, WeeklyWindow, ZoomAvailability,
    ZoomAvailabilityForm,
};
use frontdesk_core::{CoreError, Vendor};
use frontdesk_vendors::nexhealth::NexhealthClient;
use frontdesk_vendors::nexhealth::wire::{
    AppointmentTypeId, LocationId, NewWorkingHour, OperatoryId, ProviderId as NexProviderId,
    WorkingHour, WorkingHourId, WorkingHourPatch,
};
use frontdesk_vendors::zoom::map as zoom_map;
use frontdesk_vendors::zoom::wire::{
    Availability, AvailabilityUpdate, ProviderId as ZoomProviderId, WeeklyHours,
};

/// Listings are followed to the end, with a bound against a vendor repeating its cursor.
const MAX_PAGES: usize = 200;

async fn desk_provider(desk: &Desk, provider_id: &str) -> Result<Provider, SetupError> {
    let store = desk.store().clone();
    let wanted = provider_id.to_owned();
    crate::sink::blocking(&store, frontdesk_store::Store::providers)
        .await?
        .into_iter()
        .find(|p| p.id == wanted)
        .ok_or_else(|| SetupError::Core(CoreError::not_found("that provider")))
}

/// The provider's id at `vendor`: its link, or the desk id itself when it came from there.
fn link_of(p: &Provider, vendor: Vendor) -> Option<String> {
    p.links
        .iter()
        .find(|l| l.vendor == vendor)
        .map(|l| l.external_id.0.clone())
        .or_else(|| {
            p.id.strip_prefix(&format!("{}:", vendor.key()))
                .map(str::to_owned)
        })
}

async fn zoom_provider_of(desk: &Desk, provider_id: &str) -> Result<ZoomProviderId, SetupError> {
    if let Some(z) = zoom_map::zoom_provider(provider_id) {
        return Ok(ZoomProviderId::from(z));
    }
    let p = desk_provider(desk, provider_id).await?;
    link_of(&p, Vendor::Zoom)
        .map(ZoomProviderId)
        .ok_or_else(|| {
            CoreError::invalid(
                "providerId",
                "this provider has no Zoom record linked yet (it is linked after a sync)",
            )
            .into()
        })
}

fn zoom_view(provider_id: &str, zoom_id: &ZoomProviderId, a: Availability) -> ZoomAvailability {
    ZoomAvailability {
        provider_id: provider_id.to_owned(),
        zoom_provider_id: zoom_id.to_string(),
        time_zone: a.timezone,
        weekly_hours: a
            .weekly_hours
            .into_iter()
            .map(|h| WeeklyWindow {
                // Zoom spells days in lower case; the desk shows them as the other vendors do.
                day: rules::day(&h.day).unwrap_or(h.day),
                start: h.start_time,
                end: h.end_time,
            })
            .collect(),
        unavailable_dates: a
            .unavailable_dates
            .iter()
            .map(|d| d.format("%Y-%m-%d").to_string())
            .collect(),
    }
}

/// A provider's weekly telehealth hours at Zoom (`provider_id` is the desk's).
pub async fn zoom_availability(
    desk: &Desk,
    provider_id: &str,
) -> Result<ZoomAvailability, SetupError> {
    let zoom = need(desk.clients().zoom.as_ref(), Vendor::Zoom)?;
    let zoom_id = zoom_provider_of(desk, provider_id).await?;
    let a = zoom
        .provider_availability(&zoom_id)
        .await
        .map_err(vendor_error)?;
    Ok(zoom_view(provider_id, &zoom_id, a))
}

/// Replaces a provider's weekly telehealth hours and days off at Zoom.
pub async fn set_zoom_availability(
    desk: &Desk,
    provider_id: &str,
    form: &ZoomAvailabilityForm,
) -> Result<ZoomAvailability, SetupError> {
    let plan = form.validate()?;
    let zoom = need(desk.clients().zoom.as_ref(), Vendor::Zoom)?;
    let zoom_id = zoom_provider_of(desk, provider_id).await?;
    let body = AvailabilityUpdate {
        weekly_hours: plan
            .weekly_hours
            .iter()
            .map(|h| WeeklyHours {
                day: h.day.to_ascii_lowercase(),
                start_time: h.window.start_text(),
                end_time: h.window.end_text(),
            })
            .collect(),
        unavailable_dates: plan.unavailable_dates,
    };
    let a = zoom
        .set_provider_availability(&zoom_id, &body)
        .await
        .map_err(vendor_error)?;
    tracing::info!(provider = %zoom_id, windows = body.weekly_hours.len(), "zoom_availability_set");
    Ok(zoom_view(provider_id, &zoom_id, a))
}

fn nex_view(h: WorkingHour) -> NexAvailability {
    NexAvailability {
        id: h.id.to_string(),
        provider_id: h.provider_id.map(|p| nex_desk_id(p.0)),
        location_id: h.location_id.map(|l| nex_desk_id(l.0)),
        operatory_id: h.operatory_id.map(|o| nex_desk_id(o.0)),
        days: h.days.unwrap_or_default(),
        specific_date: h.specific_date.map(|d| d.format("%Y-%m-%d").to_string()),
        start_time: h.begin_time,
        end_time: h.end_time,
        appointment_type_ids: h
            .appointment_types
            .iter()
            .map(|t| nex_desk_id(t.id.0))
            .collect(),
        // An availability that does not say is on: that is how NexHealth creates them.
        active: h.active.unwrap_or(true),
    }
}

async fn all_hours(
    nh: &NexhealthClient,
    location: LocationId,
    active: bool,
) -> Result<Vec<WorkingHour>, SetupError> {
    let mut hours = Vec::new();
    let mut cursor: Option<String> = None;
    for _ in 0..MAX_PAGES {
        let page = nh
            .working_hours_where(location, active, cursor.as_deref())
            .await
            .map_err(vendor_error)?;
        hours.extend(page.items);
        cursor = page.next;
        if cursor.is_none() {
            return Ok(hours);
        }
    }
    Err(CoreError::Internal {
        message: format!("NexHealth kept paging past {MAX_PAGES} pages"),
    }
    .into())
}

/// Every availability at one location (`location_id` is the desk's), on and off.
pub async fn nexhealth_availabilities(
    desk: &Desk,
    location_id: &str,
) -> Result<Vec<NexAvailability>, SetupError> {
    let nh = need(desk.clients().nexhealth.as_ref(), Vendor::Nexhealth)?;
    let location = LocationId(nex_number(location_id, "locationId")?);
    let mut hours = all_hours(&nh, location, true).await?;
    hours.extend(all_hours(&nh, location, false).await?);
    hours.sort_by_key(|h| h.id);
    Ok(hours.into_iter().map(nex_view).collect())
}

/// Whether `existing` (the same provider's, switched on) covers any minute `plan` does.
fn clashes(plan: &NexAvailabilityPlan, existing: &WorkingHour) -> bool {
    let Ok(window) = Window::new(&existing.begin_time, &existing.end_time) else {
        return false;
    };
    if !plan.window.overlaps(window) {
        return false;
    }
    if let (Some(a), Some(b)) = (plan.specific_date, existing.specific_date) {
        return a == b;
    }
    // A weekly row against a date (or two weekly rows) clash on a shared weekday.
    let theirs: Vec<String> = existing.specific_date.map_or_else(
        || rules::day_set(existing.days.as_deref().unwrap_or_default()).unwrap_or_default(),
        |d| {
            NexAvailabilityPlan {
                days: Vec::new(),
                specific_date: Some(d),
                window,
            }
            .weekdays()
        },
    );
    plan.weekdays().iter().any(|d| theirs.contains(d))
}

/// Adds hours a provider can be booked in person. Refused, before anything is sent, when
/// they overlap hours the same provider already has switched on at that location: NexHealth
/// would offer the same minutes twice.
pub async fn create_nexhealth_availability(
    desk: &Desk,
    form: &NexAvailabilityForm,
) -> Result<NexAvailability, SetupError> {
    let plan = form.validate()?;
    let nh = need(desk.clients().nexhealth.as_ref(), Vendor::Nexhealth)?;
    let location = LocationId(nex_number(&form.location_id, "locationId")?);
    let provider = if form.provider_id.starts_with("nexhealth:") {
        NexProviderId(nex_number(&form.provider_id, "providerId")?)
    } else {
        let p = desk_provider(desk, &form.provider_id).await?;
        let id = link_of(&p, Vendor::Nexhealth).ok_or_else(|| {
            CoreError::invalid("providerId", "this provider has no NexHealth record")
        })?;
        NexProviderId(nex_number(&id, "providerId")?)
    };
    let types = form
        .appointment_type_ids
        .iter()
        .map(|t| nex_number(t, "appointmentTypeIds").map(AppointmentTypeId))
        .collect::<Result<Vec<_>, _>>()?;
    let operatory = form
        .operatory_id
        .as_deref()
        .filter(|o| !o.trim().is_empty())
        .map(|o| nex_number(o, "operatoryId").map(OperatoryId))
        .transpose()?;
    if let Some(clash) = all_hours(&nh, location, true)
        .await?
        .into_iter()
        .find(|h| h.active != Some(false) && h.provider_id == Some(provider) && clashes(&plan, h))
    {
        let when = clash.specific_date.map_or_else(
            || clash.days.clone().unwrap_or_default().join(", "),
            |d| d.format("%Y-%m-%d").to_string(),
        );
        return Err(CoreError::invalid(
            "startTime",
            format!(
                "overlaps this provider's hours {when} {}-{} (availability {})",
                clash.begin_time, clash.end_time, clash.id
            ),
        )
        .into());
    }
    let body = NewWorkingHour {
        provider_id: provider,
        begin_time: plan.window.start_text(),
        end_time: plan.window.end_text(),
        operatory_id: operatory,
        appointment_type_ids: types,
        days: plan.days.clone(),
        specific_date: plan.specific_date,
        active: true,
    };
    let h = nh
        .create_working_hour(location, &body)
        .await
        .map_err(vendor_error)?;
    tracing::info!(availability = %h.id, "nexhealth_availability_created");
    Ok(nex_view(h))
}

/// Switches an availability off (it stays listed, inactive); switching it off twice is fine.
pub async fn deactivate_nexhealth_availability(
    desk: &Desk,
    availability_id: &str,
) -> Result<NexAvailability, SetupError> {
    let nh = need(desk.clients().nexhealth.as_ref(), Vendor::Nexhealth)?;
    let id = WorkingHourId(nex_number(availability_id, "availabilityId")?);
    let h = nh
        .update_working_hour(
            id,
            &WorkingHourPatch {
                active: Some(false),
            },
        )
        .await
        .map_err(vendor_error)?;
    tracing::info!(availability = %h.id, "nexhealth_availability_deactivated");
    Ok(nex_view(h))
}
