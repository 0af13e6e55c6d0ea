//! Every endpoint of the two doc-only vendors (CXone, Zoom Healthcare) and the older NexHealth
//! names answering as their docs describe, the quotas of NexHealth and WellHive, and the
//! seed's promises: deterministic per seed, the same people across vendors, held differently.
#![allow(clippy::too_many_lines, clippy::many_single_char_names)]

use crate::common::*;
use frontdesk_sandbox::{SandboxOptions, Vendor};
use serde_json::{Value, json};

#[tokio::test]
async fn should_serve_every_cxone_endpoint_of_the_doc() {
    let sb = sandbox(61).await;
    let t = cxone_token(&sb).await;
    let base = sb.info().cxone.base_url.clone();
    let c = client();
    let p: Value = c
        .get(format!("{base}/patients/pt-10000"))
        .bearer_auth(&t)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(
        p["contactInfo"]["phoneNumber"]
            .as_str()
            .unwrap()
            .chars()
            .next(),
        Some('+')
    );
    let r = c
        .get(format!("{base}/patients/pt-99999999"))
        .bearer_auth(&t)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 404);
    assert_eq!(
        r.json::<Value>().await.unwrap()["error"]["code"],
        "resource_not_found"
    );
    let appts: Value = c
        .get(format!(
            "{base}/patients/pt-10000/appointments?status=scheduled"
        ))
        .bearer_auth(&t)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert!(
        appts["total"].as_u64().unwrap() >= 1,
        "Mr. Nguyen's Thursday visit"
    );
    let appt_id = appts["data"][0]["id"].as_str().unwrap().to_string();
    let r = c
        .get(format!(
            "{base}/patients/pt-10000/appointments?startDate=2026-13-01"
        ))
        .bearer_auth(&t)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 400);
    let r = c
        .post(format!("{base}/integrations/cxone/callbacks"))
        .bearer_auth(&t)
        .json(&json!({"patientId": "pt-10000", "phoneNumber": "+16465550143", "callbackTime": "2030-05-02T15:30:00Z", "callbackReason": "billing", "priority": "medium"}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 201);
    let cb: Value = r.json().await.unwrap();
    assert_eq!(cb["status"], "scheduled");
    assert_eq!(
        sb.entity(Vendor::Cxone, "callback", cb["id"].as_str().unwrap())
            .unwrap()["phoneNumber"],
        "+16465550143"
    );
    let r = c.post(format!("{base}/integrations/cxone/callbacks")).bearer_auth(&t).json(&json!({"patientId": "pt-10000", "phoneNumber": "646-555-0143", "callbackTime": "2030-05-02T15:30:00Z"})).send().await.unwrap();
    assert_eq!(r.status(), 400, "phone must be E.164");
    let r = c.post(format!("{base}/integrations/cxone/reminders")).bearer_auth(&t).json(&json!({"appointmentId": appt_id, "reminderType": "sms", "reminderTime": "2030-05-09T14:30:00Z", "message": "See you"})).send().await.unwrap();
    assert_eq!(r.status(), 201);
    let r = c.post(format!("{base}/integrations/cxone/reminders")).bearer_auth(&t).json(&json!({"appointmentId": appt_id, "reminderType": "pigeon", "reminderTime": "2030-05-09T14:30:00Z"})).send().await.unwrap();
    assert_eq!(r.status(), 400);
    let contacts: Value = c
        .get(format!(
            "{base}/integrations/cxone/patients/pt-10001/contacts?limit=2"
        ))
        .bearer_auth(&t)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(contacts["limit"], 2);
    assert!(contacts["data"].as_array().unwrap().len() <= 2);
    let r = c
        .get(format!(
            "{base}/integrations/cxone/patients/pt-10001/contacts?channel=fax"
        ))
        .bearer_auth(&t)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 400);
    let templates: Value = c
        .get(format!("{base}/integrations/cxone/ivr/templates"))
        .bearer_auth(&t)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(templates["data"].as_array().unwrap().len(), 3);
    let flow = json!({"name": "Cardiology", "baseTemplateId": "ivr-temp-123", "parameters": {"workingHoursStart": "08:00", "workingHoursEnd": "17:00", "holidayDates": ["2030-07-04"]}});
    let r = c
        .post(format!("{base}/integrations/cxone/ivr/flows"))
        .bearer_auth(&t)
        .json(&flow)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 201);
    assert_eq!(
        r.json::<Value>().await.unwrap()["deploymentStatus"],
        "pending"
    );
    let r = c
        .post(format!("{base}/integrations/cxone/ivr/flows"))
        .bearer_auth(&t)
        .json(&json!({"name": "x", "baseTemplateId": "ivr-temp-000"}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 400);
    let hooks: Value = c
        .get(format!("{base}/webhooks"))
        .bearer_auth(&t)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert!(hooks["data"].as_array().unwrap().is_empty());
}

