//! `frontdesk webhooks serve [--sync-every MINUTES]`: the desk's webhook receiver without the
//! app, for a practice whose always-on machine receives the vendors' webhooks. `frontdesk sync`
//! is one pass and exits, the wrong lifetime for a listener, so the receiver has its own
//! command: it serves until Ctrl+C, applying each delivery to the cache as the app does, with a
//! sync pass at start and every few minutes to catch what no webhook carries (each followed by
//! the retention purge, as in the app). Prints one JSON line (`listening`, `publicUrl`) once it
//! listens.

use crate::cli::{Cli, WebhooksServeArgs};
use crate::context::{self, actor};
use crate::exit::{ExitCode, Failure};
use crate::output;
use frontdesk_core::sync::progress_channel;
use frontdesk_desk::Desk;
use frontdesk_desk::webhooks::{Notify, WebhookReceiver};
use frontdesk_store::KeychainKeyProvider;
use std::sync::Arc;
use std::time::Duration;

pub fn serve(cli: &Cli, args: &WebhooksServeArgs) -> Result<(), Failure> {
    let config = context::config(cli)?;
    let Some(settings) = config.webhooks.clone() else {
        let mut f = Failure::new(
            ExitCode::BadInput,
            format!(
                "{} has no [webhooks] section: no receiver is configured",
                config.path.display()
            ),
        );
        f.way_out = Some("Add [webhooks] with listen and public_url (see the README).".into());
        return Err(f);
    };
    let data_dir = context::data_dir(cli)?;
    let secrets = context::secrets();
    let every = args.sync_every;
    context::runtime()?.block_on(async move {
        let desk = Arc::new(Desk::open(
            config,
            &secrets,
            &data_dir,
            &KeychainKeyProvider,
            &actor(),
        )?);
        let notify: Notify = Arc::new(|_| {});
        let (receiver, serving) = WebhookReceiver::bind(&settings, &desk, secrets.clone(), notify)
            .map_err(|e| {
                Failure::new(
                    ExitCode::BadInput,
                    format!("cannot listen on {}: {e}", settings.listen),
                )
            })?;
        let server = tokio::spawn(serving);
        output::line(
            &serde_json::json!({
                "listening": receiver.address().to_string(),
                "publicUrl": receiver.public_url(),
            })
            .to_string(),
        )?;
        let syncing = tokio::spawn(async move {
            if every == 0 {
                return;
            }
            loop {
                let (progress, _events) = progress_channel();
                let report = desk.sync_all(progress).await;
                tracing::info!(all_ok = report.all_ok(), "sync_pass_finished");
                // The same retention as the app's loop: a long-lived receiver must not keep
                // what the window lets go.
                if frontdesk_desk::retention::after_pass(&desk, &report)
                    .await
                    .is_err()
                {
                    tracing::error!("retention_purge_failed");
                }
                tokio::time::sleep(Duration::from_secs(every.saturating_mul(60))).await;
            }
        });
        let _ = tokio::signal::ctrl_c().await;
        syncing.abort();
        receiver.stop();
        let _ = server.await;
        Ok::<_, Failure>(())
    })
}
