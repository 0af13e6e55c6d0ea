//! Zoom Meeting API (from the published spec): `POST /users/{userId}/meetings`, and
//! `GET`/`DELETE /meetings/{meetingId}`. Scopes `meeting:write`/`meeting:read`.

use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use chrono::Utc;
use rand::Rng;
use serde_json::{Map, Value, json};

use super::auth::require;
use super::error::{bad, error, not_found};
use crate::http::{json, rfc3339};
use crate::state::{Shared, lock};
use crate::vendors::{parse_body, parse_instant};
use crate::world::ZoomMeeting;

const AUDIO: &[&str] = &["both", "telephony", "voip", "thirdParty"];
const RECORDING: &[&str] = &["local", "cloud", "none"];
const ENCRYPTION: &[&str] = &["enhanced_encryption", "e2ee"];

fn meeting_json(origin: &str, m: &ZoomMeeting, with_status: bool) -> Value {
    let mut v = json!({
        "uuid": m.uuid,
        "id": m.id,
        "host_id": m.host_id,
        "host_email": m.host_email,
        "topic": m.topic,
        "type": m.kind,
        "duration": m.duration,
        "timezone": m.timezone.clone().unwrap_or_else(|| "UTC".into()),
        "agenda": m.agenda.clone().unwrap_or_default(),
        "created_at": rfc3339(m.created_at),
        "start_url": format!("{origin}/s/{}?zak=sandbox", m.id),
        "join_url": format!("{origin}/j/{}?pwd={}", m.id, m.password),
        "password": m.password,
        "h323_password": m.password.chars().filter(char::is_ascii_digit).collect::<String>(),
        "pre_schedule": false,
        "settings": m.settings,
    });
    if let Some(t) = m.start_time {
        v["start_time"] = json!(rfc3339(t));
    }
    if with_status {
        v["status"] = json!(if m.start_time.is_some_and(|t| t <= Utc::now()) {
            "started"
        } else {
            "waiting"
        });
    }
    v
}

fn merge_settings(given: Option<&Map<String, Value>>) -> Result<Value, Response> {
    let mut s = json!({
        "host_video": false,
        "participant_video": false,
        "join_before_host": false,
        "mute_upon_entry": false,
        "watermark": false,
        "use_pmi": false,
        "approval_type": 2,
        "audio": "both",
        "auto_recording": "none",
        "waiting_room": false,
        "meeting_authentication": false,
        "encryption_type": "enhanced_encryption",
        "email_notification": true,
    });
    if let Some(given) = given {
        for (k, v) in given {
            s[k] = v.clone();
        }
    }
    let check = |k: &str, allowed: &[&str]| {
        s.get(k)
            .and_then(Value::as_str)
            .is_none_or(|v| allowed.contains(&v))
    };
    if !check("audio", AUDIO)
        || !check("auto_recording", RECORDING)
        || !check("encryption_type", ENCRYPTION)
    {
        return Err(bad(
            "Invalid field: settings (audio, auto_recording or encryption_type).",
        ));
    }
    if s.get("approval_type")
        .and_then(Value::as_i64)
        .is_some_and(|a| !(0..=2).contains(&a))
    {
        return Err(bad("Invalid field: settings.approval_type."));
    }
    if s.get("jbh_time")
        .and_then(Value::as_i64)
        .is_some_and(|a| ![0, 5, 10].contains(&a))
    {
        return Err(bad("Invalid field: settings.jbh_time."));
    }
    Ok(s)
}

