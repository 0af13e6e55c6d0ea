//! Every client against the sandbox: the full auth flow, every endpoint it implements, and
//! every listing paged to the end, through both the typed methods and the port impls.
#![allow(clippy::doc_markdown, clippy::too_many_lines)]

use crate::common::sandbox as sb;
use chrono::{Duration, NaiveDate, Utc};
use frontdesk_core::appointment::AppointmentStatus;
use frontdesk_core::ports::{
    AppointmentFeed, Booker, BookingRequest, CareNavigation, ClinicalRecords, ContactCenter,
    PatientDirectory, PatientSearch, PracticeDirectory, SlotQuery as DeskSlotQuery, SlotSource,
    Telehealth, TelehealthRequest,
};
use frontdesk_core::{ExternalId, Vendor as CoreVendor};
use frontdesk_vendors::http::paging::collect_all;
use std::time::Duration as StdDuration;

fn today() -> NaiveDate {
    Utc::now().date_naive()
}

#[tokio::test]
async fn cxone_every_endpoint() {
    use frontdesk_vendors::cxone::wire::*;
    let handle = sb::start(101).await;
    let info = handle.info().clone();
    let c = sb::cxone(&info, sb::secrets(&info));
    // Directory paged to the end.
    let all = collect_all(|cur| c.patients_page(cur, None)).await.unwrap();
    assert!(all.len() > 100, "more than one page: {}", all.len());
    let first = all.iter().find(|p| p.mrn.is_some()).unwrap();
    let id = PatientId(first.external_id.0.clone());
    let p = c.patient(&id).await.unwrap();
    assert_eq!(p.id, id);
    let by_mrn = c
        .search_patients(
            &PatientQuery {
                mrn: p.mrn.clone(),
                ..PatientQuery::default()
            },
            0,
            20,
        )
        .await
        .unwrap();
    assert!(by_mrn.data.iter().any(|x| x.id == id));
    let found = PatientSearch::search_patients(&c, &p.last_name)
        .await
        .unwrap();
    assert!(found.iter().any(|x| x.external_id.0 == id.0));
    let appts = c
        .patient_appointments(&id, &AppointmentQuery::default())
        .await
        .unwrap();
    let start = Utc::now() + Duration::days(20);
    let created = c
        .create_appointment(&NewAppointment {
            patient_id: id.clone(),
            provider_id: appts
                .data
                .first()
                .and_then(|a| a.provider_id.clone())
                .unwrap_or_else(|| "dr-700".into()),
            location_id: appts
                .data
                .first()
                .and_then(|a| a.location_id.clone())
                .unwrap_or_else(|| "loc-450".into()),
            appointment_type: "follow-up".into(),
            start_time: start,
            end_time: start + Duration::minutes(30),
            notes: None,
        })
        .await
        .unwrap();
    assert_eq!(created.patient_id, id);
    let cb = ContactCenter::request_callback(
        &c,
        &frontdesk_core::ports::CallbackRequest {
            patient: ExternalId(id.0.clone()),
            phone: "646-555-0143".into(),
            at: Utc::now() + Duration::days(1),
            reason: "prescription-refill".into(),
            priority: Some("medium".into()),
            notes: None,
            skill_group: None,
        },
    )
    .await
    .unwrap();
    assert!(!cb.0.is_empty());
    let rem = ContactCenter::send_reminder(
        &c,
        &frontdesk_core::ports::ReminderRequest {
            appointment: ExternalId(created.id.0.clone()),
            channel: "sms".into(),
            at: start - Duration::days(1),
            message: "Reminder: appointment tomorrow.".into(),
        },
    )
    .await
    .unwrap();
    assert!(!rem.0.is_empty());
    let contacts = c.contacts(&ExternalId(id.0.clone())).await.unwrap();
    let _ = contacts;
    let templates = c.ivr_templates().await.unwrap();
    assert!(!templates.is_empty());
    let flow = c
        .create_ivr_flow(&NewIvrFlow {
            name: "Specialty Clinic Appointment Flow".into(),
            description: None,
            base_template_id: templates[0].id.clone(),
            parameters: IvrParameters {
                department_name: Some("Cardiology".into()),
                working_hours_start: Some("08:00".into()),
                working_hours_end: Some("17:00".into()),
                working_days: vec!["Monday".into()],
                ..IvrParameters::default()
            },
            integrations: None,
        })
        .await
        .unwrap();
    assert!(!flow.id.0.is_empty());
    let hook = c
        .register_webhook(&NewWebhook {
            url: "https://desk.example/hooks/cxone".into(),
            events: vec!["appointment.created".into()],
            description: None,
            secret: secrecy::SecretString::from("hook-secret-123456"),
        })
        .await
        .unwrap();
    assert_eq!(hook.events, vec!["appointment.created".to_owned()]);
}

