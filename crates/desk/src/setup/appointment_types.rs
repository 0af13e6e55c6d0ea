//! NexHealth appointment types: what can be booked, for how long, where. The slot finder's
//! type filter reads them from the cache, so a new one appears there after the next sync.

use super::{SetupError, need, nex_desk_id, nex_number, vendor_error};
use crate::Desk;
use frontdesk_core::Vendor;
use frontdesk_core::setup::{AppointmentTypeForm, NexAppointmentType};
use frontdesk_vendors::nexhealth::wire::{
    AppointmentType, LocationId, NewAppointmentType, NewAppointmentTypeDetails,
};

fn view(t: AppointmentType) -> NexAppointmentType {
    let location_id = (t.parent_type.as_deref() == Some("Location"))
        .then_some(t.parent_id)
        .flatten()
        .map(nex_desk_id);
    NexAppointmentType {
        id: nex_desk_id(t.id.0),
        name: t.name,
        minutes: t.minutes,
        location_id,
        bookable_online: t.bookable_online,
    }
}

/// The practice's appointment types, those of one location (the desk's id) when given.
pub async fn nexhealth_appointment_types(
    desk: &Desk,
    location_id: Option<&str>,
) -> Result<Vec<NexAppointmentType>, SetupError> {
    let nh = need(desk.clients().nexhealth.as_ref(), Vendor::Nexhealth)?;
    let location = location_id
        .map(|l| nex_number(l, "locationId").map(LocationId))
        .transpose()?;
    let types = nh.appointment_types(location).await.map_err(vendor_error)?;
    Ok(types.into_iter().map(view).collect())
}

/// Creates a type under one location, as the doc's example does.
pub async fn create_appointment_type(
    desk: &Desk,
    form: &AppointmentTypeForm,
) -> Result<NexAppointmentType, SetupError> {
    let name = form.validate()?;
    let nh = need(desk.clients().nexhealth.as_ref(), Vendor::Nexhealth)?;
    let location = nex_number(&form.location_id, "locationId")?;
    let body = NewAppointmentType {
        location_id: LocationId(location),
        appointment_type: NewAppointmentTypeDetails {
            name,
            minutes: form.minutes,
            parent_type: "Location".to_owned(),
            parent_id: location,
            bookable_online: Some(form.bookable_online),
        },
    };
    let t = nh
        .create_appointment_type(&body)
        .await
        .map_err(vendor_error)?;
    tracing::info!(appointment_type = %t.id, "nexhealth_appointment_type_created");
    Ok(view(t))
}
