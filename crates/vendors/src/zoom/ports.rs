//! Zoom in the desk's roles: `Telehealth` (visits or meetings, by configuration), the
//! appointment feed, and provider availability as telehealth slots.

use crate::http::paging::collect_all;
use crate::zoom::client::{ZoomApi, ZoomClient};
use crate::zoom::map;
use crate::zoom::wire::{
    Invitation, MeetingId, MeetingSettings, NewMeeting, NewVisit, PatientId, Provider, ProviderId,
    VisitId, VisitQuery, VisitSettings,
};
use async_trait::async_trait;
use chrono::{Duration, NaiveDate, TimeZone, Utc};
use frontdesk_core::appointment::{Appointment, AppointmentStatus};
use frontdesk_core::ports::{
    AppointmentFeed, BookingLookup, InviteChannel, Page, SlotQuery, SlotSource, Telehealth,
    TelehealthRequest,
};
use frontdesk_core::slot::Slot;
use frontdesk_core::{CoreError, ExternalId, Vendor};

fn meeting_id(id: &ExternalId) -> Result<MeetingId, CoreError> {
    id.0.parse()
        .map_err(|_| CoreError::invalid("meetingId", "not a Zoom meeting id"))
}

fn unusable(what: &str) -> CoreError {
    CoreError::Unavailable {
        vendor: Vendor::Zoom,
        detail: format!("Zoom sent {what} the desk cannot use"),
        trace_id: None,
    }
}

#[async_trait]
impl Telehealth for ZoomClient {
    fn vendor(&self) -> Vendor {
        Vendor::Zoom
    }

    async fn schedule_visit(&self, r: &TelehealthRequest) -> Result<Appointment, CoreError> {
        self.schedule(r, false).await
    }

    /// Only the healthcare visits API records on request; meetings stay unrecorded (their
    /// accounts may have no BAA), so a recorded meeting is refused rather than made silently.
    async fn schedule_recorded_visit(
        &self,
        r: &TelehealthRequest,
    ) -> Result<Appointment, CoreError> {
        if self.api() == ZoomApi::Meetings {
            return Err(CoreError::invalid(
                "recording",
                "Zoom meetings are never recorded by the desk; use the healthcare visits API",
            ));
        }
        self.schedule(r, true).await
    }

    /// `GET /healthcare/visits` for the patient and provider around the start, all pages. The
    /// list's `from` and `to` are days in the account's zone, which the desk does not know, so
    /// the day either side is asked too and the start itself decides. A meeting carries no
    /// patient, so the meetings API cannot tell one person's visit from another's.
    async fn find_visit(&self, r: &TelehealthRequest) -> Result<BookingLookup, CoreError> {
        if self.api() == ZoomApi::Meetings {
            return Ok(BookingLookup::CannotCheck);
        }
        let query = VisitQuery {
            from: Some((r.start - Duration::days(1)).date_naive()),
            to: Some((r.start + Duration::days(1)).date_naive()),
            provider_id: Some(ProviderId(r.provider.0.clone())),
            patient_id: Some(PatientId(r.patient.0.clone())),
            status: None,
        };
        let visits = collect_all(|c| {
            let query = &query;
            async move {
                let p = self.list_visits(query, c.as_deref()).await?;
                Ok::<_, CoreError>(Page {
                    items: p.visits,
                    next: p.next_page_token.filter(|t| !t.is_empty()),
                })
            }
        })
        .await?;
        let made = visits.iter().map(map::visit).find(|v| {
            v.start == r.start
                && v.patient_external_id.as_ref() == Some(&r.patient)
                && v.status != AppointmentStatus::Cancelled
        });
        Ok(made.map_or(BookingLookup::NotFound, |v| {
            BookingLookup::Found(Box::new(v))
        }))
    }

    /// `POST /healthcare/patients/{id}/invite`; the meetings API has no invitation.
    async fn invite_patient(
        &self,
        patient: &ExternalId,
        visit: &ExternalId,
        channels: &[InviteChannel],
    ) -> Result<(), CoreError> {
        if self.api() == ZoomApi::Meetings {
            return Err(CoreError::invalid(
                "invite",
                "the Zoom meetings API sends no invitations",
            ));
        }
        let body = Invitation {
            visit_id: VisitId(visit.0.clone()),
            channels: channels.iter().map(|c| c.key().to_owned()).collect(),
            message: None,
        };
        Ok(ZoomClient::invite_patient(self, &PatientId(patient.0.clone()), &body).await?)
    }

    async fn visit(&self, id: &ExternalId) -> Result<Appointment, CoreError> {
        match self.api() {
            ZoomApi::HealthcareVisits => Ok(map::visit(
                &ZoomClient::visit(self, &VisitId(id.0.clone())).await?,
            )),
            ZoomApi::Meetings => {
                let m = self.meeting(meeting_id(id)?).await?;
                map::meeting(&m).ok_or_else(|| unusable("a meeting without a start time"))
            }
        }
    }

