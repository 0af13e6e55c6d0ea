//! `frontdesk admin wellhive …`: the care-navigation directory (networks, provider
//! organizations, specialties, specialty groups), for an admin checking what referrals can
//! reach. Search listings are followed through every `nextToken` page.

use super::{MAX_PAGES, block_on, clients, need, show, too_many_pages, vendor};
use crate::cli::Cli;
use crate::exit::Failure;
use clap::Subcommand;
use frontdesk_vendors::wellhive::wire::{
    NetworkId, ProviderServiceId, SpecialtyGroupId, SpecialtyId,
};
use serde_json::json;

#[derive(Debug, Subcommand)]
pub enum WellhiveCommand {
    Networks {
        #[arg(long)]
        name: Option<String>,
        #[arg(long)]
        json: bool,
    },
    ProviderOrganizations {
        #[arg(long)]
        name: Option<String>,
        /// Only organizations in this network (repeatable).
        #[arg(long = "network", value_name = "ID")]
        networks: Vec<String>,
        #[arg(long)]
        json: bool,
    },
    Specialties {
        #[arg(long)]
        json: bool,
    },
    Specialty {
        id: String,
        #[arg(long)]
        json: bool,
    },
    SpecialtyGroups {
        #[arg(long)]
        json: bool,
    },
    SpecialtyGroup {
        id: String,
        #[arg(long)]
        json: bool,
    },
    ProviderService {
        id: String,
        #[arg(long)]
        json: bool,
    },
}

/// Rows as (json, text line).
type Rows = Vec<(serde_json::Value, String)>;

fn print(json: bool, rows: &Rows) -> Result<(), Failure> {
    let values: Vec<_> = rows.iter().map(|(v, _)| v.clone()).collect();
    show(json, &json!(values), || {
        rows.iter()
            .map(|(_, t)| t.clone())
            .collect::<Vec<_>>()
            .join("\n")
    })
}

// One arm per subcommand, each a few lines of shim: splitting it would only scatter them.
#[allow(clippy::too_many_lines)]
pub fn run(cli: &Cli, cmd: &WellhiveCommand) -> Result<(), Failure> {
    let wh = need(clients(cli)?.wellhive, "wellhive")?;
    block_on(async move {
        let mut rows: Rows = Vec::new();
        let mut token: Option<String> = None;
        // One loop for every search listing: each arm fetches a page and says what is next.
        for _ in 0..MAX_PAGES {
            let next = match cmd {
                WellhiveCommand::Networks { name, .. } => {
                    let page = wh
                        .networks(&[], name.as_deref(), token.as_deref())
                        .await
                        .map_err(vendor)?;
                    rows.extend(page.networks.iter().map(|n| {
                        (json!({"id": n.id, "name": n.name, "requiresReferral": n.requires_referral}),
                         format!("{}\t{}", n.id, n.name))
                    }));
                    page.next_token
                }
                WellhiveCommand::ProviderOrganizations { name, networks, .. } => {
                    let ids: Vec<NetworkId> = networks
                        .iter()
                        .map(|n| NetworkId::from(n.as_str()))
                        .collect();
                    let page = wh
                        .provider_organizations(name.as_deref(), &ids, token.as_deref())
                        .await
                        .map_err(vendor)?;
                    rows.extend(page.provider_organizations.iter().map(|o| {
                        (
                            json!({"name": o.name, "networkIds": o.network_ids}),
                            o.name.clone(),
                        )
                    }));
                    page.next_token
                }
                WellhiveCommand::Specialties { .. } => {
                    let page = wh
                        .specialties(&[], token.as_deref())
                        .await
                        .map_err(vendor)?;
                    rows.extend(page.specialties.iter().map(|s| {
                        let id = s.id.as_ref().map(ToString::to_string).unwrap_or_default();
                        let name = s.name.clone().unwrap_or_default();
                        (json!({"id": s.id, "name": s.name}), format!("{id}\t{name}"))
                    }));
                    page.next_token
                }
                WellhiveCommand::SpecialtyGroups { .. } => {
                    let page = wh
                        .specialty_groups(&[], token.as_deref())
                        .await
                        .map_err(vendor)?;
                    rows.extend(page.specialty_groups.iter().map(|g| {
                        (
                            json!({"id": g.id, "name": g.name, "specialtyIds": g.specialty_ids}),
                            format!("{}\t{}", g.id, g.name),
                        )
                    }));
                    page.next_token
                }
                WellhiveCommand::Specialty { id, json } => {
                    let s = wh
                        .specialty(&SpecialtyId::from(id.as_str()))
                        .await
                        .map_err(vendor)?;
                    let name = s.name.clone().unwrap_or_default();
                    return show(*json, &json!({"id": s.id, "name": s.name}), || {
                        format!("{id}\t{name}")
                    });
                }
                WellhiveCommand::SpecialtyGroup { id, json } => {
                    let g = wh
                        .specialty_group(&SpecialtyGroupId::from(id.as_str()))
                        .await
                        .map_err(vendor)?;
                    return show(
                        *json,
                        &json!({"id": g.id, "name": g.name, "specialtyIds": g.specialty_ids}),
                        || format!("{}\t{}", g.id, g.name),
                    );
                }
                WellhiveCommand::ProviderService { id, json } => {
                    let s = wh
                        .provider_service(&ProviderServiceId::from(id.as_str()))
                        .await
                        .map_err(vendor)?;
                    return show(
                        *json,
                        &json!({"id": s.id, "name": s.name, "isActive": s.is_active,
                        "visitMode": s.visit_mode, "networkIds": s.network_ids}),
                        || format!("{}\t{}\t{}", s.id, s.name, s.visit_mode),
                    );
                }
            };
            token = next;
            if token.is_none() {
                let json = matches!(
                    cmd,
                    WellhiveCommand::Networks { json: true, .. }
                        | WellhiveCommand::ProviderOrganizations { json: true, .. }
                        | WellhiveCommand::Specialties { json: true }
                        | WellhiveCommand::SpecialtyGroups { json: true }
                );
                return print(json, &rows);
            }
        }
        Err(too_many_pages())
    })
}
