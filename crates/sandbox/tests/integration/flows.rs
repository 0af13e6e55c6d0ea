//! The vendors' behaviour beyond auth: paging exactly as documented, validation with each
//! vendor's error body, rate limits, the asynchronous writes (NexHealth insertion, WellHive
//! submit and cancel), slots computed from working hours minus bookings, and the seed.
#![allow(clippy::too_many_lines)]

use std::collections::HashSet;

use crate::common::*;
use frontdesk_sandbox::{SandboxOptions, TakeSlot, Vendor};
use serde_json::{Value, json};

#[tokio::test]
async fn should_page_cxone_patients_by_offset_and_limit_and_refuse_limit_over_100() {
    let sb = sandbox(11).await;
    let t = cxone_token(&sb).await;
    let base = sb.info().cxone.base_url.clone();
    let p1: Value = client()
        .get(format!("{base}/patients?limit=100&offset=0"))
        .bearer_auth(&t)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let p2: Value = client()
        .get(format!("{base}/patients?limit=100&offset=100"))
        .bearer_auth(&t)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let total = p1["total"].as_u64().unwrap();
    assert!(total > 150);
    let ids: HashSet<String> = p1["data"]
        .as_array()
        .unwrap()
        .iter()
        .chain(p2["data"].as_array().unwrap())
        .map(|p| p["id"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(ids.len() as u64, total.min(200));
    let r = client()
        .get(format!("{base}/patients?limit=101"))
        .bearer_auth(&t)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 400);
    assert_eq!(
        r.json::<Value>().await.unwrap()["error"]["code"],
        "invalid_parameter"
    );
    let r = client()
        .get(format!("{base}/patients/12345"))
        .bearer_auth(&t)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 400);
    assert_eq!(
        r.json::<Value>().await.unwrap()["error"]["details"],
        "Patient ID must be in the format 'pt-' followed by numbers"
    );
    let r = client()
        .get(format!("{base}/patients?dateOfBirth=05/03/1964"))
        .bearer_auth(&t)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 400);
    let r: Value = client()
        .get(format!(
            "{base}/patients?dateOfBirth=1964-05-03&lastName=nguy"
        ))
        .bearer_auth(&t)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(r["data"][0]["firstName"], "Minh");
}

#[tokio::test]
async fn should_answer_429_past_the_cxone_plan_limit_with_rate_limit_headers() {
    let mut opts = SandboxOptions::small(12);
    opts.cxone_plan = frontdesk_sandbox::CxonePlan::Basic;
    let sb = sandbox_with(opts).await;
    let t = cxone_token(&sb).await;
    sb.set_rate_limit(Vendor::Cxone, Some(5));
    let url = format!(
        "{}/integrations/cxone/ivr/templates",
        sb.info().cxone.base_url
    );
    for n in 0..5 {
        let r = client().get(&url).bearer_auth(&t).send().await.unwrap();
        assert_eq!(r.status(), 200);
        assert_eq!(r.headers()["x-ratelimit-remaining"], &(4 - n).to_string());
    }
    let r = client().get(&url).bearer_auth(&t).send().await.unwrap();
    assert_eq!(r.status(), 429);
    assert!(r.headers().contains_key("retry-after"));
    assert!(r.headers().contains_key("x-ratelimit-reset"));
    assert_eq!(
        r.json::<Value>().await.unwrap()["error"]["code"],
        "rate_limit_exceeded"
    );
    assert_eq!(sb.info().cxone.plan, "basic");
}

fn nex(sb: &frontdesk_sandbox::SandboxHandle, path: &str) -> String {
    let i = &sb.info().nexhealth;
    let sep = if path.contains('?') { '&' } else { '?' };
    format!("{}{path}{sep}subdomain={}", i.base_url, i.subdomain)
}