pub async fn create(
    State(s): State<Arc<Shared>>,
    headers: HeaderMap,
    Path(user): Path<String>,
    body: Bytes,
) -> Result<Response, Response> {
    require(&s, &headers, "meeting:write")?;
    if user != "me" && user != s.creds.zoom_user_id && user != s.creds.zoom_user_email {
        return Err(not_found(1001, &format!("User does not exist: {user}.")));
    }
    let body = if body.is_empty() {
        json!({})
    } else {
        parse_body(&body).map_err(|e| bad(&e))?
    };
    let topic = body
        .get("topic")
        .and_then(Value::as_str)
        .unwrap_or("Zoom meeting");
    if topic.chars().count() > 200 {
        return Err(bad("Invalid field: topic (at most 200 characters)."));
    }
    let kind = body
        .get("type")
        .map_or(Some(2), Value::as_i64)
        .filter(|k| [1, 2, 3, 8].contains(k))
        .ok_or_else(|| bad("Invalid field: type."))?;
    let start = match body.get("start_time").and_then(Value::as_str) {
        Some(t) => Some(
            parse_instant(t)
                .or_else(|| {
                    chrono::NaiveDateTime::parse_from_str(t, "%Y-%m-%dT%H:%M:%S")
                        .ok()
                        .map(|n| n.and_utc())
                })
                .ok_or_else(|| bad("Invalid field: start_time."))?,
        ),
        None if kind == 2 => Some(Utc::now()),
        None => None,
    };
    let duration = body
        .get("duration")
        .map_or(Some(60), Value::as_i64)
        .filter(|d| *d > 0)
        .ok_or_else(|| bad("Invalid field: duration."))?;
    let password = match body.get("password").and_then(Value::as_str) {
        Some(p) if p.chars().count() > 10 => {
            return Err(bad("Invalid field: password (at most 10 characters)."));
        }
        Some(p) => p.to_string(),
        None => crate::tokens::random_token("")[..8].to_string(),
    };
    if body
        .get("agenda")
        .and_then(Value::as_str)
        .is_some_and(|a| a.chars().count() > 2000)
    {
        return Err(bad("Invalid field: agenda (at most 2000 characters)."));
    }
    if body.get("schedule_for").is_some() && kind == 1 {
        return Err(error(
            StatusCode::BAD_REQUEST,
            3000,
            "Instant meetings do not support the schedule_for parameter.",
        ));
    }
    let settings = merge_settings(body.get("settings").and_then(Value::as_object))?;
    let mut rng = rand::rng();
    let id = rng.random_range(80_000_000_000i64..99_999_999_999);
    let meeting = ZoomMeeting {
        id: u64::try_from(id).unwrap_or(0),
        uuid: format!("{}==", &crate::tokens::random_token("")[..22]),
        host_id: s.creds.zoom_user_id.clone(),
        host_email: s.creds.zoom_user_email.clone(),
        topic: topic.into(),
        kind,
        start_time: start,
        duration,
        timezone: body
            .get("timezone")
            .and_then(Value::as_str)
            .map(str::to_string),
        agenda: body
            .get("agenda")
            .and_then(Value::as_str)
            .map(str::to_string),
        password,
        settings,
        created_at: Utc::now(),
    };
    lock(&s.world).zoom_meetings.push(meeting.clone());
    Ok(json(
        StatusCode::CREATED,
        &meeting_json(&s.origins.zoom, &meeting, false),
    ))
}

fn parse_id(id: &str) -> Result<u64, Response> {
    id.parse::<u64>()
        .map_err(|_| not_found(3001, &format!("Meeting {id} is not found or has expired.")))
}

pub async fn show(
    State(s): State<Arc<Shared>>,
    headers: HeaderMap,
    Path(id): Path<String>,
) -> Result<Response, Response> {
    require(&s, &headers, "meeting:read")?;
    let n = parse_id(&id)?;
    let world = lock(&s.world);
    let m = world
        .zoom_meetings
        .iter()
        .find(|m| m.id == n)
        .ok_or_else(|| not_found(3001, &format!("Meeting {id} is not found or has expired.")))?;
    Ok(json(
        StatusCode::OK,
        &meeting_json(&s.origins.zoom, m, true),
    ))
}

pub async fn remove(
    State(s): State<Arc<Shared>>,
    headers: HeaderMap,
    Path(id): Path<String>,
) -> Result<Response, Response> {
    require(&s, &headers, "meeting:write")?;
    let n = parse_id(&id)?;
    let mut world = lock(&s.world);
    let before = world.zoom_meetings.len();
    world.zoom_meetings.retain(|m| m.id != n);
    if world.zoom_meetings.len() == before {
        return Err(not_found(
            3001,
            &format!("Meeting with this {id} is not found or has expired."),
        ));
    }
    Ok(StatusCode::NO_CONTENT.into_response())
}
