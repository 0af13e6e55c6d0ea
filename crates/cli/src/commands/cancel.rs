//! `frontdesk cancel APPOINTMENT_ID [--reason ID]`: cancels at the vendor (WellHive with one of
//! its cancel reasons, polled until cancelled) and writes the result to the cache.

use crate::cli::{CancelArgs, Cli};
use crate::context::{self, actor};
use crate::exit::Failure;
use crate::output;
use frontdesk_desk::Desk;
use frontdesk_store::KeychainKeyProvider;

pub fn run(cli: &Cli, args: &CancelArgs) -> Result<(), Failure> {
    let config = context::config(cli)?;
    let data_dir = context::data_dir(cli)?;
    let secrets = context::secrets();
    let cancelled = context::runtime()?.block_on(async move {
        let desk = Desk::open(config, &secrets, &data_dir, &KeychainKeyProvider, &actor())?;
        Ok::<_, Failure>(
            desk.cancel_appointment(&actor(), &args.appointment, args.reason.as_deref())
                .await?,
        )
    })?;
    if args.json {
        output::json(&cancelled)?;
    } else {
        output::line(&format!(
            "{}: {}",
            cancelled.id,
            serde_json::to_value(&cancelled.status)
                .ok()
                .and_then(|v| v.get("state").and_then(|s| s.as_str().map(str::to_owned)))
                .unwrap_or_default()
        ))?;
    }
    Ok(())
}
