// The desk's typefaces, loaded while the backend checks a PIN instead of after it. The first
// layout that meets a face (a weight, a slant, the monospace family, tabular figures) makes
// WebKitGTK match it through fontconfig and open its font file; the desk's first screen meets
// a dozen at once, and that was about 50 ms of its 70 ms layout after sign-in
// (scripts/bench-app.sh). Laying out one hidden line per face, while Argon2id runs on the
// backend and the webview has nothing else to do, takes that off the wait for the board.

/** One face the desk's stylesheets use. A test holds this list to the CSS. */
export interface DeskFace {
  family: "var(--font)" | "var(--font-mono)";
  weight: 400 | 600 | 700;
  style: "normal" | "italic";
  numeric: "normal" | "tabular-nums";
}

const FAMILIES = ["var(--font)", "var(--font-mono)"] as const;
const WEIGHTS = [400, 600, 700] as const;
const STYLES = ["normal", "italic"] as const;

/** Every family, weight and slant together, and tabular figures in the text family's weights. */
export const DESK_FACES: readonly DeskFace[] = [
  ...FAMILIES.flatMap((family) =>
    WEIGHTS.flatMap((weight) => STYLES.map((style) => ({ family, weight, style, numeric: "normal" as const }))),
  ),
  ...WEIGHTS.map((weight) => ({ family: "var(--font)" as const, weight, style: "normal" as const, numeric: "tabular-nums" as const })),
];

/** Letters, figures and the punctuation the board and card print (times, ranges, ellipses). */
const SAMPLE = "Ag 09:45–10:30 · 0123456789 …";

let warmed = false;

/** Lays out each face once, off screen and hidden from assistive tech; does nothing after the first call. */
export function warmDeskFonts(doc: Document = document): void {
  if (warmed) return;
  warmed = true;
  const holder = doc.createElement("div");
  holder.setAttribute("aria-hidden", "true");
  holder.dataset.testid = "font-warmer";
  Object.assign(holder.style, {
    position: "absolute",
    insetInlineStart: "-10000px",
    insetBlockStart: "0",
    visibility: "hidden",
    pointerEvents: "none",
  });
  for (const face of DESK_FACES) {
    const line = doc.createElement("span");
    line.style.fontFamily = face.family;
    line.style.fontWeight = String(face.weight);
    line.style.fontStyle = face.style;
    line.style.fontVariantNumeric = face.numeric;
    line.textContent = SAMPLE;
    holder.append(line);
  }
  doc.body.append(holder);
  // Measuring forces the layout, and the layout loads the faces.
  holder.getBoundingClientRect();
  holder.remove();
  performance.mark("desk:fonts");
}

/** Lets a test warm again. */
export function resetFontWarmerForTests(): void {
  warmed = false;
}
