//! `frontdesk patients search|show`: the receptionist's search box and card, for scripts.

use crate::cli::{Cli, PatientsCommand};
use crate::context::{actor, open_store};
use crate::exit::Failure;
use crate::output;
use frontdesk_core::PatientId;

pub fn run(cli: &Cli, cmd: &PatientsCommand) -> Result<(), Failure> {
    let store = open_store(cli)?;
    match cmd {
        PatientsCommand::Search(args) => {
            let found = store.search(&actor(), &args.query, args.limit)?;
            if args.json {
                return output::json(&found);
            }
            if found.is_empty() {
                return output::line("no patients found");
            }
            for p in found {
                let dob = p
                    .birth_date
                    .map_or_else(|| "-".to_owned(), |d| d.format("%Y-%m-%d").to_string());
                let vendors: Vec<&str> = p.links.iter().map(|l| l.vendor.key()).collect();
                output::line(&format!(
                    "{}  {}, {}  {}  [{}]",
                    p.id,
                    p.family_name,
                    p.given_name,
                    dob,
                    vendors.join(",")
                ))?;
            }
            Ok(())
        }
        PatientsCommand::Show(args) => {
            let card = store.patient_card(&actor(), &PatientId(args.id.clone()))?;
            if args.json {
                return output::json(&card);
            }
            let p = &card.patient;
            output::line(&format!("{}  {}", p.id, p.display_name()))?;
            if let Some(dob) = p.birth_date {
                output::line(&format!("born      {}", dob.format("%Y-%m-%d")))?;
            }
            for phone in &p.phones {
                output::line(&format!("phone     {}", phone.number))?;
            }
            for link in &p.links {
                output::line(&format!(
                    "link      {} {} ({:?})",
                    link.vendor.key(),
                    link.external_id,
                    link.confidence
                ))?;
            }
            output::line(&format!("appointments {}", card.appointments.len()))
        }
    }
}