#[tokio::test]
async fn should_page_nexhealth_current_api_by_cursor_and_legacy_api_by_page() {
    let sb = sandbox(13).await;
    let t = nexhealth_token(&sb).await;
    let loc = sb.info().nexhealth.location_ids[0];
    let r: Value = client()
        .get(nex(
            &sb,
            &format!("/patients?location_id={loc}&per_page=50"),
        ))
        .bearer_auth(&t)
        .header("Nex-Api-Version", "v3.0.0")
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(r["data"].as_array().unwrap().len(), 50);
    assert_eq!(r["page_info"]["has_next_page"], true);
    let end = r["page_info"]["end_cursor"].as_str().unwrap();
    let r2: Value = client()
        .get(nex(
            &sb,
            &format!("/patients?location_id={loc}&per_page=50&end_cursor={end}"),
        ))
        .bearer_auth(&t)
        .header("Nex-Api-Version", "v3.0.0")
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert!(r2["data"][0]["id"].as_u64().unwrap() > r["data"][49]["id"].as_u64().unwrap());
    // The doc's older API: Accept version=2, page/per_page, patients nested in data[0].
    let legacy: Value = client()
        .get(nex(
            &sb,
            &format!("/patients?location_id={loc}&page=2&per_page=5"),
        ))
        .bearer_auth(&t)
        .header("Accept", "application/vnd.Nexhealth+json;version=2")
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(legacy["data"][0]["patients"].as_array().unwrap().len(), 5);
    assert!(legacy["count"].as_u64().unwrap() > 10);
    // Validation: location_id must be an integer, the subdomain the practice's own.
    let r = client()
        .get(nex(&sb, "/patients?location_id=abc"))
        .bearer_auth(&t)
        .header("Nex-Api-Version", "v3.0.0")
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 400);
    let r = client()
        .get(format!(
            "{}/patients?subdomain=other&location_id={loc}",
            sb.info().nexhealth.base_url
        ))
        .bearer_auth(&t)
        .header("Nex-Api-Version", "v3.0.0")
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 403);
    let r = client()
        .get(format!(
            "{}/patients?location_id={loc}",
            sb.info().nexhealth.base_url
        ))
        .bearer_auth(&t)
        .header("Nex-Api-Version", "v3.0.0")
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 400);
}

async fn first_slot(sb: &frontdesk_sandbox::SandboxHandle, t: &str, legacy: bool) -> (u32, Value) {
    let loc = sb.info().nexhealth.location_ids[0];
    let start = (chrono::Utc::now() + chrono::Duration::days(1)).date_naive();
    let (path, hdr) = if legacy {
        (
            "/appointment_slots",
            ("Accept", "application/vnd.Nexhealth+json;version=2"),
        )
    } else {
        ("/available_slots", ("Nex-Api-Version", "v20240412"))
    };
    let providers: Value = client()
        .get(nex(
            sb,
            &format!("/providers?location_id={loc}&per_page=100"),
        ))
        .bearer_auth(t)
        .header("Nex-Api-Version", "v3.0.0")
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let pid = providers["data"][0]["id"].as_u64().unwrap();
    let r: Value = client()
        .get(nex(
            sb,
            &format!("{path}?start_date={start}&days=7&lids[]={loc}&pids[]={pid}"),
        ))
        .bearer_auth(t)
        .header(hdr.0, hdr.1)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let slot = r["data"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|g| g["slots"].as_array().unwrap().clone())
        .next()
        .expect("a free slot within a week");
    (loc, slot)
}

