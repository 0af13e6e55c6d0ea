//! NexHealth's entities as JSON, field for field as the spec names them.

use chrono::{DateTime, Offset, Utc};
use chrono_tz::Tz;
use serde_json::{Value, json};

use crate::http::rfc3339_millis;
use crate::world::{
    AppointmentType, Insertion, Location, NexAppointment, NexPatient, Operatory, Provider,
    WorkingHour, World,
};

fn epoch() -> DateTime<Utc> {
    DateTime::from_timestamp(1_577_836_800, 0).unwrap_or_default()
}

pub fn tz_offset(tz: Tz) -> String {
    let secs = Utc::now()
        .with_timezone(&tz)
        .offset()
        .fix()
        .local_minus_utc();
    let sign = if secs < 0 { '-' } else { '+' };
    let m = secs.abs() / 60;
    format!("{sign}{:02}:{:02}", m / 60, m % 60)
}

pub fn location(l: &Location, institution: u32) -> Value {
    json!({
        "id": l.id, "name": l.name, "institution_id": institution,
        "street_address": l.address.street, "street_address_2": null, "city": l.address.city,
        "state": l.address.state, "zip_code": l.address.zip, "country_code": "US",
        "created_at": rfc3339_millis(epoch()), "updated_at": rfc3339_millis(epoch()),
        "latitude": l.address.lat, "longitude": l.address.lon, "phone_number": l.phone,
        "foreign_id": l.id.to_string(), "foreign_id_type": "msg-ehr", "email": null,
        "tz": l.tz.name(), "last_sync_time": rfc3339_millis(Utc::now()),
        "insert_appt_client": true, "map_by_operatory": true, "set_availability_by_operatory": true,
        "inactive": false,
    })
}

pub fn appointment_type(t: &AppointmentType) -> Value {
    json!({"id": t.id, "name": t.name, "parent_type": "Location", "parent_id": t.location_id, "minutes": t.minutes, "bookable_online": t.bookable_online})
}

pub fn working_hour(w: &World, h: &WorkingHour, with_types: bool) -> Value {
    let tz = w.location(h.location_id).map_or(chrono_tz::UTC, |l| l.tz);
    let mut v = json!({
        "id": h.id, "provider_id": h.provider_id, "location_id": h.location_id, "operatory_id": h.operatory_id,
        "begin_time": h.begin.format("%H:%M").to_string(), "end_time": h.end.format("%H:%M").to_string(),
        "days": if h.specific_date.is_some() { Value::Null } else { json!(h.days.iter().map(|d| weekday_name(*d)).collect::<Vec<_>>()) },
        "specific_date": h.specific_date.map(|d| d.to_string()),
        "custom_recurrence": null, "tz_offset": tz_offset(tz), "active": h.active, "source": h.source,
    });
    if with_types {
        v["appointment_types"] = json!(
            w.appointment_types
                .iter()
                .filter(|t| h.appointment_type_ids.contains(&t.id))
                .map(appointment_type)
                .collect::<Vec<_>>()
        );
    }
    v
}

pub fn weekday_name(d: chrono::Weekday) -> &'static str {
    match d {
        chrono::Weekday::Mon => "Monday",
        chrono::Weekday::Tue => "Tuesday",
        chrono::Weekday::Wed => "Wednesday",
        chrono::Weekday::Thu => "Thursday",
        chrono::Weekday::Fri => "Friday",
        chrono::Weekday::Sat => "Saturday",
        chrono::Weekday::Sun => "Sunday",
    }
}

pub fn parse_weekday(s: &str) -> Option<chrono::Weekday> {
    [
        "Monday",
        "Tuesday",
        "Wednesday",
        "Thursday",
        "Friday",
        "Saturday",
        "Sunday",
    ]
    .iter()
    .position(|d| d.eq_ignore_ascii_case(s))
    .and_then(|i| chrono::Weekday::try_from(u8::try_from(i).unwrap_or(7)).ok())
}

