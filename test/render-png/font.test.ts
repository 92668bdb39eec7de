import { describe, expect, it } from "vitest";
import { ADVANCE, drawText, GLYPH_HEIGHT, glyph, textWidth } from "../../src/render/png/font.js";

const WHITE = [255, 255, 255] as const;

function render(text: string, scale = 1) {
  const width = textWidth(text, scale) + 2;
  const height = GLYPH_HEIGHT * scale + 2;
  const buf = new Uint8Array(width * height * 3);
  drawText(buf, width, 1, 1, text, WHITE, scale);
  const on = (x: number, y: number) => buf[3 * ((y + 1) * width + x + 1)] === 255;
  const rows: string[] = [];
  for (let y = 0; y < GLYPH_HEIGHT * scale; y++) {
    let row = "";
    for (let x = 0; x < width - 2; x++) row += on(x, y) ? "#" : ".";
    rows.push(row);
  }
  return { on, rows, buf };
}

describe("bitmap font", () => {
  it("draws the known pixels of 'A'", () => {
    expect(render("A").rows).toEqual([
      "..#..",
      ".#.#.",
      "#...#",
      "#...#",
      "#####",
      "#...#",
      "#...#",
      ".....",
    ]);
  });

  it("draws digits, descenders and the extra glyphs × and ·", () => {
    expect(render("1").rows.slice(0, 7)).toEqual([
      "..#..",
      ".##..",
      "..#..",
      "..#..",
      "..#..",
      "..#..",
      ".###.",
    ]);
    expect(render("g").rows[7]).toBe(".###."); // the descender row is used
    expect(render("×").rows).toEqual([
      ".....",
      "#...#",
      ".#.#.",
      "..#..",
      ".#.#.",
      "#...#",
      ".....",
      ".....",
    ]);
    expect(render("·").rows.join("")).toBe(`${".....".repeat(3)}..##.${"..##."}${".....".repeat(3)}`);
  });

  it("scales each font pixel to a square block and advances by 6 px per glyph", () => {
    const { on } = render("A", 3);
    // the apex of 'A' is column 2, row 0 → pixels 6…8 × 0…2
    for (let y = 0; y < 3; y++) for (let x = 6; x < 9; x++) expect(on(x, y)).toBe(true);
    expect(on(5, 0)).toBe(false);
    expect(on(9, 0)).toBe(false);
    expect(textWidth("AB", 1)).toBe(ADVANCE + 5);
    expect(textWidth("AB", 2)).toBe(2 * (ADVANCE + 5));
    expect(textWidth("")).toBe(0);
    const two = render("II");
    expect(two.rows[0]).toBe(".###...###."); // 'I', then the same glyph 6 px further
  });

  it("renders unknown characters as a hollow box and clips at the buffer edge", () => {
    expect(glyph("€")).toEqual(glyph("\u{1F600}"));
    expect(render("€").rows.slice(0, 7)).toEqual([
      "#####",
      "#...#",
      "#...#",
      "#...#",
      "#...#",
      "#...#",
      "#####",
    ]);
    const buf = new Uint8Array(4 * 4 * 3);
    expect(() => drawText(buf, 4, -3, -3, "WW", WHITE, 2)).not.toThrow();
  });
});