#[tokio::test]
async fn should_accept_a_nexhealth_booking_then_insert_it_and_refuse_the_taken_slot() {
    let sb = sandbox(14).await;
    let t = nexhealth_token(&sb).await;
    let recv = receiver().await;
    let ep: Value = client()
        .post(format!(
            "{}/webhook_endpoints",
            sb.info().nexhealth.base_url
        ))
        .bearer_auth(&t)
        .json(&json!({"target_url": recv.url}))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let ep_id = ep["data"]["id"].as_u64().unwrap();
    let secret = ep["data"]["secret_key"].as_str().unwrap().to_string();
    let r = client()
        .post(nex(
            &sb,
            &format!("/webhook_endpoints/{ep_id}/webhook_subscriptions"),
        ))
        .bearer_auth(&t)
        .header("Nex-Api-Version", "v3.0.0")
        .json(&json!({"resource_type": "Appointment", "event": "appointment_insertion"}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 201);

    let (loc, slot) = first_slot(&sb, &t, false).await;
    let patients: Value = client()
        .get(nex(&sb, &format!("/patients?location_id={loc}&per_page=1")))
        .bearer_auth(&t)
        .header("Nex-Api-Version", "v3.0.0")
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let appt = json!({"appt": {"patient_id": patients["data"][0]["id"], "provider_id": slot["provider_id"], "operatory_id": slot["operatory_id"], "start_time": slot["time"]}});
    let r = client()
        .post(nex(&sb, &format!("/appointments?location_id={loc}")))
        .bearer_auth(&t)
        .header("Nex-Api-Version", "v3.0.0")
        .json(&appt)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 201);
    let body: Value = r.json().await.unwrap();
    let id = body["data"]["appt"]["id"].as_u64().unwrap();
    assert_eq!(body["data"]["appt"]["misc"]["insertion_status"], "pending");
    assert!(body["data"]["appt"]["foreign_id"].is_null());

    // The same time again is refused.
    let r = client()
        .post(nex(&sb, &format!("/appointments?location_id={loc}")))
        .bearer_auth(&t)
        .header("Nex-Api-Version", "v3.0.0")
        .json(&appt)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 400);

    // Polling sees the insertion; the webhook says so too, signed with the endpoint's secret.
    let url = nex(&sb, &format!("/appointments/{id}"));
    let done: Value = eventually(|| {
        let url = url.clone();
        let t = t.clone();
        async move {
            let v: Value = client()
                .get(&url)
                .bearer_auth(&t)
                .send()
                .await
                .ok()?
                .json()
                .await
                .ok()?;
            (v["data"]["misc"]["insertion_status"] == "inserted").then_some(v)
        }
    })
    .await;
    assert!(done["data"]["foreign_id"].is_string());
    let hits = recv.wait_for(1).await;
    let (headers, raw) = &hits[0];
    assert_eq!(
        headers["x-nexhealth-signature"].to_str().unwrap(),
        hmac_hex(&secret, raw)
    );
    let payload: Value = serde_json::from_slice(raw).unwrap();
    assert_eq!(payload["event_name"], "appointment_insertion.complete");
}

#[tokio::test]
async fn should_fail_the_next_nexhealth_insertion_with_its_reason_and_free_the_time() {
    let sb = sandbox(15).await;
    let t = nexhealth_token(&sb).await;
    let (loc, slot) = first_slot(&sb, &t, true).await;
    sb.fail_next_nexhealth_insertion("Operatory closed for maintenance");
    let appt = json!({"appt": {"patient_id": 1001, "provider_id": slot["provider_id"], "operatory_id": slot["operatory_id"], "start_time": slot["time"]}});
    let r: Value = client()
        .post(nex(&sb, &format!("/appointments?location_id={loc}")))
        .bearer_auth(&t)
        .header("Nex-Api-Version", "v3.0.0")
        .json(&appt)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let id = r["data"]["appt"]["id"].as_u64().unwrap().to_string();
    let state = eventually(|| {
        let v = sb.entity(Vendor::Nexhealth, "appointment", &id);
        async move { v.filter(|v| v["misc"]["insertion_status"] == "failed") }
    })
    .await;
    assert_eq!(
        state["misc"]["insertion_error"],
        "Operatory closed for maintenance"
    );
    // Its time is bookable again.
    let r = client()
        .post(nex(&sb, &format!("/appointments?location_id={loc}")))
        .bearer_auth(&t)
        .header("Nex-Api-Version", "v3.0.0")
        .json(&appt)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 201);
}

