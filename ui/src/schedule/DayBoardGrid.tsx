// The day board: one column per provider, 15-minute rows, each appointment a block placed by
// its start and end on the location's wall clock (a CSS grid, DESIGN §6). Blocks are buttons
// that open the patient's card. The actions' dialogs are hosted by the page, not here: a cancel
// that empties the day takes the grid away, and the dialog must stay to say it worked.
import { Fragment, useId } from "react";
import type { CSSProperties } from "react";
import type { DayBoard } from "../api/backend";
import { canChange } from "../booking/actions";
import { BoardActionsButton } from "../booking/BoardAppointmentMenu";
import type { BoardActionTarget } from "../booking/BoardAppointmentMenu";
import { useI18n } from "../i18n/context";
import { navigateToPatient } from "../router/useRoute";
import { formatMinutes } from "../time/zoned";
import { describeAppointment, patientLabel, timeRange } from "./describe";
import type { BoardLayout } from "./layout";
import { SLOT_MINUTES } from "./layout";
import { statusTone } from "./status";
import { StatusBadge } from "./StatusBadge";
import { VisitBadge } from "./VisitBadge";

export interface DayBoardGridProps {
  board: DayBoard;
  layout: BoardLayout;
  names: ReadonlyMap<string, string>;
  label: string;
  /** Opens a block's actions (Reschedule, Cancel, Call me back) in the page's dialog host. */
  onOpenActions: (target: BoardActionTarget) => void;
}

export function DayBoardGrid({ board, layout, names, label, onOpenActions }: DayBoardGridProps) {
  const { t, locale } = useI18n();
  const idBase = useId();
  const zone = board.location.timeZone;
  const now = new Date();
  const rowLabels = Array.from({ length: layout.rows }, (_, i) => layout.firstMinute + i * SLOT_MINUTES);
  const style = {
    "--board-rows": layout.rows,
    "--board-tracks": layout.tracks,
    "--board-columns": layout.columns.length,
  } as CSSProperties;

  return (
    <div className="day-board" role="region" aria-label={label} data-testid="day-board" style={style}>
      <div className="day-board__corner" aria-hidden="true" />
      {layout.columns.map((column, index) => (
        <div
          key={column.key}
          id={`${idBase}-head-${index}`}
          className="day-board__head"
          style={{ gridColumn: index + 2 }}
        >
          {column.provider ? column.provider.displayName : t("board.unassigned")}
        </div>
      ))}
      {/* The times are for the eye; every block says its own time to assistive tech. */}
      <div className="day-board__gutter" aria-hidden="true">
        {rowLabels.map((minute) => (
          <span key={minute} className={minute % 60 === 0 ? "day-board__hour" : "day-board__quarter"}>
            {minute % 30 === 0 ? formatMinutes(minute) : ""}
          </span>
        ))}
      </div>
      {layout.columns.map((column, index) => {
        const providerName = column.provider?.displayName ?? t("board.unassigned");
        return (
          <div
            key={column.key}
            role="group"
            aria-labelledby={`${idBase}-head-${index}`}
            className="day-board__column"
            data-testid="board-column"
            data-provider-id={column.key}
            style={{ gridColumn: index + 2, gridTemplateColumns: `repeat(${column.lanes}, minmax(0, 1fr))` }}
          >
            {column.blocks.map((block) => {
              const appt = block.appointment;
              const patient = patientLabel(appt, names, t);
              const patientId = appt.patientId;
              const place = {
                gridRow: `${block.startTrack} / ${block.endTrack}`,
                gridColumn: `${block.laneStart} / ${block.laneEnd}`,
              };
              const description = describeAppointment(appt, { zone, patient, provider: providerName }, t, locale);
              return (
                <Fragment key={appt.id}>
                  <button
                    type="button"
                    className={`appt-block appt-block--${statusTone(appt.status)} appt-block--${appt.visit.mode}`}
                    data-testid="appointment-block"
                    data-appointment-id={appt.id}
                    data-status={appt.status.state}
                    data-start-row={block.startRow}
                    data-end-row={block.endRow}
                    style={place}
                    aria-label={description}
                    // Not linked to a desk patient yet: focusable and readable, but nothing to open.
                    aria-disabled={patientId ? undefined : "true"}
                    title={patientId ? undefined : t("board.unlinkedHint")}
                    onClick={() => {
                      if (patientId) navigateToPatient(patientId);
                    }}
                  >
                    <span className="appt-block__time">{timeRange(appt, zone, locale)}</span>
                    <span className={patientId ? "appt-block__patient" : "appt-block__patient appt-block__patient--unlinked"}>
                      {patient}
                    </span>
                    <span className="appt-block__tags">
                      <StatusBadge status={appt.status} />
                      <VisitBadge visit={appt.visit} />
                      {appt.appointmentType && <span className="appt-block__type">{appt.appointmentType}</span>}
                    </span>
                  </button>
                  {/* Reschedule, Cancel and Call me back without leaving the board. */}
                  {canChange(appt, now) && (
                    <BoardActionsButton
                      target={{ appointment: appt, description, patientName: patientId ? patient : null, zone }}
                      style={place}
                      onOpen={onOpenActions}
                    />
                  )}
                </Fragment>
              );
            })}
          </div>
        );
      })}
    </div>
  );
}
