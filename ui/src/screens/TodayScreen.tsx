// Today: one location's day by provider, what Rosa opens at 07:50 and glances at all day. The
// location and day are chosen above the board; the board is printed as a plain table.
import { useState } from "react";
import { recordDaySheetPrint } from "../api/backend";
import type { AppError } from "../api/backend";
import { toAppError } from "../api/errors";
import { useDayBoard, useLocations, boardPatientNames, useVendorStatuses } from "../api/queries";
import { BoardActionsHost } from "../booking/BoardAppointmentMenu";
import type { BoardActionTarget } from "../booking/BoardAppointmentMenu";
import { ErrorBanner } from "../errors/ErrorBanner";
import { useI18n } from "../i18n/context";
import { BoardToolbar } from "../schedule/BoardToolbar";
import { DayBoardGrid } from "../schedule/DayBoardGrid";
import { layoutBoard } from "../schedule/layout";
import { OfflineBanner } from "../schedule/OfflineBanner";
import { PrintDaySheet } from "../schedule/PrintDaySheet";
import { useBoardPlace } from "../schedule/useBoardPlace";
import { formatDay } from "../time/zoned";
import { Page } from "./Page";
import { PracticeGate } from "./PracticeGate";
import "../schedule/schedule.css";

export function TodayScreen() {
  const { t } = useI18n();
  return (
    <PracticeGate title={t("today.title")}>
      <DayBoardPage />
    </PracticeGate>
  );
}

function DayBoardPage() {
  const { t, locale } = useI18n();
  const locations = useLocations();
  const statuses = useVendorStatuses();
  const place = useBoardPlace(locations.data);
  const board = useDayBoard(place.location?.id, place.day);
  const names = boardPatientNames(board.data);
  // Held here, above the grid: cancelling the day's last appointment empties the board, and the
  // dialog must outlive it to say the cancel worked.
  const [actionsFor, setActionsFor] = useState<BoardActionTarget | null>(null);
  const [printError, setPrintError] = useState<AppError | null>(null);

  const title = t("today.title");
  if (locations.isError) {
    return (
      <Page title={title}>
        <ErrorBanner error={toAppError(locations.error)} onRetry={() => void locations.refetch()} />
      </Page>
    );
  }
  if (!locations.data) {
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

  const dayLabel = place.location
    ? t("board.heading", { location: place.location.name, day: formatDay(place.day, locale) })
    : "";
  const data = board.data;
  // While the next day loads, the previous one stays but is marked as not yet current.
  const stale = board.isPlaceholderData;
  return (
    <Page title={title}>
      <div className="screen-only">
        <BoardToolbar locations={locations.data} place={place}>
          <button
            type="button"
            className="button"
            data-testid="print-day"
            disabled={!data}
            onClick={() => {
              if (!data || !place.location) return;
              // Patients' names go on paper: the audit log says who printed which day first,
              // and nothing prints when that record cannot be written.
              setPrintError(null);
              recordDaySheetPrint(place.location.id, place.day, data.appointments.length).then(
                () => {
                  window.print();
                },
                (failure: unknown) => {
                  setPrintError(toAppError(failure));
                },
              );
            }}
          >
            {t("board.print")}
          </button>
        </BoardToolbar>
        {printError && <ErrorBanner error={printError} />}
        <OfflineBanner statuses={statuses.data ?? []} />
        <h2 className="board-heading" aria-live="polite">
          {dayLabel}
          {stale && <span className="muted"> {t("board.loadingDay")}</span>}
        </h2>
        {board.isError && <ErrorBanner error={toAppError(board.error)} onRetry={() => void board.refetch()} />}
        {board.isPending && <p className="muted">{t("app.loading")}</p>}
        {data && data.appointments.length === 0 && !stale && (
          <p className="notice" data-testid="board-empty">
            {t("board.empty")}
          </p>
        )}
        {data && data.appointments.length > 0 && (
          <DayBoardGrid
            board={data}
            layout={layoutBoard(data)}
            names={names}
            label={dayLabel}
            onOpenActions={setActionsFor}
          />
        )}
        <BoardActionsHost
          target={actionsFor}
          onClose={() => {
            setActionsFor(null);
          }}
        />
      </div>
      {data && <PrintDaySheet board={data} names={names} />}
    </Page>
  );
}