#[tokio::test]
async fn should_hide_a_slot_another_desk_took() {
    let sb = sandbox(16).await;
    let t = nexhealth_token(&sb).await;
    let (loc, slot) = first_slot(&sb, &t, false).await;
    let start = chrono::DateTime::parse_from_rfc3339(slot["time"].as_str().unwrap())
        .unwrap()
        .with_timezone(&chrono::Utc);
    sb.take_nexhealth_slot(&TakeSlot {
        location_id: loc,
        provider_id: u32::try_from(slot["provider_id"].as_u64().unwrap()).unwrap(),
        operatory_id: slot["operatory_id"]
            .as_u64()
            .map(|o| u32::try_from(o).unwrap()),
        start_time: start,
        minutes: Some(30),
    })
    .unwrap();
    let (_, next) = first_slot(&sb, &t, false).await;
    assert_ne!(next["time"], slot["time"]);
}

#[tokio::test]
async fn should_submit_a_wellhive_appointment_asynchronously_and_cancel_it() {
    let sb = sandbox(17).await;
    let t = wellhive_token(&sb).await;
    let base = sb.info().wellhive.base_url.clone();
    // The story patient has an approved dermatology referral.
    let mrn = sb.entity(Vendor::Nextech, "patient", "100000").unwrap()["personMrn"]
        .as_str()
        .unwrap()
        .to_string();
    let refs: Value = client()
        .get(format!("{base}/referrals?patientId={mrn}"))
        .bearer_auth(&t)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let referral = refs["referrals"][0]["referralNumber"]
        .as_str()
        .unwrap()
        .to_string();
    let network = refs["referrals"][0]["networkId"]
        .as_str()
        .unwrap()
        .to_string();
    let draft: Value = client()
        .post(format!("{base}/appointments"))
        .bearer_auth(&t)
        .json(&json!({"patientId": mrn, "referral": {"referralNumber": referral}}))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(draft["state"], "draft");
    let id = draft["id"].as_str().unwrap().to_string();
    let services: Value = client()
        .get(format!(
            "{base}/provider-services?networkId={network}&visitMode=in-person"
        ))
        .bearer_auth(&t)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let svc = services["providerServices"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| {
            s["features"]["directBooking"]["requiredFields"]
                .as_array()
                .unwrap()
                .is_empty()
        })
        .unwrap()
        .clone();
    let from = chrono::Utc::now() + chrono::Duration::days(2);
    let to = from + chrono::Duration::days(7);
    let slots: Value = client()
        .get(format!(
            "{base}/provider-services/{}/slots",
            svc["id"].as_str().unwrap()
        ))
        .query(&[
            ("startOnOrAfter", from.to_rfc3339()),
            ("startBefore", to.to_rfc3339()),
        ])
        .bearer_auth(&t)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert!(
        slots["nextToken"].is_string(),
        "a week of slots spans pages"
    );
    let slot = slots["slots"][0]["id"].as_str().unwrap().to_string();
    let r = client()
        .post(format!("{base}/appointments/{id}/submit"))
        .bearer_auth(&t)
        .json(&json!({"providerServiceId": svc["id"], "networkId": network, "slotIds": [slot]}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 202);
    let show = format!("{base}/appointments/{id}");
    let submitted: Value = eventually(|| {
        let (show, t) = (show.clone(), t.clone());
        async move {
            let v: Value = client()
                .get(&show)
                .bearer_auth(&t)
                .send()
                .await
                .ok()?
                .json()
                .await
                .ok()?;
            (v["state"] == "submitted").then_some(v)
        }
    })
    .await;
    assert_eq!(submitted["appointmentDetails"]["status"], "booked");
    let reasons: Value = client()
        .get(format!("{base}/appointments/{id}/cancel-reasons"))
        .bearer_auth(&t)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let reason = reasons["cancelReasons"][0]["id"].as_str().unwrap();
    let r = client()
        .post(format!("{base}/appointments/{id}/cancel"))
        .bearer_auth(&t)
        .json(&json!({"cancelReasonId": reason}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 202);
    let done = eventually(|| {
        let v = sb.entity(Vendor::Wellhive, "appointment", &id);
        async move { v.filter(|v| v["state"] == "completed") }
    })
    .await;
    assert_eq!(done["appointmentDetails"]["status"], "cancelled");
}

#[tokio::test]
async fn should_set_wellhive_error_when_the_next_submit_is_made_to_fail() {
    let sb = sandbox(18).await;
    let t = wellhive_token(&sb).await;
    let base = sb.info().wellhive.base_url.clone();
    let mrn = sb.entity(Vendor::Nextech, "patient", "100000").unwrap()["personMrn"]
        .as_str()
        .unwrap()
        .to_string();
    let draft: Value = client()
        .post(format!("{base}/appointments"))
        .bearer_auth(&t)
        .json(&json!({"patientId": mrn}))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let id = draft["id"].as_str().unwrap().to_string();
    let services: Value = client()
        .get(format!("{base}/provider-services"))
        .bearer_auth(&t)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let svc = services["providerServices"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| {
            s["features"]["directBooking"]["requiredFields"]
                .as_array()
                .unwrap()
                .is_empty()
                && s["visitMode"] == "in-person"
        })
        .unwrap()
        .clone();
    // A network that does not require a referral, since this draft has none.
    let nets: Value = client()
        .get(format!("{base}/networks"))
        .bearer_auth(&t)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let open: Vec<&str> = nets["networks"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|n| n["requiresReferral"] == false)
        .map(|n| n["id"].as_str().unwrap())
        .collect();
    let network = svc["networkIds"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| n.as_str().unwrap())
        .find(|n| open.contains(n))
        .unwrap()
        .to_string();
    let from = chrono::Utc::now() + chrono::Duration::days(3);
    let slots: Value = client()
        .get(format!(
            "{base}/provider-services/{}/slots",
            svc["id"].as_str().unwrap()
        ))
        .query(&[
            ("startOnOrAfter", from.to_rfc3339()),
            (
                "startBefore",
                (from + chrono::Duration::days(3)).to_rfc3339(),
            ),
        ])
        .bearer_auth(&t)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    sb.fail_next_wellhive_submit("conflict").unwrap();
    assert!(sb.fail_next_wellhive_submit("oops").is_err());
    sb.fail_next_wellhive_submit("conflict").unwrap();
    let r = client().post(format!("{base}/appointments/{id}/submit")).bearer_auth(&t).json(&json!({"providerServiceId": svc["id"], "networkId": network, "slotIds": [slots["slots"][0]["id"]]})).send().await.unwrap();
    assert_eq!(r.status(), 202);
    let failed = eventually(|| {
        let v = sb.entity(Vendor::Wellhive, "appointment", &id);
        async move { v.filter(|v| v.get("error").is_some()) }
    })
    .await;
    assert_eq!(failed["error"], "conflict");
    assert_eq!(failed["state"], "draft");
    assert!(failed["errorReason"].is_string());
    // Missing required fields are refused with the spec's ErrorResponse.
    let r = client()
        .post(format!("{base}/appointments/{id}/submit"))
        .bearer_auth(&t)
        .json(&json!({"networkId": network}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 400);
    assert_eq!(r.json::<Value>().await.unwrap()["name"], "Bad Request");
}

#[tokio::test]
async fn should_seed_today_at_every_location_and_telehealth_visits_for_known_people() {
    let sb = sandbox(19).await;
    let t = nexhealth_token(&sb).await;
    let now = chrono::Utc::now();
    for loc in sb.info().nexhealth.location_ids.clone() {
        let start =
            (now - chrono::Duration::hours(30)).to_rfc3339_opts(chrono::SecondsFormat::Secs, true);
        let end =
            (now + chrono::Duration::hours(30)).to_rfc3339_opts(chrono::SecondsFormat::Secs, true);
        let r: Value = client()
            .get(nex(&sb, "/appointments"))
            .query(&[
                ("location_id", loc.to_string()),
                ("start", start),
                ("end", end),
                ("per_page", "1000".into()),
            ])
            .bearer_auth(&t)
            .header("Nex-Api-Version", "v3.0.0")
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        let tz: chrono_tz::Tz = r["data"][0]["timezone"].as_str().unwrap().parse().unwrap();
        let today = now.with_timezone(&tz).date_naive();
        let todays = r["data"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|a| {
                chrono::DateTime::parse_from_rfc3339(a["start_time"].as_str().unwrap())
                    .unwrap()
                    .with_timezone(&tz)
                    .date_naive()
                    == today
            })
            .count();
        assert!(todays > 0, "location {loc} has appointments today");
    }
    let z = zoom_token(&sb).await;
    let zb = sb.info().zoom.base_url.clone();
    let today = now
        .with_timezone(&chrono_tz::America::New_York)
        .date_naive();
    let visits: Value = client()
        .get(format!(
            "{zb}/healthcare/visits?from={today}&to={today}&page_size=300"
        ))
        .bearer_auth(&z)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let list = visits["visits"].as_array().unwrap();
    assert!(list.len() >= 3, "telehealth visits today");
    let patient: Value = client()
        .get(format!(
            "{zb}/healthcare/patients/{}",
            list[0]["patient_id"].as_str().unwrap()
        ))
        .bearer_auth(&z)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let cx = cxone_token(&sb).await;
    let same: Value = client()
        .get(format!(
            "{}/patients?mrn={}",
            sb.info().cxone.base_url,
            patient["mrn"].as_str().unwrap()
        ))
        .bearer_auth(&cx)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(same["data"][0]["dateOfBirth"], patient["date_of_birth"]);
}

#[tokio::test]
async fn should_serve_nextech_encounters_with_hostile_ccd_html() {
    let sb = sandbox(20).await;
    let t = nextech_token(&sb).await;
    let i = sb.info().nextech.clone();
    let mut hostile = false;
    for pid in 100_000..100_060 {
        let r = client()
            .get(format!("{}/{pid}/encounters/search", i.base_url))
            .bearer_auth(&t)
            .header("x-nextech-practice-id", &i.practice_id)
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 200);
        let list: Value = r.json().await.unwrap();
        for e in list.as_array().unwrap() {
            let ccd = e["ccd"].as_str().unwrap();
            assert!(ccd.contains("<h2>"));
            if ccd.contains("<script")
                || ccd.contains("onerror=")
                || ccd.to_lowercase().contains("javascript:")
            {
                hostile = true;
            }
        }
    }
    assert!(hostile, "some CCDs are hostile");
    let r = client()
        .get(format!(
            "{}/100000/encounters?start=2-2-2000&end=12-31-2099&section=medications",
            i.base_url
        ))
        .bearer_auth(&t)
        .header("x-nextech-practice-id", &i.practice_id)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    let r = client()
        .get(format!("{}/100000/encounters?section=nonsense", i.base_url))
        .bearer_auth(&t)
        .header("x-nextech-practice-id", &i.practice_id)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 400);
}

#[tokio::test]
async fn should_create_zoom_meetings_with_waiting_room_and_delete_them() {
    let sb = sandbox(21).await;
    let t = zoom_token(&sb).await;
    let i = sb.info().zoom.clone();
    let r = client()
        .post(format!("{}/users/me/meetings", i.base_url))
        .bearer_auth(&t)
        .json(&json!({"topic": "Follow-up", "type": 2, "start_time": "2030-01-01T15:00:00Z", "duration": 20, "settings": {"waiting_room": true, "encryption_type": "enhanced_encryption"}}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 201);
    let m: Value = r.json().await.unwrap();
    assert_eq!(m["settings"]["waiting_room"], true);
    assert!(
        m["join_url"]
            .as_str()
            .unwrap()
            .starts_with("http://127.0.0.1")
    );
    assert!(m["start_url"].is_string());
    let id = m["id"].as_u64().unwrap();
    let r = client()
        .get(format!("{}/meetings/{id}", i.base_url))
        .bearer_auth(&t)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    let r = client()
        .delete(format!("{}/meetings/{id}", i.base_url))
        .bearer_auth(&t)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 204);
    let r = client()
        .get(format!("{}/meetings/{id}", i.base_url))
        .bearer_auth(&t)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 404);
    assert_eq!(r.json::<Value>().await.unwrap()["code"], 3001);
    let r = client()
        .post(format!("{}/users/somebody-else/meetings", i.base_url))
        .bearer_auth(&t)
        .json(&json!({}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 404);
    assert_eq!(r.json::<Value>().await.unwrap()["code"], 1001);
}
