//! CXone contact history for a patient, generated on request from the seed so every patient
//! has a plausible, stable past of calls, chats, emails and texts without holding it all.

use chrono::{DateTime, Duration, Utc};
use rand::rngs::StdRng;
use rand::seq::IndexedRandom;
use rand::{Rng, SeedableRng};
use serde_json::{Value, json};

use crate::world::CxPatient;

const CHANNELS: &[&str] = &["voice", "voice", "chat", "email", "sms"];
const DISPOSITIONS: &[&str] = &[
    "resolved",
    "callback-scheduled",
    "transferred",
    "voicemail",
    "automated-reminder",
];

fn fmt(t: DateTime<Utc>) -> String {
    t.to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
}

pub fn contact_history(seed: u64, patient: &CxPatient, anchor: DateTime<Utc>) -> Vec<Value> {
    let num: u64 = patient.id.trim_start_matches("pt-").parse().unwrap_or(0);
    let mut rng = StdRng::seed_from_u64(seed.wrapping_mul(31).wrapping_add(num));
    let n = rng.random_range(0..=6);
    let mut out = Vec::new();
    for k in 0..n {
        let channel = CHANNELS.choose(&mut rng).copied().unwrap_or("voice");
        let start = anchor
            - Duration::days(rng.random_range(1..180))
            - Duration::minutes(rng.random_range(0..600));
        let duration: i64 = match channel {
            "voice" => rng.random_range(60..1200),
            "chat" => rng.random_range(120..900),
            _ => rng.random_range(5..60),
        };
        let automated = channel == "sms" && rng.random_bool(0.6);
        let mut c = json!({
            "id": format!("contact-{}{:02}", num, k),
            "patientId": patient.id,
            "channel": channel,
            "direction": if automated || rng.random_bool(0.3) { "outbound" } else { "inbound" },
            "agentId": if automated { Value::Null } else { json!(format!("agent-{}", rng.random_range(400..480))) },
            "skillGroupId": format!("skill-{}", [123, 456, 789].choose(&mut rng).copied().unwrap_or(123)),
            "startTime": fmt(start),
            "endTime": fmt(start + Duration::seconds(duration)),
            "duration": duration,
            "disposition": if automated { "automated-reminder" } else { DISPOSITIONS.choose(&mut rng).copied().unwrap_or("resolved") },
            "notes": if automated { "Automated appointment reminder sent" } else { "Patient called about scheduling." },
            "tags": if automated { json!(["appointment-reminder"]) } else { json!(["scheduling"]) },
        });
        if channel == "voice" {
            c["recording"] = json!({"id": format!("rec-{}{:02}", num, k), "url": format!("https://recordings.cxone.example/rec-{num}{k:02}"), "duration": duration});
        }
        if channel == "sms" {
            c["transcript"] = json!(
                "Reminder: You have an appointment soon. Reply C to confirm or R to reschedule."
            );
        }
        out.push(c);
    }
    out.sort_by(|a, b| b["startTime"].as_str().cmp(&a["startTime"].as_str()));
    out
}