    async fn cancel_visit(&self, id: &ExternalId) -> Result<(), CoreError> {
        match self.api() {
            ZoomApi::HealthcareVisits => {
                Ok(ZoomClient::cancel_visit(self, &VisitId(id.0.clone())).await?)
            }
            ZoomApi::Meetings => Ok(self.delete_meeting(meeting_id(id)?).await?),
        }
    }
}

impl ZoomClient {
    /// Every provider of `GET /healthcare/providers`, all pages.
    pub async fn all_providers(&self) -> Result<Vec<Provider>, CoreError> {
        collect_all(|c| async move {
            let p = self.list_providers(c.as_deref()).await?;
            Ok::<_, CoreError>(Page {
                items: p.providers,
                next: p.next_page_token.filter(|t| !t.is_empty()),
            })
        })
        .await
    }

    /// Waiting room and encryption always on; recording only when `recorded` (consent on file).
    async fn schedule(
        &self,
        r: &TelehealthRequest,
        recorded: bool,
    ) -> Result<Appointment, CoreError> {
        match self.api() {
            ZoomApi::HealthcareVisits => {
                let body = NewVisit {
                    patient_id: PatientId(r.patient.0.clone()),
                    provider_id: ProviderId(r.provider.0.clone()),
                    scheduled_time: r.start,
                    duration_minutes: r.minutes,
                    visit_type: r
                        .visit_type
                        .clone()
                        .unwrap_or_else(|| "follow_up".to_owned()),
                    reason: r.reason.clone(),
                    settings: VisitSettings {
                        recording: recorded,
                        ..VisitSettings::hipaa()
                    },
                    notifications: None,
                };
                Ok(map::visit(&self.create_visit(&body).await?))
            }
            ZoomApi::Meetings => {
                // No patient data in the topic: accounts on the plain meetings API may have no BAA.
                let body = NewMeeting {
                    topic: "Telehealth visit".to_owned(),
                    kind: 2,
                    start_time: r.start,
                    duration: r.minutes,
                    timezone: "UTC".to_owned(),
                    agenda: None,
                    settings: MeetingSettings::hipaa(self.encryption()),
                };
                let created = self.create_meeting(&body).await?;
                map::meeting(&created).ok_or_else(|| unusable("a meeting without a start time"))
            }
        }
    }
}

#[async_trait]
impl AppointmentFeed for ZoomClient {
    fn vendor(&self) -> Vendor {
        Vendor::Zoom
    }

    async fn appointments_page(
        &self,
        from: NaiveDate,
        to: NaiveDate,
        cursor: Option<String>,
    ) -> Result<Page<Appointment>, CoreError> {
        match self.api() {
            ZoomApi::HealthcareVisits => {
                let query = VisitQuery {
                    from: Some(from),
                    to: Some(to),
                    ..VisitQuery::default()
                };
                let page = self.list_visits(&query, cursor.as_deref()).await?;
                Ok(Page {
                    items: page.visits.iter().map(map::visit).collect(),
                    next: page.next_page_token.filter(|t| !t.is_empty()),
                })
            }
            ZoomApi::Meetings => {
                let page = self.list_meetings(cursor.as_deref()).await?;
                let start = Utc.from_utc_datetime(&from.and_hms_opt(0, 0, 0).unwrap_or_default());
                let end = Utc.from_utc_datetime(&to.and_hms_opt(23, 59, 59).unwrap_or_default());
                Ok(Page {
                    items: page
                        .meetings
                        .iter()
                        .filter_map(map::meeting)
                        .filter(|a| a.start >= start && a.start <= end)
                        .collect(),
                    next: page.next_page_token.filter(|t| !t.is_empty()),
                })
            }
        }
    }
}

#[async_trait]
impl SlotSource for ZoomClient {
    fn vendor(&self) -> Vendor {
        Vendor::Zoom
    }

    /// Provider availability of the healthcare API; the meetings API has none.
    async fn slots(&self, q: &SlotQuery) -> Result<Vec<Slot>, CoreError> {
        if self.api() == ZoomApi::Meetings {
            return Ok(Vec::new());
        }
        let providers: Vec<ProviderId> = if q.provider_ids.is_empty() {
            self.all_providers()
                .await?
                .into_iter()
                .map(|p| p.id)
                .collect()
        } else {
            q.provider_ids
                .iter()
                .map(|p| ProviderId(p.0.clone()))
                .collect()
        };
        let mut slots = Vec::new();
        for provider in providers {
            let availability = self.provider_availability(&provider).await?;
            slots.extend(map::slots(provider.as_str(), &availability, q.from, q.to));
        }
        Ok(slots)
    }
}
