// The day as paper: a plain table by provider and time that a front desk can hand out. It is
// in the page all along, hidden on screen and shown only by the print stylesheet, so Print
// needs no second render and prints exactly what the board holds.
import type { DayBoard } from "../api/backend";
import { useI18n } from "../i18n/context";
import { formatDay, zoneAbbreviation } from "../time/zoned";
import { patientLabel, timeRange } from "./describe";
import { statusText } from "./status";

export function PrintDaySheet({ board, names }: { board: DayBoard; names: ReadonlyMap<string, string> }) {
  const { t, locale } = useI18n();
  const zone = board.location.timeZone;
  const providerName = (id: string | null) =>
    board.providers.find((p) => p.id === id)?.displayName ?? t("board.unassigned");
  const rows = [...board.appointments].sort(
    (a, b) =>
      providerName(a.providerId).localeCompare(providerName(b.providerId), locale) ||
      Date.parse(a.start) - Date.parse(b.start),
  );
  const noon = new Date(`${board.day}T12:00:00Z`);
  return (
    <table className="print-sheet" data-testid="print-sheet">
      <caption>
        {board.location.name} · {formatDay(board.day, locale)} ·{" "}
        {t("print.zone", { zone: zoneAbbreviation(zone, noon, locale) })}
      </caption>
      <thead>
        <tr>
          <th scope="col">{t("appt.time")}</th>
          <th scope="col">{t("appt.provider")}</th>
          <th scope="col">{t("appt.patient")}</th>
          <th scope="col">{t("appt.type")}</th>
          <th scope="col">{t("appt.visit")}</th>
          <th scope="col">{t("appt.status")}</th>
        </tr>
      </thead>
      <tbody>
        {rows.length === 0 ? (
          <tr>
            <td colSpan={6}>{t("board.empty")}</td>
          </tr>
        ) : (
          rows.map((appt) => (
            <tr key={appt.id}>
              <td>{timeRange(appt, zone, locale)}</td>
              <td>{providerName(appt.providerId)}</td>
              <td>{patientLabel(appt, names, t)}</td>
              <td>{appt.appointmentType ?? ""}</td>
              <td>
                {appt.visit.mode === "telehealth"
                  ? t("visit.telehealth")
                  : appt.visit.mode === "referral"
                    ? t("visit.referral")
                    : t("visit.inPerson")}
              </td>
              <td>{statusText(appt.status, t)}</td>
            </tr>
          ))
        )}
      </tbody>
    </table>
  );
}