#[tokio::test]
async fn should_serve_every_zoom_healthcare_endpoint_of_the_doc() {
    let sb = sandbox(62).await;
    let t = zoom_token(&sb).await;
    let base = sb.info().zoom.base_url.clone();
    let c = client();
    let providers: Value = c
        .get(format!("{base}/healthcare/providers"))
        .bearer_auth(&t)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let prov = providers["providers"][0]["id"]
        .as_str()
        .unwrap()
        .to_string();
    let avail: Value = c
        .get(format!("{base}/healthcare/providers/{prov}/availability"))
        .bearer_auth(&t)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert!(avail["weekly_hours"].is_array());
    let r = c.patch(format!("{base}/healthcare/providers/{prov}/availability")).bearer_auth(&t).json(&json!({"weekly_hours": [{"day": "tuesday", "start_time": "17:00", "end_time": "19:00"}]})).send().await.unwrap();
    assert_eq!(r.status(), 200);
    let r = c.patch(format!("{base}/healthcare/providers/{prov}/availability")).bearer_auth(&t).json(&json!({"weekly_hours": [{"day": "someday", "start_time": "19:00", "end_time": "17:00"}]})).send().await.unwrap();
    assert_eq!(r.status(), 400);
    let patient: Value = c
        .post(format!("{base}/healthcare/patients"))
        .bearer_auth(&t)
        .json(&json!({"first_name": "Ана", "last_name": "Иванова", "phone": "+1 312-555-0101"}))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let pid = patient["id"].as_str().unwrap().to_string();
    assert!(pid.starts_with("pat_"));
    let r = c
        .patch(format!("{base}/healthcare/patients/{pid}"))
        .bearer_auth(&t)
        .json(&json!({"date_of_birth": "1970-01-31"}))
        .send()
        .await
        .unwrap();
    assert_eq!(
        r.json::<Value>().await.unwrap()["date_of_birth"],
        "1970-01-31"
    );
    let r = c
        .patch(format!("{base}/healthcare/patients/{pid}"))
        .bearer_auth(&t)
        .json(&json!({"date_of_birth": "31/01/1970"}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 400);
    let visit: Value = c
        .post(format!("{base}/healthcare/visits"))
        .bearer_auth(&t)
        .json(&json!({"patient_id": pid, "provider_id": prov, "scheduled_time": "2030-02-01T14:00:00Z", "duration_minutes": 30, "visit_type": "follow_up", "reason": "Post-surgery checkup"}))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let vid = visit["id"].as_str().unwrap().to_string();
    assert_eq!(visit["settings"]["waiting_room"], true);
    let r = c
        .post(format!("{base}/healthcare/patients/{pid}/invite"))
        .bearer_auth(&t)
        .json(&json!({"visit_id": vid, "channels": ["sms"], "message": "Your visit"}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 201);
    let r = c
        .post(format!("{base}/healthcare/patients/{pid}/invite"))
        .bearer_auth(&t)
        .json(&json!({"visit_id": vid, "channels": ["email"]}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 400, "no email on file");
    let r = c
        .patch(format!("{base}/healthcare/visits/{vid}"))
        .bearer_auth(&t)
        .json(&json!({"scheduled_time": "2030-02-01T15:00:00Z"}))
        .send()
        .await
        .unwrap();
    assert_eq!(
        r.json::<Value>().await.unwrap()["scheduled_time"],
        "2030-02-01T15:00:00Z"
    );
    let listed: Value = c
        .get(format!("{base}/healthcare/visits?patient_id={pid}"))
        .bearer_auth(&t)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(listed["total_records"], 1);
    let page: Value = c
        .get(format!("{base}/healthcare/visits?page_size=5"))
        .bearer_auth(&t)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let next = page["next_page_token"].as_str().unwrap().to_string();
    assert!(!next.is_empty());
    let page2: Value = c
        .get(format!(
            "{base}/healthcare/visits?page_size=5&next_page_token={next}"
        ))
        .bearer_auth(&t)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_ne!(page2["visits"][0]["id"], page["visits"][0]["id"]);
    sb.zoom_patient_waiting(&vid).unwrap();
    let r = c
        .post(format!("{base}/healthcare/waiting_room/{pid}/notify"))
        .bearer_auth(&t)
        .json(&json!({"message": "The doctor will be with you shortly"}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    let r = c
        .post(format!("{base}/healthcare/waiting_room/{pid}/admit"))
        .bearer_auth(&t)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    let r = c
        .delete(format!("{base}/healthcare/visits/{vid}"))
        .bearer_auth(&t)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 400, "an in-progress visit cannot be cancelled");
    let other: Value = c.post(format!("{base}/healthcare/visits")).bearer_auth(&t).json(&json!({"patient_id": pid, "provider_id": prov, "scheduled_time": "2030-03-01T14:00:00Z"})).send().await.unwrap().json().await.unwrap();
    let r = c
        .delete(format!(
            "{base}/healthcare/visits/{}",
            other["id"].as_str().unwrap()
        ))
        .bearer_auth(&t)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 204);
    let got: Value = c
        .get(format!(
            "{base}/healthcare/visits/{}",
            other["id"].as_str().unwrap()
        ))
        .bearer_auth(&t)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(got["status"], "cancelled");
}

#[tokio::test]
async fn should_serve_the_older_nexhealth_availabilities_and_refuse_the_docs_5am_end() {
    let sb = sandbox(63).await;
    let t = nexhealth_token(&sb).await;
    let i = sb.info().nexhealth.clone();
    let loc = i.location_ids[0];
    let v2 = "application/vnd.Nexhealth+json;version=2";
    let url = format!(
        "{}/availabilities?subdomain={}&location_id={loc}",
        i.base_url, i.subdomain
    );
    let doc_example = json!({"availability": {"days": ["Monday", "Tuesday"], "appointment_type_ids": [301], "active": true, "provider_id": 101, "begin_time": "09:00", "end_time": "05:00"}});
    let r = client()
        .post(&url)
        .bearer_auth(&t)
        .header("Accept", v2)
        .json(&doc_example)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 400);
    let mut fixed = doc_example.clone();
    fixed["availability"]["end_time"] = json!("17:00");
    let r = client()
        .post(&url)
        .bearer_auth(&t)
        .header("Accept", v2)
        .json(&fixed)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 201);
    assert!(
        r.headers()["content-type"]
            .to_str()
            .unwrap()
            .contains("version=2")
    );
    let list: Value = client()
        .get(format!("{url}&provider_id=101&per_page=50"))
        .bearer_auth(&t)
        .header("Accept", v2)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert!(list["count"].as_u64().unwrap() >= 2);
    let types: Value = client()
        .get(format!(
            "{}/appointment_types?subdomain={}",
            i.base_url, i.subdomain
        ))
        .bearer_auth(&t)
        .header("Accept", v2)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert!(types["data"].as_array().unwrap().len() >= 4);
}

#[tokio::test]
async fn should_enforce_the_nexhealth_rate_limit_and_wellhive_quotas() {
    let mut opts = SandboxOptions::small(64);
    opts.nexhealth_per_minute = 3;
    opts.wellhive_quota = 1;
    let sb = sandbox_with(opts).await;
    let t = nexhealth_token(&sb).await;
    let url = format!("{}/locations", sb.info().nexhealth.base_url);
    assert_eq!(
        client()
            .get(&url)
            .bearer_auth(&t)
            .send()
            .await
            .unwrap()
            .status(),
        200
    );
    assert_eq!(
        client()
            .get(&url)
            .bearer_auth(&t)
            .send()
            .await
            .unwrap()
            .status(),
        200
    );
    let r = client().get(&url).bearer_auth(&t).send().await.unwrap();
    assert_eq!(r.status(), 429);
    assert!(r.headers().contains_key("retry-after"));
    assert_eq!(r.json::<Value>().await.unwrap()["code"], false);

    let w = wellhive_token(&sb).await;
    let base = sb.info().wellhive.base_url.clone();
    assert_eq!(
        client()
            .get(format!("{base}/provider-services"))
            .bearer_auth(&w)
            .send()
            .await
            .unwrap()
            .status(),
        200
    );
    let r = client()
        .get(format!("{base}/provider-services"))
        .bearer_auth(&w)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 429);
    assert!(r.headers().contains_key("retry-after"));
    assert_eq!(
        r.json::<Value>().await.unwrap()["name"],
        "Too Many Requests"
    );
    // Other actions keep their own quota; unquota'd reads are not counted.
    assert_eq!(
        client()
            .get(format!("{base}/networks"))
            .bearer_auth(&w)
            .send()
            .await
            .unwrap()
            .status(),
        200
    );
    sb.set_wellhive_quota(100);
    assert_eq!(
        client()
            .get(format!("{base}/provider-services"))
            .bearer_auth(&w)
            .send()
            .await
            .unwrap()
            .status(),
        200
    );
}

