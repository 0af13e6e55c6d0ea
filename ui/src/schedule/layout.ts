// Where each appointment sits on the day board: which provider column, which 15-minute rows,
// and which side-by-side lane when two overlap. Pure, so the arithmetic is tested apart from
// the page; the page only turns the numbers into CSS grid lines.
import type { Appointment, DayBoard, Provider } from "../api/backend";
import { minutesIntoDay } from "../time/zoned";

export const SLOT_MINUTES = 15;
/** The board always shows at least the working day, so an empty morning still reads as one. */
export const OPEN_MINUTE = 8 * 60;
export const CLOSE_MINUTE = 17 * 60;

export interface BoardBlock {
  appointment: Appointment;
  startMinute: number;
  endMinute: number;
  /** 1-based grid lines: the block spans [startRow, endRow). */
  startRow: number;
  endRow: number;
  /** 1-based lane inside the column, for overlapping appointments. */
  lane: number;
}

export interface BoardColumn {
  /** The provider's id, or "unassigned" for appointments without a known provider. */
  key: string;
  provider: Provider | null;
  lanes: number;
  blocks: BoardBlock[];
}

export interface BoardLayout {
  firstMinute: number;
  lastMinute: number;
  rows: number;
  columns: BoardColumn[];
}

export const UNASSIGNED = "unassigned";

export function layoutBoard(board: DayBoard): BoardLayout {
  const zone = board.location.timeZone;
  const spans = board.appointments.map((appointment) => {
    const startMinute = minutesIntoDay(appointment.start, zone, board.day);
    // A zero-length or inverted record still gets one row, so it can be seen and fixed.
    const endMinute = Math.max(minutesIntoDay(appointment.end, zone, board.day), startMinute + 1);
    return { appointment, startMinute, endMinute };
  });

  const floor = (m: number) => Math.floor(m / SLOT_MINUTES) * SLOT_MINUTES;
  const ceil = (m: number) => Math.ceil(m / SLOT_MINUTES) * SLOT_MINUTES;
  const firstMinute = Math.min(OPEN_MINUTE, ...spans.map((s) => floor(s.startMinute)));
  const lastMinute = Math.max(CLOSE_MINUTE, ...spans.map((s) => ceil(s.endMinute)));
  const row = (minute: number) => 1 + (minute - firstMinute) / SLOT_MINUTES;

  const known = new Set(board.providers.map((p) => p.id));
  const columns: BoardColumn[] = board.providers.map((provider) => ({
    key: provider.id,
    provider,
    lanes: 1,
    blocks: [],
  }));
  const unassigned: BoardColumn = { key: UNASSIGNED, provider: null, lanes: 1, blocks: [] };

  for (const span of spans) {
    const providerId = span.appointment.providerId;
    const column =
      providerId && known.has(providerId) ? columns.find((c) => c.key === providerId) : unassigned;
    column?.blocks.push({
      ...span,
      startRow: row(floor(span.startMinute)),
      endRow: row(ceil(span.endMinute)),
      lane: 1,
    });
  }
  if (unassigned.blocks.length > 0) columns.push(unassigned);

  for (const column of columns) {
    column.blocks.sort((a, b) => a.startMinute - b.startMinute || a.endMinute - b.endMinute);
    // Greedy lanes: each block takes the first lane free by its start row.
    const laneEnds: number[] = [];
    for (const block of column.blocks) {
      let lane = laneEnds.findIndex((end) => end <= block.startRow);
      if (lane === -1) {
        lane = laneEnds.length;
        laneEnds.push(block.endRow);
      } else {
        laneEnds[lane] = block.endRow;
      }
      block.lane = lane + 1;
    }
    column.lanes = Math.max(1, laneEnds.length);
  }

  return { firstMinute, lastMinute, rows: (lastMinute - firstMinute) / SLOT_MINUTES, columns };
}
