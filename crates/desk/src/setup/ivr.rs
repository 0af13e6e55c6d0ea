//! The phone menu at CXone: the templates a flow is built from, and a custom flow made from
//! one with the practice's hours, holidays and greeting.

use super::{SetupError, need, vendor_error};
use crate::Desk;
use frontdesk_core::Vendor;
use frontdesk_core::setup::rules::Window;
use frontdesk_core::setup::{IvrFlowForm, IvrFlowPlan, IvrFlowStatus, IvrTemplate};
use frontdesk_vendors::cxone::wire::{IvrIntegrations, IvrParameters, NewIvrFlow};

/// The IVR templates CXone offers.
pub async fn ivr_templates(desk: &Desk) -> Result<Vec<IvrTemplate>, SetupError> {
    let cx = need(desk.clients().cxone.as_ref(), Vendor::Cxone)?;
    let list = cx.ivr_templates().await.map_err(vendor_error)?;
    Ok(list
        .into_iter()
        .map(|t| IvrTemplate {
            id: t.id.to_string(),
            name: t.name,
            description: t.description,
            category: t.category,
        })
        .collect())
}

/// The request body for a checked form. Every yes/no is sent as given: "no callback" is an
/// answer, not an absence.
#[must_use]
pub fn ivr_flow_body(plan: &IvrFlowPlan) -> NewIvrFlow {
    let integrations = IvrIntegrations {
        ehr_system_id: plan.ehr_system_id.clone(),
        scheduling_system_id: plan.scheduling_system_id.clone(),
        authentication_required: Some(plan.authentication_required),
    };
    NewIvrFlow {
        name: plan.name.clone(),
        description: plan.description.clone(),
        base_template_id: plan.template_id.as_str().into(),
        parameters: IvrParameters {
            department_name: plan.department_name.clone(),
            collect_insurance_info: Some(plan.collect_insurance_info),
            offer_callback_option: Some(plan.offer_callback_option),
            max_callback_days: plan.max_callback_days,
            working_hours_start: plan.working_hours.map(Window::start_text),
            working_hours_end: plan.working_hours.map(Window::end_text),
            working_days: plan.working_days.clone(),
            holiday_dates: plan.holiday_dates.clone(),
            greeting_message: plan.greeting_message.clone(),
        },
        integrations: Some(integrations),
    }
}

/// Builds a flow from a template. Nothing is sent unless every field passes.
pub async fn create_ivr_flow(desk: &Desk, form: &IvrFlowForm) -> Result<IvrFlowStatus, SetupError> {
    let plan = form.validate()?;
    let cx = need(desk.clients().cxone.as_ref(), Vendor::Cxone)?;
    let flow = cx
        .create_ivr_flow(&ivr_flow_body(&plan))
        .await
        .map_err(vendor_error)?;
    tracing::info!(flow = %flow.id, status = %flow.status, "ivr_flow_created");
    Ok(IvrFlowStatus {
        id: flow.id.to_string(),
        name: flow.name,
        template_id: flow
            .base_template_id
            .map_or(plan.template_id, |t| t.to_string()),
        status: flow.status,
        deployment_status: flow.deployment_status,
        created_at: flow.created_at.map(|t| t.to_rfc3339()),
    })
}
