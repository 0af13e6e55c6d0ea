//! `frontdesk audit verify|export`: the compliance officer's two questions — is the log intact,
//! and what does it say.

use crate::cli::{AuditCommand, Cli};
use crate::context::{actor, open_store};
use crate::exit::{ExitCode, Failure};
use crate::output;

pub fn run(cli: &Cli, cmd: &AuditCommand) -> Result<(), Failure> {
    let store = open_store(cli)?;
    match cmd {
        AuditCommand::Verify { json } => {
            let verdict = store.audit_verify()?;
            if *json {
                output::json(&verdict)?;
            } else if verdict.intact {
                output::line(&format!("audit log intact: {} rows", verdict.rows))?;
            }
            if verdict.intact {
                Ok(())
            } else {
                Err(Failure::new(
                    ExitCode::Other,
                    format!("audit log broken: {}", verdict.problem.unwrap_or_default()),
                ))
            }
        }
        AuditCommand::Export { json } => {
            let entries = store.audit_export(&actor())?;
            if *json {
                return output::json(&entries);
            }
            for e in entries {
                output::line(&format!(
                    "{}\t{}\t{}\t{}\t{}\t{:?}\t{}",
                    e.seq,
                    e.at.to_rfc3339(),
                    e.actor,
                    e.action,
                    e.patient_id.map(|p| p.0).unwrap_or_default(),
                    e.outcome,
                    e.detail
                ))?;
            }
            Ok(())
        }
    }
}
