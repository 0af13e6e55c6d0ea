//! `frontdesk book --slot ID --patient ID [--no-wait]`: books a slot from `frontdesk slots`
//! through the same facade as the app (re-checked first, never twice under one `--key`), then
//! waits for the vendor's confirmation (NexHealth's EHR insertion, WellHive's submission)
//! unless told not to. A slot taken meanwhile exits 5 and prints the next slots; a booking the
//! vendor refused exits 1 with the vendor's reason.

use crate::cli::{BookArgs, Cli};
use crate::context::{self, actor};
use crate::exit::{ExitCode, Failure};
use crate::output;
use frontdesk_core::PatientId;
use frontdesk_desk::Desk;
use frontdesk_desk::booking::{
    BookError, BookRequest, BookingPatient, PatientAttribute, ReferralOptions, SettleOutcome,
    TelehealthOptions,
};
use frontdesk_store::KeychainKeyProvider;
use serde_json::json;

fn attributes(args: &BookArgs) -> Result<Vec<PatientAttribute>, Failure> {
    args.attributes
        .iter()
        .map(|a| {
            a.split_once('=')
                .map(|(name, value)| PatientAttribute {
                    name: name.trim().to_owned(),
                    value: value.trim().to_owned(),
                })
                .filter(|a| !a.name.is_empty())
                .ok_or_else(|| Failure::new(ExitCode::BadInput, "--attribute takes NAME=VALUE"))
        })
        .collect()
}

fn request(args: &BookArgs) -> Result<BookRequest, Failure> {
    let telehealth = (args.visit_type.is_some()
        || args.minutes.is_some()
        || args.recording_consent)
        .then(|| TelehealthOptions {
            visit_type: args.visit_type.clone(),
            minutes: args.minutes,
            recording_consent: args.recording_consent,
        });
    let attributes = attributes(args)?;
    let referral = (args.referral.is_some() || !attributes.is_empty()).then(|| ReferralOptions {
        referral_id: args.referral.clone(),
        attributes,
    });
    Ok(BookRequest {
        slot_id: args.slot.clone(),
        patient: BookingPatient::Existing {
            patient_id: PatientId(args.patient.clone()),
        },
        key: args.key.clone(),
        note: None,
        telehealth,
        referral,
    })
}

pub fn run(cli: &Cli, args: &BookArgs) -> Result<(), Failure> {
    let request = request(args)?;
    let config = context::config(cli)?;
    let data_dir = context::data_dir(cli)?;
    let secrets = context::secrets();
    let wait = !args.no_wait;
    let outcome = context::runtime()?.block_on(async move {
        let desk = Desk::open(config, &secrets, &data_dir, &KeychainKeyProvider, &actor())?;
        let (booked, pending) = match desk.book(&actor(), &request).await {
            Ok(done) => done,
            Err(e) => return Ok(Err(e)),
        };
        let settled = match pending {
            Some(p) if wait => Some(p.wait().await),
            _ => None,
        };
        Ok::<_, Failure>(Ok((booked, settled)))
    })?;
    let (booked, settled) = match outcome {
        Ok(done) => done,
        Err(BookError::SlotTaken { next }) => {
            if args.json {
                output::json(&json!({ "error": "conflict", "nextSlots": next }))?;
            } else {
                output::line("the slot was just taken; the next open times:")?;
                for s in &next {
                    output::line(&format!("{}  {}", s.start, s.id))?;
                }
            }
            return Err(BookError::SlotTaken { next }.into());
        }
        Err(e) => return Err(e.into()),
    };
    if args.json {
        output::json(&json!({ "booking": booked, "settled": settled }))?;
    } else {
        let a = &booked.appointment;
        output::line(&format!(
            "booked {} at {} ({})",
            a.id,
            a.start.to_rfc3339(),
            if booked.settling {
                "pending at the vendor"
            } else {
                "scheduled"
            }
        ))?;
        if let Some(t) = &booked.telehealth {
            output::line(&format!("patient link: {}", t.patient_join_url))?;
        }
        if let Some(s) = &settled {
            output::line(&format!("{}: {:?}", s.appointment.id, s.outcome).to_ascii_lowercase())?;
        }
    }
    match settled {
        Some(s) if s.outcome == SettleOutcome::Failed => Err(Failure::new(
            ExitCode::Other,
            format!(
                "the vendor refused booking {}: {}",
                s.appointment.id,
                s.reason.unwrap_or_default()
            ),
        )),
        _ => Ok(()),
    }
}
