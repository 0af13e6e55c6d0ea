// My day: one clinician's appointments as a list, in time order, with Join on telehealth
// visits. A clinician whose account names her provider opens on her own day; anyone else picks
// a provider once, and this computer remembers it. The list is the provider's
// own day (every location and every video visit, which has no location), read in the chosen
// location's zone: that location sets which date "today" is. Below the day, on request, her own
// telehealth hours at Zoom (the desk lets her keep only the provider her account is linked to).
import { useId, useState } from "react";
import type { Appointment, AppError } from "../api/backend";
import { joinVisit } from "../api/backend";
import { toAppError } from "../api/errors";
import { boardPatientNames, useLocations, useProviderDay, useProviders, useVendorStatuses, useWaitingRoom } from "../api/queries";
import { ErrorBanner } from "../errors/ErrorBanner";
import { useI18n } from "../i18n/context";
import { useSession } from "../access/session";
import { Link } from "../router/Link";
import { BoardToolbar } from "../schedule/BoardToolbar";
import { patientLabel, timeRange } from "../schedule/describe";
import { OfflineBanner } from "../schedule/OfflineBanner";
import { StatusBadge } from "../schedule/StatusBadge";
import { useBoardPlace } from "../schedule/useBoardPlace";
import { VisitBadge } from "../schedule/VisitBadge";
import { VisitActions } from "../setup/VisitActions";
import { ZoomHours } from "../setup/ZoomHours";
import { formatClock, formatDay } from "../time/zoned";
import { Page } from "./Page";
import { PracticeGate } from "./PracticeGate";
import "../schedule/schedule.css";

export const PROVIDER_STORAGE_KEY = "frontdesk.myProvider";

export function MyDayScreen() {
  const { t } = useI18n();
  return (
    <PracticeGate title={t("myDay.title")}>
      <MyDayPage />
    </PracticeGate>
  );
}

function savedProvider(): string {
  try {
    return window.localStorage.getItem(PROVIDER_STORAGE_KEY) ?? "";
  } catch {
    return "";
  }
}