#[tokio::test]
async fn zoom_every_healthcare_endpoint() {
    use frontdesk_vendors::zoom::ZoomApi;
    use frontdesk_vendors::zoom::wire::*;
    let handle = sb::start(102).await;
    let info = handle.info().clone();
    let z = sb::zoom(&info, sb::secrets(&info), ZoomApi::HealthcareVisits);
    let providers = z.list_providers(None).await.unwrap();
    let prov = providers.providers.first().unwrap().id.clone();
    let availability = z.provider_availability(&prov).await.unwrap();
    assert!(!availability.weekly_hours.is_empty());
    let updated = z
        .set_provider_availability(
            &prov,
            &AvailabilityUpdate {
                weekly_hours: vec![WeeklyHours {
                    day: "tuesday".into(),
                    start_time: "09:00".into(),
                    end_time: "11:00".into(),
                }],
                unavailable_dates: Vec::new(),
            },
        )
        .await
        .unwrap();
    assert_eq!(updated.weekly_hours.len(), 1);
    let slots = SlotSource::slots(
        &z,
        &DeskSlotQuery {
            from: today(),
            to: today() + chrono::Days::new(14),
            provider_ids: vec![ExternalId(prov.0.clone())],
            location_ids: vec![],
            appointment_type: None,
            patient: None,
        },
    )
    .await
    .unwrap();
    assert!(slots.len() >= 2, "two Tuesdays in a fortnight");
    let patient = z
        .create_patient(&NewPatient {
            first_name: "Test".into(),
            last_name: "Person".into(),
            email: Some("test.person@example.com".into()),
            phone: Some("+16465550100".into()),
            date_of_birth: NaiveDate::from_ymd_opt(1980, 5, 15),
        })
        .await
        .unwrap();
    let again = z.patient(&patient.id).await.unwrap();
    assert_eq!(again.id, patient.id);
    z.update_patient(
        &patient.id,
        &PatientUpdate {
            phone: Some("+16465550101".into()),
            ..PatientUpdate::default()
        },
    )
    .await
    .unwrap();
    let visit = Telehealth::schedule_visit(
        &z,
        &TelehealthRequest {
            patient: ExternalId(patient.id.0.clone()),
            provider: ExternalId(prov.0.clone()),
            start: Utc::now() + Duration::days(2),
            minutes: 30,
            visit_type: Some("follow_up".into()),
            reason: None,
        },
    )
    .await
    .unwrap();
    let vid = VisitId(visit.external_id.0.clone());
    let shown = z.visit(&vid).await.unwrap();
    assert_eq!(shown.status, "scheduled");
    z.update_visit(
        &vid,
        &VisitUpdate {
            duration_minutes: Some(45),
            ..VisitUpdate::default()
        },
    )
    .await
    .unwrap();
    z.invite_patient(
        &patient.id,
        &Invitation {
            visit_id: vid.clone(),
            channels: vec!["email".into()],
            message: None,
        },
    )
    .await
    .unwrap();
    handle.zoom_patient_waiting(&vid.0).unwrap();
    let room = z.waiting_room().await.unwrap();
    assert!(room.participants.iter().any(|p| p.patient_id == patient.id));
    z.notify_waiting(
        &patient.id,
        &WaitingRoomNotice {
            message: "The doctor will be with you shortly.".into(),
        },
    )
    .await
    .unwrap();
    z.admit(&patient.id).await.unwrap();
    let feed = collect_all(|cur| z.appointments_page(today(), today() + chrono::Days::new(7), cur))
        .await
        .unwrap();
    assert!(feed.iter().any(|a| a.external_id == visit.external_id));
    // The admitted visit is in progress; cancel another one.
    let other = Telehealth::schedule_visit(
        &z,
        &TelehealthRequest {
            patient: ExternalId(patient.id.0.clone()),
            provider: ExternalId(prov.0.clone()),
            start: Utc::now() + Duration::days(3),
            minutes: 30,
            visit_type: None,
            reason: None,
        },
    )
    .await
    .unwrap();
    Telehealth::cancel_visit(&z, &other.external_id)
        .await
        .unwrap();
    assert_eq!(
        Telehealth::visit(&z, &other.external_id)
            .await
            .unwrap()
            .status,
        AppointmentStatus::Cancelled
    );
}

