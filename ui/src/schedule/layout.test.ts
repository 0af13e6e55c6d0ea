// The board's arithmetic: rows from the location's wall clock, at least 08:00-17:00, columns by
// provider (plus one for appointments with none), and side-by-side lanes for overlaps.
import type { DayBoard } from "../api/backend";
import { appointment, CHICAGO, DR_LEE, DR_PATEL } from "../test/fixtures";
import { layoutBoard, UNASSIGNED } from "./layout";

const board = (appointments: DayBoard["appointments"]): DayBoard => ({
  location: CHICAGO,
  day: "2026-11-21",
  providers: [DR_LEE, DR_PATEL],
  appointments,
  patients: [],
});

describe("layoutBoard", () => {
  it("spans 08:00 to 17:00 in 15-minute rows when the day fits inside", () => {
    const layout = layoutBoard(board([appointment()]));
    expect(layout.firstMinute).toBe(8 * 60);
    expect(layout.lastMinute).toBe(17 * 60);
    expect(layout.rows).toBe(36);
  });

  it("places a block by the location's clock: 10:30-11:00 CST is rows 11 to 13", () => {
    const layout = layoutBoard(board([appointment({ providerId: DR_PATEL.id })]));
    const patel = layout.columns.find((c) => c.key === DR_PATEL.id);
    expect(patel?.blocks[0]).toMatchObject({ startRow: 11, endRow: 13, startTrack: 31, endTrack: 37 });
    expect(layout.columns.find((c) => c.key === DR_LEE.id)?.blocks).toHaveLength(0);
  });

  it("grows to an early start and a late end, rounded to whole rows", () => {
    const layout = layoutBoard(
      board([
        appointment({ id: "a", start: "2026-11-21T13:10:00Z", end: "2026-11-21T13:40:00Z" }), // 07:10-07:40
        appointment({ id: "b", start: "2026-11-21T23:30:00Z", end: "2026-11-22T00:05:00Z" }), // 17:30-18:05
      ]),
    );
    expect(layout.firstMinute).toBe(7 * 60);
    expect(layout.lastMinute).toBe(18 * 60 + 15);
    const blocks = layout.columns[0]?.blocks ?? [];
    expect(blocks[0]).toMatchObject({ startRow: 1, endRow: 4 });
  });

  it("draws 09:20 a third of the way into the 09:15 row", () => {
    const layout = layoutBoard(board([appointment({ start: "2026-11-21T15:20:00Z", end: "2026-11-21T16:05:00Z" })]));
    // 09:20 is 80 minutes after 08:00: track 17; 10:05 ends at track 26.
    expect(layout.columns[0]?.blocks[0]).toMatchObject({ startRow: 6, startTrack: 17, endTrack: 26 });
    expect(layout.tracks).toBe(108);
  });

  it("narrows only the appointments that overlap, side by side", () => {
    const layout = layoutBoard(
      board([
        appointment({ id: "a" }), // 10:30-11:00
        appointment({ id: "b", start: "2026-11-21T16:45:00Z", end: "2026-11-21T17:15:00Z" }), // 10:45-11:15
        appointment({ id: "c", start: "2026-11-21T17:15:00Z", end: "2026-11-21T17:30:00Z" }), // 11:15-11:30, after both
        appointment({ id: "d", start: "2026-11-21T18:00:00Z", end: "2026-11-21T18:30:00Z" }), // 12:00, alone
      ]),
    );
    const lee = layout.columns.find((c) => c.key === DR_LEE.id);
    expect(lee?.lanes).toBe(2);
    expect(lee?.blocks.map((b) => [b.appointment.id, b.laneStart, b.laneEnd])).toEqual([
      ["a", 1, 2],
      ["b", 2, 3],
      ["c", 1, 3],
      ["d", 1, 3],
    ]);
  });

  it("keeps back-to-back appointments full width even when their rows touch", () => {
    // 09:20-10:05 then 10:10-10:30 share the 10:00 row but not a minute.
    const layout = layoutBoard(
      board([
        appointment({ id: "a", start: "2026-11-21T15:20:00Z", end: "2026-11-21T16:05:00Z" }),
        appointment({ id: "b", start: "2026-11-21T16:10:00Z", end: "2026-11-21T16:30:00Z" }),
      ]),
    );
    expect(layout.columns[0]?.lanes).toBe(1);
  });

  it("gives appointments without a known provider their own column", () => {
    const layout = layoutBoard(board([appointment({ providerId: null }), appointment({ id: "x", providerId: "gone" })]));
    expect(layout.columns.map((c) => c.key)).toEqual([DR_LEE.id, DR_PATEL.id, UNASSIGNED]);
    expect(layout.columns[2]?.blocks).toHaveLength(2);
  });
});