#[tokio::test]
async fn should_seed_the_same_practice_for_the_same_seed() {
    let a = sandbox(65).await;
    let b = sandbox(65).await;
    let c = sandbox(66).await;
    assert_eq!(a.info().cxone.client_secret, b.info().cxone.client_secret);
    assert_ne!(a.info().cxone.client_secret, c.info().cxone.client_secret);
    // Creation stamps are relative to the clock at start; everything else is the seed's.
    let strip = |mut p: Value| {
        p.as_object_mut()
            .unwrap()
            .retain(|k, _| k != "createdAt" && k != "updatedAt");
        p
    };
    for id in ["pt-10005", "pt-10123"] {
        assert_eq!(
            a.entity(Vendor::Cxone, "patient", id).map(strip),
            b.entity(Vendor::Cxone, "patient", id).map(strip)
        );
    }
}

#[tokio::test]
async fn should_hold_the_same_people_differently_across_vendors() {
    let mut opts = SandboxOptions::small(67);
    opts.patients = 600;
    let sb = sandbox_with(opts).await;
    let (mut linked, mut unlinked, mut near_dupes) = (0, 0, 0);
    for n in 100_000..100_550 {
        let Some(nx) = sb.entity(Vendor::Nextech, "patient", &n.to_string()) else {
            continue;
        };
        let mrn = nx["personMrn"].as_str().unwrap();
        if nx["chartNumber"] == mrn {
            linked += 1;
        } else {
            unlinked += 1;
        }
    }
    // Compare names: Nextech patients whose name differs from CXone's for the same person.
    let cx = cxone_token(&sb).await;
    let t = nextech_token(&sb).await;
    let i = sb.info().nextech.clone();
    for n in 100_000..100_200 {
        let Some(nx) = sb.entity(Vendor::Nextech, "patient", &n.to_string()) else {
            continue;
        };
        let mrn = nx["personMrn"].as_str().unwrap();
        let found: Value = client()
            .get(format!("{}/patients?mrn={mrn}", sb.info().cxone.base_url))
            .bearer_auth(&cx)
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        if let Some(p) = found["data"].as_array().and_then(|d| d.first())
            && (p["firstName"] != nx["firstName"] || p["lastName"] != nx["lastName"])
        {
            near_dupes += 1;
        }
    }
    assert!(
        linked > unlinked && unlinked > 0,
        "linked {linked}, unlinked {unlinked}"
    );
    assert!(
        near_dupes > 0,
        "some names differ between CXone and Nextech"
    );
    // Phone numbers are written differently by each vendor.
    let r: Value = client()
        .get(format!("{}/search?term=nguyen", i.base_url))
        .bearer_auth(&t)
        .header("x-nextech-practice-id", &i.practice_id)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let nguyen = r
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["firstName"] == "Minh")
        .unwrap();
    assert_eq!(nguyen["homePhone"], "(646) 555-0143");
    assert_eq!(nguyen["dob"], "1964-05-03T00:00:00Z");
    let p = sb.entity(Vendor::Cxone, "patient", "pt-10000").unwrap();
    assert_eq!(p["contactInfo"]["phoneNumber"], "+16465550143");
    assert_eq!(p["mrn"], nguyen["chartNumber"]);
}