#[tokio::test]
async fn zoom_meetings_with_waiting_room_and_encryption() {
    use frontdesk_vendors::zoom::ZoomApi;
    use frontdesk_vendors::zoom::wire::MeetingId;
    let handle = sb::start(103).await;
    let info = handle.info().clone();
    let z = sb::zoom(&info, sb::secrets(&info), ZoomApi::Meetings);
    let a = Telehealth::schedule_visit(
        &z,
        &TelehealthRequest {
            patient: ExternalId::from("ignored-for-meetings"),
            provider: ExternalId::from("ignored"),
            start: Utc::now() + Duration::days(1),
            minutes: 30,
            visit_type: None,
            reason: None,
        },
    )
    .await
    .unwrap();
    let id: MeetingId = a.external_id.0.parse().unwrap();
    let m = z.meeting(id).await.unwrap();
    let settings = m.settings.unwrap();
    assert_eq!(settings["waiting_room"], true);
    assert_eq!(settings["encryption_type"], "e2ee");
    Telehealth::cancel_visit(&z, &a.external_id).await.unwrap();
    assert!(z.meeting(id).await.is_err());
}

#[tokio::test]
async fn nextech_signs_in_and_reads_records() {
    use frontdesk_vendors::nextech::wire::{EncounterQuery, PatientId};
    let handle = sb::start(104).await;
    let info = handle.info().clone();
    let secrets = sb::secrets(&info);
    let n = sb::nextech(&info, secrets.clone());
    let open = sb::browser();
    n.login(&open).await.unwrap();
    let story = handle
        .entity(frontdesk_sandbox::Vendor::Nextech, "patient", "100000")
        .unwrap();
    let chart = story["chartNumber"].as_str().unwrap().to_owned();
    let found = n.search_patients(&chart).await.unwrap();
    assert!(found.iter().any(|p| p.patient_id == PatientId(100_000)));
    let categories = n.encounter_categories().await.unwrap();
    assert!(!categories.is_empty());
    let all = n
        .encounters(PatientId(100_000), &EncounterQuery::default())
        .await
        .unwrap();
    assert!(!all.is_empty());
    let ranged = n
        .encounters(
            PatientId(100_000),
            &EncounterQuery {
                start: Some(NaiveDate::from_ymd_opt(2000, 2, 2).unwrap()),
                end: Some(today()),
                section: Some(categories[0].name().to_owned()),
            },
        )
        .await
        .unwrap();
    assert!(ranged.len() <= all.len());
    // A second session signs in with the stored refresh token, no browser.
    let later = sb::nextech(&info, secrets);
    let mapped = ClinicalRecords::encounters(&later, &ExternalId::from("100000"))
        .await
        .unwrap();
    assert_eq!(mapped.len(), all.len());
    assert!(
        PatientSearch::search_patients(&later, &chart)
            .await
            .unwrap()
            .iter()
            .any(|p| p.mrn.as_deref() == Some(chart.as_str()))
    );
}

