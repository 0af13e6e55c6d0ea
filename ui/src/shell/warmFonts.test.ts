// The font warmer leaves nothing behind and covers every face the stylesheets ask for: a face
// added to the CSS but not to the warmer would be loaded between sign-in and the board again.
/// <reference types="node" />
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { DESK_FACES, resetFontWarmerForTests, warmDeskFonts } from "./warmFonts";

// Read from disk: Vitest hands a test empty strings for CSS imports, `?raw` included.
const SRC = join(__dirname, "..");
const stylesheets = readdirSync(SRC, { recursive: true, encoding: "utf8" })
  .filter((path) => path.endsWith(".css"))
  .map((path) => readFileSync(join(SRC, path), "utf8"));

/** Every value the stylesheets give `property`, e.g. "600" for font-weight. */
function declared(property: string): Set<string> {
  const values = new Set<string>();
  const pattern = new RegExp(`(?:^|[\\s;{])${property}\\s*:\\s*([^;}]+)`, "g");
  for (const css of stylesheets) {
    for (const match of css.matchAll(pattern)) values.add((match[1] ?? "").trim());
  }
  return values;
}

describe("warmDeskFonts", () => {
  beforeEach(() => {
    resetFontWarmerForTests();
  });

  it("lays out one hidden line per face and removes it again", () => {
    const appended: Node[] = [];
    const append = document.body.append.bind(document.body);
    const spy = vi.spyOn(document.body, "append").mockImplementation((...nodes) => {
      appended.push(...(nodes as Node[]));
      append(...nodes);
    });
    warmDeskFonts();
    spy.mockRestore();

    expect(appended).toHaveLength(1);
    const holder = appended[0] as HTMLElement;
    expect(holder.getAttribute("aria-hidden")).toBe("true");
    expect(holder.style.visibility).toBe("hidden");
    expect(holder.children).toHaveLength(DESK_FACES.length);
    expect(document.querySelector('[data-testid="font-warmer"]')).toBeNull();
  });

  it("warms once per page", () => {
    const spy = vi.spyOn(document.body, "append");
    warmDeskFonts();
    warmDeskFonts();
    expect(spy).toHaveBeenCalledTimes(1);
    spy.mockRestore();
  });

  it("covers every weight, slant, family and figure style in the stylesheets", () => {
    expect(stylesheets.join("").length).toBeGreaterThan(10_000);
    const weights = new Set(DESK_FACES.map((face) => String(face.weight)));
    for (const weight of declared("font-weight")) {
      expect(weights, `font-weight: ${weight}`).toContain(weight === "normal" ? "400" : weight === "bold" ? "700" : weight);
    }
    const styles = new Set<string>(DESK_FACES.map((face) => face.style));
    for (const style of declared("font-style")) expect(styles, `font-style: ${style}`).toContain(style);
    const families = new Set<string>(DESK_FACES.map((face) => face.family));
    for (const family of declared("font-family")) expect(families, `font-family: ${family}`).toContain(family);
    const numerics = new Set<string>(DESK_FACES.map((face) => face.numeric));
    for (const numeric of declared("font-variant-numeric")) expect(numerics, `font-variant-numeric: ${numeric}`).toContain(numeric);
  });
});
