// Where each appointment sits on the day board: which provider column, which 15-minute rows,
// and which side-by-side lane when two overlap. Pure, so the arithmetic is tested apart from
// the page; the page only turns the numbers into CSS grid lines.
import type { Appointment, DayBoard, Provider } from "../api/backend";
import { minutesIntoDay } from "../time/zoned";

export const SLOT_MINUTES = 15;
/** Grid tracks are finer than the drawn rows, so 09:20 starts a third of the way into 09:15. */
export const TRACK_MINUTES = 5;
/** The board always shows at least the working day, so an empty morning still reads as one. */
export const OPEN_MINUTE = 8 * 60;
export const CLOSE_MINUTE = 17 * 60;

export interface BoardBlock {
  appointment: Appointment;
  startMinute: number;
  endMinute: number;
  /** 1-based 15-minute rows: the block starts in startRow and ends before endRow. */
  startRow: number;
  endRow: number;
  /** 1-based grid lines over 5-minute tracks, where the block is drawn. */
  startTrack: number;
  endTrack: number;
  /** 1-based grid column lines inside the provider's column: [laneStart, laneEnd). */
  laneStart: number;
  laneEnd: number;
}

export interface BoardColumn {
  /** The provider's id, or "unassigned" for appointments without a known provider. */
  key: string;
  provider: Provider | null;
  /** Grid columns inside the provider's column; overlapping blocks share them out. */
  lanes: number;
  blocks: BoardBlock[];
}

export interface BoardLayout {
  firstMinute: number;
  lastMinute: number;
  /** 15-minute rows, as drawn. */
  rows: number;
  /** 5-minute grid tracks. */
  tracks: number;
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
  const track = (minute: number) => 1 + (minute - firstMinute) / TRACK_MINUTES;
  const floorTrack = (m: number) => Math.floor(m / TRACK_MINUTES) * TRACK_MINUTES;
  const ceilTrack = (m: number) => Math.ceil(m / TRACK_MINUTES) * TRACK_MINUTES;

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
      startTrack: track(floorTrack(span.startMinute)),
      endTrack: track(ceilTrack(span.endMinute)),
      laneStart: 1,
      laneEnd: 2,
    });
  }
  if (unassigned.blocks.length > 0) columns.push(unassigned);

  for (const column of columns) assignLanes(column);

  return {
    firstMinute,
    lastMinute,
    rows: (lastMinute - firstMinute) / SLOT_MINUTES,
    tracks: (lastMinute - firstMinute) / TRACK_MINUTES,
    columns,
  };
}

/**
 * Overlapping appointments sit side by side, and only they are narrowed: blocks are grouped
 * into clusters that overlap in time, each cluster is split into as many lanes as it needs
 * (greedy, first free lane), and the column gets enough grid columns for every cluster to
 * share it out evenly (the least common multiple of the clusters' lane counts).
 */
function assignLanes(column: BoardColumn): void {
  const blocks = column.blocks.sort((a, b) => a.startMinute - b.startMinute || a.endMinute - b.endMinute);
  const clusters: { blocks: BoardBlock[]; lanes: number[] }[] = [];
  let clusterEnd = -1;
  for (const block of blocks) {
    let current = clusters[clusters.length - 1];
    if (!current || block.startMinute >= clusterEnd) {
      current = { blocks: [], lanes: [] };
      clusters.push(current);
    }
    clusterEnd = Math.max(clusterEnd, block.endMinute);
    const laneEnds = current.lanes;
    let lane = laneEnds.findIndex((end) => end <= block.startMinute);
    if (lane === -1) {
      lane = laneEnds.length;
      laneEnds.push(block.endMinute);
    } else {
      laneEnds[lane] = block.endMinute;
    }
    current.blocks.push(block);
    block.laneStart = lane + 1;
  }
  const counts = clusters.map((c) => c.lanes.length);
  const total = counts.reduce(lcm, 1);
  column.lanes = total;
  for (const cluster of clusters) {
    const width = total / cluster.lanes.length;
    for (const block of cluster.blocks) {
      const lane = block.laneStart;
      block.laneStart = (lane - 1) * width + 1;
      block.laneEnd = block.laneStart + width;
    }
  }
}

function lcm(a: number, b: number): number {
  const gcd = (x: number, y: number): number => (y === 0 ? x : gcd(y, x % y));
  return (a * b) / gcd(a, b);
}
