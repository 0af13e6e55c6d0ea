// Every appointment the desk knows for this person, from every source, split into what is
// coming (what a caller usually rings about) and what is past. Times are the location's.
import type { Appointment, Location, Provider, Vendor } from "../../api/backend";
import { AppointmentActions } from "../../booking/AppointmentActions";
import { useI18n } from "../../i18n/context";
import { StatusBadge } from "../../schedule/StatusBadge";
import { VisitBadge } from "../../schedule/VisitBadge";
import { formatZonedDateTime } from "../../time/zoned";
import { VendorBadge } from "../VendorBadge";
import { CardSection, oldest } from "./CardSection";

export interface AppointmentsSectionProps {
  appointments: readonly Appointment[];
  locations: readonly Location[];
  providers: readonly Provider[];
  now: Date;
}

export function AppointmentsSection({ appointments, locations, providers, now }: AppointmentsSectionProps) {
  const { t } = useI18n();
  const upcoming = appointments
    .filter((a) => Date.parse(a.end) >= now.getTime())
    .sort((a, b) => Date.parse(a.start) - Date.parse(b.start));
  const past = appointments
    .filter((a) => Date.parse(a.end) < now.getTime())
    .sort((a, b) => Date.parse(b.start) - Date.parse(a.start));
  const sources = [...new Set(appointments.map((a) => a.vendor))] as Vendor[];
  return (
    <CardSection
      name="appointments"
      title={t("card.appointments")}
      sources={sources}
      asOf={oldest(appointments.map((a) => a.asOf))}
      empty={appointments.length === 0}
      emptyText={t("card.noAppointments")}
    >
      <h3 className="card-subheading">{t("card.upcoming")}</h3>
      {upcoming.length === 0 ? (
        <p className="card-section__empty">{t("card.noUpcoming")}</p>
      ) : (
        <AppointmentTable
          label={t("card.upcoming")}
          rows={upcoming}
          locations={locations}
          providers={providers}
          actionsAt={now}
        />
      )}
      <h3 className="card-subheading">{t("card.past")}</h3>
      {past.length === 0 ? (
        <p className="card-section__empty">{t("card.noPast")}</p>
      ) : (
        <AppointmentTable label={t("card.past")} rows={past} locations={locations} providers={providers} />
      )}
    </CardSection>
  );
}

function AppointmentTable({
  label,
  rows,
  locations,
  providers,
  actionsAt,
}: {
  label: string;
  rows: readonly Appointment[];
  locations: readonly Location[];
  providers: readonly Provider[];
  /** Upcoming rows carry Reschedule and Cancel, judged at this time. */
  actionsAt?: Date;
}) {
  const { t, locale } = useI18n();
  return (
    <table className="data-table data-table--dense" aria-label={label}>
      <thead>
        <tr>
          <th scope="col">{t("appt.when")}</th>
          <th scope="col">{t("appt.provider")}</th>
          <th scope="col">{t("appt.type")}</th>
          <th scope="col">{t("appt.location")}</th>
          <th scope="col">{t("appt.status")}</th>
          <th scope="col">{t("appt.source")}</th>
          {actionsAt && (
            <th scope="col">
              <span className="visually-hidden">{t("actions.appointment")}</span>
            </th>
          )}
        </tr>
      </thead>
      <tbody>
        {rows.map((appt) => {
          const location = locations.find((l) => l.id === appt.locationId);
          const provider = providers.find((p) => p.id === appt.providerId);
          const when = formatZonedDateTime(appt.start, location?.timeZone, locale);
          return (
            <tr key={appt.id} data-testid="card-appointment" data-appointment-id={appt.id}>
              <td>{when}</td>
              <td>{provider?.displayName ?? t("appt.noProvider")}</td>
              <td>
                {appt.appointmentType ?? t("card.none")} <VisitBadge visit={appt.visit} />
              </td>
              <td>{location?.name ?? (appt.visit.mode === "telehealth" ? t("visit.telehealth") : t("card.none"))}</td>
              <td>
                <StatusBadge status={appt.status} />
              </td>
              <td>
                <VendorBadge vendor={appt.vendor} />
              </td>
              {actionsAt && (
                <td>
                  <AppointmentActions
                    appointment={appt}
                    description={`${when}, ${provider?.displayName ?? t("appt.noProvider")}`}
                    zone={location?.timeZone}
                    now={actionsAt}
                  />
                </td>
              )}
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
