//! `frontdesk slots --from DATE --to DATE [...]`: open slots across every configured vendor at
//! once, as the desk's slot finder shows them: times in each location's zone with their
//! offset, and one line per vendor asked, so a vendor that failed or was slow is named beside
//! the others' slots (exit 0). Only when every vendor asked failed is the exit 3.

use crate::cli::{Cli, SlotsArgs};
use crate::context::{self, actor};
use crate::exit::{ExitCode, Failure};
use crate::output;
use frontdesk_core::PatientId;
use frontdesk_core::slots::OutcomeState;
use frontdesk_desk::Desk;
use frontdesk_desk::booking::{OpenSlot, SlotQuery};
use frontdesk_store::KeychainKeyProvider;
use serde_json::json;

fn outcome_line(o: &frontdesk_core::slots::VendorOutcome) -> String {
    let what = match &o.state {
        OutcomeState::Ok { slots } => format!("{slots} slot(s)"),
        OutcomeState::TimedOut { after_ms } => format!("no answer within {after_ms} ms"),
        OutcomeState::Failed { message, .. } => format!("failed: {message}"),
    };
    format!("{}: {what} ({} ms)", o.vendor.key(), o.elapsed_ms)
}

fn slot_line(s: &OpenSlot) -> String {
    format!(
        "{}  {}  {:<10}  {:<9}  {:<22}  {:<16}  {}",
        s.start,
        s.end.get(11..16).unwrap_or(&s.end),
        format!("{:?}", s.mode).to_ascii_lowercase(),
        s.vendor.key(),
        s.provider_id.as_deref().unwrap_or("-"),
        s.location_id.as_deref().unwrap_or("-"),
        s.id
    )
}

pub fn run(cli: &Cli, args: &SlotsArgs) -> Result<(), Failure> {
    let config = context::config(cli)?;
    let data_dir = context::data_dir(cli)?;
    let secrets = context::secrets();
    let query = SlotQuery {
        from: args.from.to_string(),
        to: args.to.to_string(),
        modes: args.modes.iter().map(|m| (*m).into()).collect(),
        provider_ids: args.providers.clone(),
        location_ids: args.locations.clone(),
        appointment_type: args.appointment_type.clone(),
        patient_id: args.patient.clone().map(PatientId),
        ..SlotQuery::default()
    };
    let found = context::runtime()?.block_on(async move {
        let desk = Desk::open(config, &secrets, &data_dir, &KeychainKeyProvider, &actor())?;
        Ok::<_, Failure>(desk.search_slots(&actor(), &query).await?)
    })?;
    let slots: Vec<&OpenSlot> = found.slots().collect();
    if args.json {
        output::json(&json!({
            "slots": slots,
            "outcomes": found.outcomes,
            "asOf": found.as_of,
        }))?;
    } else {
        for o in &found.outcomes {
            output::line(&format!("# {}", outcome_line(o)))?;
        }
        for s in &slots {
            output::line(&slot_line(s))?;
        }
    }
    if !found.outcomes.is_empty() && found.outcomes.iter().all(|o| !o.is_ok()) {
        return Err(Failure::new(
            ExitCode::Unreachable,
            "no vendor answered the slot search",
        ));
    }
    Ok(())
}