async fn nexhealth_pass(api: frontdesk_vendors::nexhealth::NexhealthApi, seed: u64) {
    use frontdesk_vendors::nexhealth::wire::*;
    let handle = sb::start(seed).await;
    let info = handle.info().clone();
    let n = sb::nexhealth(&info, sb::secrets(&info), api);
    let loc = n.location_ids()[0];
    let institutions = n.locations().await.unwrap();
    assert!(
        institutions
            .iter()
            .flat_map(|i| &i.locations)
            .any(|l| l.id == loc)
    );
    let providers = PracticeDirectory::providers(&n).await.unwrap();
    assert!(!providers.is_empty());
    let ops = PracticeDirectory::operatories(&n).await.unwrap();
    assert!(!ops.is_empty());
    let locations = PracticeDirectory::locations(&n).await.unwrap();
    assert!(locations.iter().all(|l| l.tz().is_ok()));
    let types = n.appointment_types(Some(loc)).await.unwrap();
    let new_type = n
        .create_appointment_type(&NewAppointmentType {
            location_id: loc,
            appointment_type: NewAppointmentTypeDetails {
                name: "New Patient".into(),
                minutes: 30,
                parent_type: "Location".into(),
                parent_id: loc.0,
                bookable_online: Some(true),
            },
        })
        .await
        .unwrap();
    assert_eq!(new_type.minutes, Some(30));
    let provider = n.providers(Some(loc), None).await.unwrap().items[0].id;
    let hour = n
        .create_working_hour(
            loc,
            &NewWorkingHour {
                provider_id: provider,
                begin_time: "09:00".into(),
                end_time: "17:00".into(),
                operatory_id: None,
                appointment_type_ids: vec![new_type.id],
                days: vec!["Monday".into(), "Tuesday".into()],
                specific_date: None,
                active: true,
            },
        )
        .await
        .unwrap();
    let nr = &n;
    let hours = collect_all(|c| async move {
        let l = nr.working_hours(loc, c.as_deref()).await?;
        Ok::<_, frontdesk_vendors::nexhealth::NexhealthError>(frontdesk_core::ports::Page {
            items: l.items,
            next: l.next,
        })
    })
    .await
    .unwrap();
    assert!(hours.iter().any(|h| h.id == hour.id));
    let patients = collect_all(|c| n.patients_page(c, None)).await.unwrap();
    assert!(patients.len() > 100, "paged to the end: {}", patients.len());
    let created = n
        .create_patient(
            loc,
            &NewPatient {
                provider: NewPatientProvider {
                    provider_id: provider,
                },
                patient: NewPatientDetails {
                    first_name: "Test".into(),
                    last_name: "Person".into(),
                    email: "test.person@example.com".into(),
                    bio: NewPatientBio {
                        date_of_birth: NaiveDate::from_ymd_opt(1980, 5, 15).unwrap(),
                        phone_number: "6465550100".into(),
                        gender: None,
                    },
                },
            },
        )
        .await
        .unwrap();
    let slots = SlotSource::slots(
        &n,
        &DeskSlotQuery {
            from: today() + chrono::Days::new(1),
            to: today() + chrono::Days::new(7),
            provider_ids: vec![],
            location_ids: vec![ExternalId(loc.to_string())],
            appointment_type: Some(ExternalId(
                types.first().map_or(new_type.id, |t| t.id).to_string(),
            )),
            patient: None,
        },
    )
    .await
    .unwrap();
    assert!(!slots.is_empty());
    let booked = Booker::book(
        &n,
        &BookingRequest {
            slot: slots[0].clone(),
            patient: ExternalId(created.id.to_string()),
            note: None,
            referral: None,
        },
    )
    .await
    .unwrap();
    assert_eq!(
        booked.status,
        AppointmentStatus::Pending,
        "inserted asynchronously"
    );
    let mut settled = booked.clone();
    for _ in 0..40 {
        settled = Booker::appointment(&n, &booked.external_id).await.unwrap();
        if settled.status != AppointmentStatus::Pending {
            break;
        }
        tokio::time::sleep(StdDuration::from_millis(50)).await;
    }
    assert!(
        matches!(
            settled.status,
            AppointmentStatus::Scheduled | AppointmentStatus::Confirmed
        ),
        "{:?}",
        settled.status
    );
    let feed = collect_all(|c| n.appointments_page(today(), today() + chrono::Days::new(8), c))
        .await
        .unwrap();
    assert!(feed.iter().any(|a| a.external_id == booked.external_id));
    let cancelled = Booker::cancel(&n, &booked.external_id, None).await.unwrap();
    assert_eq!(cancelled.status, AppointmentStatus::Cancelled);
}

#[tokio::test]
async fn nexhealth_current_api_every_endpoint() {
    nexhealth_pass(frontdesk_vendors::nexhealth::NexhealthApi::Current, 105).await;
}

#[tokio::test]
async fn nexhealth_version_2_every_endpoint() {
    nexhealth_pass(frontdesk_vendors::nexhealth::NexhealthApi::V2, 106).await;
}

