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
    expect(patel?.blocks[0]).toMatchObject({ startRow: 11, endRow: 13, lane: 1 });
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

  it("puts overlapping appointments side by side", () => {
    const layout = layoutBoard(
      board([
        appointment({ id: "a" }),
        appointment({ id: "b", start: "2026-11-21T16:45:00Z", end: "2026-11-21T17:15:00Z" }),
        appointment({ id: "c", start: "2026-11-21T17:00:00Z", end: "2026-11-21T17:30:00Z" }),
      ]),
    );
    const lee = layout.columns.find((c) => c.key === DR_LEE.id);
    expect(lee?.lanes).toBe(2);
    expect(lee?.blocks.map((b) => b.lane)).toEqual([1, 2, 1]);
  });

  it("gives appointments without a known provider their own column", () => {
    const layout = layoutBoard(board([appointment({ providerId: null }), appointment({ id: "x", providerId: "gone" })]));
    expect(layout.columns.map((c) => c.key)).toEqual([DR_LEE.id, DR_PATEL.id, UNASSIGNED]);
    expect(layout.columns[2]?.blocks).toHaveLength(2);
  });
});