pub fn provider(w: &World, p: &Provider, include: &[&str]) -> Value {
    let mut v = json!({
        "id": p.id, "email": p.email, "first_name": p.first, "middle_name": null, "last_name": p.last,
        "name": format!("{} {}", p.first, p.last), "created_at": rfc3339_millis(epoch()), "updated_at": rfc3339_millis(epoch()),
        "institution_id": w.institution_id, "foreign_id": format!("PROV{}", p.id), "foreign_id_type": "msg-ehr",
        "bio": {"specialty": p.specialty}, "inactive": false, "last_sync_time": rfc3339_millis(Utc::now()),
        "display_name": p.display(), "npi": p.npi, "tin": null, "state_license": null, "specialty_code": null,
    });
    if include.is_empty() || include.contains(&"locations") {
        v["locations"] = json!(
            w.location(p.location)
                .map(|l| vec![location(l, w.institution_id)])
                .unwrap_or_default()
        );
    }
    if include.contains(&"availabilities") {
        v["availabilities"] = json!(
            w.working_hours
                .iter()
                .filter(|h| h.provider_id == p.id)
                .map(|h| working_hour(w, h, true))
                .collect::<Vec<_>>()
        );
    }
    v
}

pub fn operatory(w: &World, o: &Operatory, with_types: bool) -> Value {
    let mut v = json!({
        "id": o.id, "name": o.name, "foreign_id": format!("OP{}", o.id), "foreign_id_type": "msg-ehr", "location_id": o.location_id,
        "last_sync_time": rfc3339_millis(Utc::now()), "created_at": rfc3339_millis(epoch()), "updated_at": rfc3339_millis(epoch()),
        "display_name": o.name, "active": true, "bookable_online": true,
    });
    if with_types {
        v["appointment_types"] = json!(
            w.appointment_types
                .iter()
                .filter(|t| t.location_id == o.location_id)
                .map(appointment_type)
                .collect::<Vec<_>>()
        );
    }
    v
}

pub fn patient(w: &World, p: &NexPatient) -> Value {
    let addr = w.people.get(p.person).map(|x| &x.address);
    json!({
        "id": p.id, "email": p.email, "first_name": p.first, "middle_name": p.middle, "last_name": p.last,
        "name": format!("{} {}", p.first, p.last), "created_at": rfc3339_millis(p.created_at), "updated_at": rfc3339_millis(p.updated_at),
        "institution_id": w.institution_id, "foreign_id": p.chart_id.as_ref().map(|_| format!("{}", 30_000 + p.id)), "foreign_id_type": "msg-ehr",
        "bio": {"date_of_birth": p.dob.to_string(), "phone_number": p.phone, "cell_phone_number": p.phone, "gender": p.gender.title(),
            "street_address": addr.map(|a| a.street.clone()), "city": addr.map(|a| a.city.clone()), "state": addr.map(|a| a.state.clone()), "zip_code": addr.map(|a| a.zip.clone())},
        "inactive": false, "last_sync_time": rfc3339_millis(Utc::now()), "guarantor_id": null, "billing_type": null,
        "chart_id": p.chart_id, "preferred_language": p.language, "provider_id": p.provider_id,
        "location_ids": p.location_ids,
    })
}

pub fn appointment(w: &World, a: &NexAppointment) -> Value {
    let tz = w.location(a.location_id).map_or(chrono_tz::UTC, |l| l.tz);
    let (status, error) = match &a.insertion {
        Insertion::Synced => ("synced", None),
        Insertion::Pending => ("pending", None),
        Insertion::Inserted => ("inserted", None),
        Insertion::Failed(r) => ("failed", Some(r.clone())),
    };
    json!({
        "id": a.id, "patient_id": a.patient_id, "provider_id": a.provider_id,
        "provider_name": w.provider(a.provider_id).map(Provider::display),
        "start_time": rfc3339_millis(a.start), "end_time": rfc3339_millis(a.end),
        "confirmed": a.confirmed, "patient_missed": false,
        "created_at": rfc3339_millis(a.created_at), "updated_at": rfc3339_millis(a.updated_at),
        "note": a.note, "unavailable": a.unavailable, "cancelled": a.cancelled, "cancelled_at": a.cancelled_at.map(rfc3339_millis),
        "timezone": tz.name(), "timezone_offset": tz_offset(tz), "institution_id": w.institution_id,
        "appointment_type_id": a.appointment_type_id, "checkin_at": null, "location_id": a.location_id,
        "foreign_id": a.foreign_id, "foreign_id_type": "msg-ehr",
        "misc": {"insertion_status": status, "insertion_error": error},
        "last_sync_time": if a.foreign_id.is_some() { json!(rfc3339_millis(a.updated_at)) } else { Value::Null },
        "patient_confirmed": null, "created_by_user_id": null, "is_guardian": false, "patient_confirmed_at": null,
        "is_new_clients_patient": false, "confirmed_at": null, "sooner_if_possible": false,
        "operatory_id": a.operatory_id, "checked_out": false, "checked_out_at": null, "referrer": null, "is_past_patient": null,
    })
}