#[tokio::test]
async fn wellhive_every_endpoint() {
    use frontdesk_vendors::wellhive::wire::*;
    let handle = sb::start(107).await;
    let info = handle.info().clone();
    let w = sb::wellhive(&info, sb::secrets(&info));
    let networks = w.networks(&[], None, None).await.unwrap();
    let net = networks.networks[0].id.clone();
    assert_eq!(w.network(&net).await.unwrap().id, net);
    w.provider_organizations(None, std::slice::from_ref(&net), None)
        .await
        .unwrap();
    let specialties = w.specialties(&[], None).await.unwrap();
    let sp = specialties.specialties[0].id.clone().unwrap();
    assert_eq!(w.specialty(&sp).await.unwrap().id, Some(sp));
    let groups = w.specialty_groups(&[], None).await.unwrap();
    let g = groups.specialty_groups[0].id.clone();
    assert_eq!(w.specialty_group(&g).await.unwrap().id, g);
    // Every provider service, paged by nextToken to the end.
    let services = collect_all(|c| {
        let w = w.clone();
        async move {
            let r = w
                .provider_services(&ProviderServiceQuery::default(), c.as_deref())
                .await?;
            Ok::<_, frontdesk_vendors::wellhive::WellhiveError>(frontdesk_core::ports::Page {
                items: r.provider_services,
                next: r.next_token.filter(|t| !t.is_empty()),
            })
        }
    })
    .await
    .unwrap();
    assert!(
        services.len() > 20,
        "more than one page: {}",
        services.len()
    );
    let story = handle
        .entity(frontdesk_sandbox::Vendor::Nextech, "patient", "100000")
        .unwrap();
    let mrn = story["personMrn"].as_str().unwrap().to_owned();
    let referrals = w
        .referrals(&PatientId(mrn.clone()), None)
        .await
        .unwrap()
        .referrals;
    let referral = referrals.first().unwrap().clone();
    let referral_network = referral.network().cloned().unwrap();
    let service = services
        .iter()
        .find(|s| s.is_active && s.network_ids.contains(&referral_network))
        .unwrap();
    assert_eq!(
        w.provider_service(&service.id).await.unwrap().id,
        service.id
    );
    let mut destinations = std::collections::BTreeMap::new();
    for s in services.iter().take(2) {
        if let (Some(lat), Some(lon)) = (s.location.latitude, s.location.longitude) {
            destinations.insert(
                s.id.0.clone(),
                GeoLocation {
                    latitude: lat,
                    longitude: lon,
                },
            );
        }
    }
    let drive = w
        .drive_times(&DriveTimePayload {
            origin: GeoLocation {
                latitude: 40.7,
                longitude: -74.0,
            },
            destinations,
            appointment_id: None,
            arrive_at: None,
            depart_at: None,
        })
        .await
        .unwrap();
    assert!(!drive.destinations.is_empty());
    let referrals = CareNavigation::referrals(&w, &ExternalId(mrn.clone()))
        .await
        .unwrap();
    assert!(!referrals.is_empty());
    let slots = SlotSource::slots(
        &w,
        &DeskSlotQuery {
            from: today() + chrono::Days::new(1),
            to: today() + chrono::Days::new(20),
            provider_ids: vec![ExternalId(service.id.0.clone())],
            location_ids: vec![],
            appointment_type: None,
            patient: None,
        },
    )
    .await
    .unwrap();
    assert!(!slots.is_empty());
    let key = frontdesk_vendors::wellhive::map::SlotKey::decode(&slots[0].id).unwrap();
    assert_eq!(
        w.slot(&key.provider_service, &key.slot).await.unwrap().id,
        key.slot
    );
    let booked = Booker::book(
        &w,
        &BookingRequest {
            slot: slots[0].clone(),
            patient: ExternalId(mrn.clone()),
            note: None,
            referral: referral.referral_number.clone(),
        },
    )
    .await
    .unwrap();
    assert_eq!(booked.status, AppointmentStatus::Pending);
    let id = AppointmentId(booked.external_id.0.clone());
    let mut state = String::new();
    for _ in 0..40 {
        let a = w.appointment(&id, false).await.unwrap();
        state = a.state.clone();
        if state != "draft"
            && a.appointment_details
                .as_ref()
                .and_then(|d| d.status.as_deref())
                != Some("pending-booking")
        {
            break;
        }
        tokio::time::sleep(StdDuration::from_millis(50)).await;
    }
    assert_eq!(state, "submitted");
    let mine = w
        .search_appointments(
            &AppointmentQuery {
                patient_id: Some(PatientId(mrn.clone())),
                ..AppointmentQuery::default()
            },
            None,
        )
        .await
        .unwrap();
    assert!(mine.appointments.iter().any(|a| a.id == id));
    assert!(
        CareNavigation::network_appointments(&w, &ExternalId(mrn))
            .await
            .unwrap()
            .iter()
            .any(|a| a.external_id == booked.external_id)
    );
    let reasons = w.cancel_reasons(&id).await.unwrap();
    assert!(!reasons.cancel_reasons.is_empty());
    Booker::cancel(
        &w,
        &booked.external_id,
        Some(reasons.cancel_reasons[0].id.as_str()),
    )
    .await
    .unwrap();
    let mut status = AppointmentStatus::Pending;
    for _ in 0..40 {
        status = Booker::appointment(&w, &booked.external_id)
            .await
            .unwrap()
            .status;
        if status == AppointmentStatus::Cancelled {
            break;
        }
        tokio::time::sleep(StdDuration::from_millis(50)).await;
    }
    assert_eq!(status, AppointmentStatus::Cancelled);
    let _ = CoreVendor::Wellhive;
}