function MyDayPage() {
  const { t, locale } = useI18n();
  const providerFieldId = useId();
  const locations = useLocations();
  const providers = useProviders();
  const statuses = useVendorStatuses();
  const place = useBoardPlace(locations.data);
  const session = useSession();
  // Her account's provider wins over the computer's memory: a front-desk machine is shared, and
  // what Rosa looked at last is not Dr. Lee's day.
  const own = session?.status.user?.providerId ?? null;
  const [providerId, setProviderId] = useState(() => own ?? savedProvider());
  const [joinError, setJoinError] = useState<AppError | null>(null);
  // Asked of Zoom only when she opens it: most days she only needs her list.
  const [showHours, setShowHours] = useState(false);
  const zone = place.location?.timeZone ?? Intl.DateTimeFormat().resolvedOptions().timeZone;
  const board = useProviderDay(providerId, place.day, zone);

  const mine = [...(board.data?.appointments ?? [])].sort((a, b) => Date.parse(a.start) - Date.parse(b.start));
  const names = boardPatientNames(board.data);
  // Zoom's waiting room, asked live while the day has video visits: who waits, since when.
  const waitingRoom = useWaitingRoom(mine.some((a) => a.vendor === "zoom" && a.visit.mode === "telehealth"));
  const waitingSince = new Map((waitingRoom.data ?? []).map((w) => [w.appointmentId, w.joinedAt]));
  const isWaiting = (appt: Appointment) => appt.status.state === "waiting" || waitingSince.has(appt.id);
  const placeName = (appt: Appointment) =>
    appt.visit.mode === "telehealth"
      ? t("visit.telehealth")
      : (locations.data?.find((l) => l.id === appt.locationId)?.name ?? "");

  const title = t("myDay.title");
  const failure = locations.error ?? providers.error;
  if (failure) {
    return (
      <Page title={title}>
        <ErrorBanner error={toAppError(failure)} />
      </Page>
    );
  }
  if (!locations.data || !providers.data) {
    return (
      <Page title={title}>
        <p className="muted">{t("app.loading")}</p>
      </Page>
    );
  }
  if (locations.data.length === 0) {
    return (
      <Page title={title}>
        <p className="notice">{t("board.noLocations")}</p>
      </Page>
    );
  }

  const join = (appt: Appointment) => {
    if (appt.visit.mode !== "telehealth" || !appt.visit.providerJoinUrl) return;
    setJoinError(null);
    joinVisit(appt.id).catch((error: unknown) => {
      setJoinError(toAppError(error));
    });
  };

  return (
    <Page title={title}>
      <BoardToolbar locations={locations.data} place={place}>
        <span className="board-toolbar__field">
          <label htmlFor={providerFieldId}>{t("myDay.provider")}</label>
          <select
            id={providerFieldId}
            data-testid="provider-picker"
            value={providerId}
            onChange={(event) => {
              setProviderId(event.target.value);
              try {
                window.localStorage.setItem(PROVIDER_STORAGE_KEY, event.target.value);
              } catch {
                // Storage refused: the choice still holds for this session.
              }
            }}
          >
            <option value="">{t("myDay.chooseProvider")}</option>
            {providers.data.map((p) => (
              <option key={p.id} value={p.id}>
                {p.displayName}
              </option>
            ))}
          </select>
        </span>
      </BoardToolbar>
      <OfflineBanner statuses={statuses.data ?? []} />
      {joinError && <ErrorBanner error={joinError} />}
      <h2 className="board-heading">
        {place.location && t("board.heading", { location: place.location.name, day: formatDay(place.day, locale) })}
      </h2>
      {board.isError && <ErrorBanner error={toAppError(board.error)} onRetry={() => void board.refetch()} />}
      {providerId === "" ? (
        <p className="notice">{t("myDay.pickYourself")}</p>
      ) : !board.data ? (
        !board.isError && <p className="muted">{t("app.loading")}</p>
      ) : mine.length === 0 ? (
        <p className="notice" data-testid="my-day-empty">
          {t("myDay.empty")}
        </p>
      ) : (
        <table className="data-table my-day" data-testid="my-day" aria-label={t("myDay.title")}>
          <thead>
            <tr>
              <th scope="col">{t("appt.time")}</th>
              <th scope="col">{t("appt.patient")}</th>
              <th scope="col">{t("myDay.where")}</th>
              <th scope="col">{t("appt.type")}</th>
              <th scope="col">{t("appt.status")}</th>
              <th scope="col">{t("appt.visit")}</th>
            </tr>
          </thead>
          <tbody>
            {mine.map((appt) => (
              <tr key={appt.id} data-testid="my-day-row" data-appointment-id={appt.id} data-status={appt.status.state}>
                <td className="my-day__time">{timeRange(appt, zone, locale)}</td>
                <td>
                  {appt.patientId ? (
                    <Link patientId={appt.patientId}>{patientLabel(appt, names, t)}</Link>
                  ) : (
                    patientLabel(appt, names, t)
                  )}
                </td>
                <td>{placeName(appt)}</td>
                <td>{appt.appointmentType ?? ""}</td>
                <td>
                  <StatusBadge status={appt.status} />
                </td>
                <td>
                  <VisitBadge visit={appt.visit} />
                  {appt.visit.mode === "telehealth" && isWaiting(appt) && (
                    <span className="my-day__waiting" data-testid="waiting-room" role="status">
                      {" "}
                      {waitingSince.get(appt.id)
                        ? t("myDay.waitingSince", { time: formatClock(waitingSince.get(appt.id) ?? "", zone, locale) })
                        : t("myDay.inWaitingRoom")}
                    </span>
                  )}
                  {appt.visit.mode === "telehealth" &&
                    (appt.visit.providerJoinUrl ? (
                      <button
                        type="button"
                        className="button button--primary"
                        data-testid="join-button"
                        aria-label={t("myDay.joinWith", { patient: patientLabel(appt, names, t) })}
                        onClick={() => {
                          join(appt);
                        }}
                      >
                        {t("myDay.join")}
                      </button>
                    ) : (
                      <span className="muted"> {t("myDay.noJoinLink")}</span>
                    ))}
                  <VisitActions appointment={appt} patient={patientLabel(appt, names, t)} waiting={isWaiting(appt)} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {providerId !== "" && (
        <section className="setup-section" aria-label={t("myDay.zoomHours")} data-testid="my-zoom-hours">
          {showHours ? (
            <>
              <h2>{t("myDay.zoomHours")}</h2>
              <ZoomHours key={providerId} providerId={providerId} />
            </>
          ) : (
            <button
              type="button"
              className="button"
              onClick={() => {
                setShowHours(true);
              }}
            >
              {t("myDay.showZoomHours")}
            </button>
          )}
        </section>
      )}
    </Page>
  );
}
