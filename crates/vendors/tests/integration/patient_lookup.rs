//! "This patient, by id" against the sandbox: the sync asks it for the patient of a visit the
//! desk's cache does not hold (one the retention window purged). The answer must be the same
//! record the directory lists, and an unknown id is "nobody", not an error.

use crate::common::sandbox as sb;
use frontdesk_core::ExternalId;
use frontdesk_core::ports::PatientDirectory;
use frontdesk_core::sync::PatientLookup;
use frontdesk_vendors::nexhealth::NexhealthApi;

async fn nexhealth(api: NexhealthApi) {
    let handle = sb::start(311).await;
    let info = handle.info().clone();
    let n = sb::nexhealth(&info, sb::secrets(&info), api);
    let listed = n.patients_page(None, None).await.unwrap().items;
    let one = listed.last().unwrap();
    let fetched = n.patient_by_id(&one.external_id).await.unwrap().unwrap();
    assert_eq!(
        &fetched, one,
        "{api:?}: the same record the directory lists"
    );
    assert_eq!(
        n.patient_by_id(&ExternalId::from("987654321"))
            .await
            .unwrap(),
        None
    );
    assert!(
        n.patient_by_id(&ExternalId::from("not-a-number"))
            .await
            .is_err(),
        "an id NexHealth could never have issued is a mistake, not nobody"
    );
}

#[tokio::test]
async fn nexhealth_finds_a_patient_by_id_in_either_generation() {
    nexhealth(NexhealthApi::Current).await;
    nexhealth(NexhealthApi::V2).await;
}

#[tokio::test]
async fn cxone_finds_a_patient_by_id() {
    let handle = sb::start(312).await;
    let info = handle.info().clone();
    let c = sb::cxone(&info, sb::secrets(&info));
    let listed = c.patients_page(None, None).await.unwrap().items;
    let one = listed.first().unwrap();
    let fetched = c.patient_by_id(&one.external_id).await.unwrap().unwrap();
    assert_eq!(&fetched, one);
    assert_eq!(
        c.patient_by_id(&ExternalId::from("pt-987654321"))
            .await
            .unwrap(),
        None
    );
}
