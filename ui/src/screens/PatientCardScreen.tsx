// One patient's card (#/patients/<id>): identity and vendor links, contact details, then the
// history from every source, each section saying where it came from and how fresh it is.
import { toAppError } from "../api/errors";
import { useCardRefresh, useLocations, usePatientCard, useProviders, useVendorStatuses } from "../api/queries";
import { ErrorBanner } from "../errors/ErrorBanner";
import { useT } from "../i18n/context";
import { displayName } from "../patients/format";
import { AppointmentsSection } from "../patients/card/AppointmentsSection";
import { ContactSection } from "../patients/card/ContactSection";
import {
  CallbacksSection,
  ContactsSection,
  EncountersSection,
  ReferralsSection,
} from "../patients/card/HistorySections";
import { IdentitySection } from "../patients/card/IdentitySection";
import { Page } from "./Page";
import { PracticeGate } from "./PracticeGate";
import "../patients/card/PatientCard.css";

export function PatientCardScreen({ patientId }: { patientId: string }) {
  const t = useT();
  return (
    <PracticeGate title={t("card.title")}>
      <PatientCardPage patientId={patientId} />
    </PracticeGate>
  );
}

function PatientCardPage({ patientId }: { patientId: string }) {
  const t = useT();
  const card = usePatientCard(patientId);
  const { refreshing } = useCardRefresh(patientId);
  const locations = useLocations();
  const providers = useProviders();
  const statuses = useVendorStatuses();

  if (card.isError) {
    return (
      <Page title={t("card.title")}>
        <ErrorBanner error={toAppError(card.error)} onRetry={() => void card.refetch()} />
      </Page>
    );
  }
  if (!card.data) {
    return (
      <Page title={t("card.title")}>
        <p className="muted">{t("app.loading")}</p>
      </Page>
    );
  }
  const data = card.data;
  const vendorStatuses = statuses.data ?? [];
  return (
    <Page title={displayName(data)}>
      {refreshing && (
        <p className="card-refresh" role="status" data-testid="card-refreshing">
          {t("card.refreshing")}
        </p>
      )}
      <div className="patient-card" data-testid="patient-card" data-patient-id={data.id}>
        <div className="patient-card__column">
          <IdentitySection card={data} />
          <ContactSection card={data} />
          <CallbacksSection callbacks={data.callbacks} statuses={vendorStatuses} cardAsOf={data.asOf} />
        </div>
        <div className="patient-card__column patient-card__column--wide">
          <AppointmentsSection
            appointments={data.appointments}
            locations={locations.data ?? []}
            providers={providers.data ?? []}
            now={new Date()}
          />
          <EncountersSection encounters={data.encounters} statuses={vendorStatuses} cardAsOf={data.asOf} />
          <ContactsSection contacts={data.contacts} statuses={vendorStatuses} cardAsOf={data.asOf} />
          <ReferralsSection referrals={data.referrals} />
        </div>
      </div>
    </Page>
  );
}
