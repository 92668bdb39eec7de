import { describe, expect, it } from "vitest";
import type { Padding } from "../../src/model/layer-config.js";
import {
  type GridPlacement,
  INPUT_CELL,
  KERNEL,
  KERNEL_ALPHA,
  MAX_DIAGRAM_WIDTH,
  mixRgb,
  OUTPUT_CELL,
  PAD_CELL,
  renderConvDiagram,
  ZERO_CELL,
} from "../../src/render/png/conv-diagram.js";
import { TEXT } from "../../src/render/png/style.js";
import { windowAxis } from "../../src/shape/layers/spatial.js";
import type { AxisGeometry } from "../../src/shape/rule.js";
import { containsText, decode, px, type Raw } from "./decode.js";

/** The shape engine's geometry for one axis. */
function axis(name: string, input: number, kernel: number, stride: number, padding: Padding, dilation = 1) {
  return windowAxis({ axis: name, index: 0, input, kernel, stride, dilation, padding, ceilMode: false })
    .geometry;
}

function square(input: number, kernel: number, stride: number, padding: Padding, dilation = 1) {
  return [
    axis("height", input, kernel, stride, padding, dilation),
    axis("width", input, kernel, stride, padding, dilation),
  ];
}

/** Share of a cell's pixels that are exactly `rgb` (hatching and outlines take the rest). */
function share(img: Raw, g: GridPlacement, r: number, c: number, rgb: readonly number[]): number {
  let n = 0;
  for (let y = 0; y < g.cell; y++)
    for (let x = 0; x < g.cell; x++) {
      const p = px(img, g.x + c * g.pitch + x, g.y + r * g.pitch + y);
      if (p[0] === rgb[0] && p[1] === rgb[1] && p[2] === rgb[2]) n++;
    }
  return n / (g.cell * g.cell);
}

/** Share of the pixels in a rectangle that are exactly `rgb`. */
function rectShare(img: Raw, x0: number, y0: number, w: number, h: number, rgb: readonly number[]): number {
  let n = 0;
  for (let y = y0; y < y0 + h; y++)
    for (let x = x0; x < x0 + w; x++) {
      const p = px(img, x, y);
      if (p[0] === rgb[0] && p[1] === rgb[1] && p[2] === rgb[2]) n++;
    }
  return n / (w * h);
}

/** The colour at the centre of a cell. */
function centre(img: Raw, g: GridPlacement, r: number, c: number) {
  const h = Math.floor(g.cell / 2);
  return px(img, g.x + c * g.pitch + h, g.y + r * g.pitch + h);
}

const TAP_ON_INPUT = mixRgb(INPUT_CELL, KERNEL, KERNEL_ALPHA);

describe("renderConvDiagram", () => {
  it("draws TF 'same' padding exactly where the engine puts it (input 6, kernel 3, stride 2)", async () => {
    const geo = square(6, 3, 2, "same");
    expect([geo[0]?.padBefore, geo[0]?.padAfter, geo[0]?.output]).toEqual([0, 1, 3]);
    const title = "conv_1 · Conv2D(8, 3, strides=2, padding='same')";
    const r = await renderConvDiagram(geo, { title, kind: "conv" });
    expect(r.schematic).toBe(false);
    const img = await decode(r.png);
    expect(containsText(img, title, TEXT, 2, 0, r.headerHeight)).toBe(true);
    const g = r.inputGrid as GridPlacement;
    expect([g.rows, g.cols]).toEqual([7, 7]);
    // no padding before: row 0 / column 0 are input (or kernel taps); the last row and column are padding
    for (let i = 0; i < 7; i++) {
      expect(share(img, g, 6, i, PAD_CELL)).toBeGreaterThan(0.6);
      expect(share(img, g, i, 6, PAD_CELL)).toBeGreaterThan(0.6);
    }
    for (let i = 3; i < 6; i++) {
      expect(centre(img, g, 0, i)).toEqual(INPUT_CELL);
      expect(centre(img, g, i, 0)).toEqual(INPUT_CELL);
    }
    for (let rr = 0; rr < 6; rr++) for (let c = 0; c < 6; c++) expect(share(img, g, rr, c, PAD_CELL)).toBe(0);
    // the first kernel position covers the top-left 3×3 cells, nothing else
    for (let rr = 0; rr < 6; rr++)
      for (let c = 0; c < 6; c++)
        expect(centre(img, g, rr, c)).toEqual(rr < 3 && c < 3 ? TAP_ON_INPUT : INPUT_CELL);
    const o = r.outputGrid as GridPlacement;
    expect([o.rows, o.cols]).toEqual([3, 3]);
    expect(centre(img, o, 0, 0)).toEqual(mixRgb(OUTPUT_CELL, KERNEL, KERNEL_ALPHA));
    expect(centre(img, o, 2, 2)).toEqual(OUTPUT_CELL);
    // exactly 3×3 output cells: the next cell to the right / below is background
    expect(share(img, o, 0, 3, OUTPUT_CELL)).toBe(0);
    expect(share(img, o, 3, 0, OUTPUT_CELL)).toBe(0);
  });

  it("highlights only the taps of a dilated kernel, over exactly k_eff cells", async () => {
    const geo = square(9, 3, 1, "valid", 2); // k_eff 5, output 5
    const r = await renderConvDiagram(geo, { title: "dilated", kind: "conv" });
    const img = await decode(r.png);
    const g = r.inputGrid as GridPlacement;
    const tap = (i: number) => i < 5 && i % 2 === 0;
    for (let rr = 0; rr < 9; rr++)
      for (let c = 0; c < 9; c++)
        expect(centre(img, g, rr, c)).toEqual(tap(rr) && tap(c) ? TAP_ON_INPUT : INPUT_CELL);
    const o = r.outputGrid as GridPlacement;
    expect([o.rows, o.cols]).toEqual([5, 5]);
  });

  it("shows symmetric explicit padding and the output formula with the user's numbers", async () => {
    const geo = square(7, 3, 2, { explicit: [[1, 1]] });
    const r = await renderConvDiagram(geo, { title: "conv", kind: "conv" });
    const img = await decode(r.png);
    const g = r.inputGrid as GridPlacement;
    expect([g.rows, g.cols]).toEqual([9, 9]);
    for (const [rr, c] of [
      [0, 4],
      [4, 0],
      [8, 4],
      [4, 8],
    ] as const)
      expect(share(img, g, rr, c, PAD_CELL)).toBeGreaterThan(0.6);
    expect(centre(img, g, 4, 4)).toEqual(INPUT_CELL);
    expect(containsText(img, "kernel 3×3, stride 2, dilation 1", TEXT, 2)).toBe(true);
    expect(containsText(img, "input 7×7, pad 1 (top/left 1, bottom/right 1)", TEXT, 2)).toBe(true);
    expect(containsText(img, "output 4×4 = ", TEXT, 2)).toBe(true);
    expect([(r.outputGrid as GridPlacement).rows, (r.outputGrid as GridPlacement).cols]).toEqual([4, 4]);
  });

  it("draws a 1-D layer as one row of cells", async () => {
    const geo = [axis("length", 10, 3, 1, "causal")]; // pads 2 before, 0 after
    const r = await renderConvDiagram(geo, { title: "Conv1D causal", kind: "conv" });
    const img = await decode(r.png);
    const g = r.inputGrid as GridPlacement;
    expect([g.rows, g.cols]).toEqual([1, 12]);
    expect(share(img, g, 0, 0, PAD_CELL)).toBe(0); // under the kernel: tinted
    expect(share(img, g, 0, 11, PAD_CELL)).toBe(0);
    expect(centre(img, g, 0, 2)).toEqual(TAP_ON_INPUT);
    expect(centre(img, g, 0, 3)).toEqual(INPUT_CELL);
    expect(centre(img, g, 0, 11)).toEqual(INPUT_CELL);
    expect(r.outputGrid?.cols).toBe(10);
    expect(r.outputGrid?.rows).toBe(1);
    expect(r.height).toBeLessThan(300);
  });

  it("draws a transposed conv as zeros spread between the input cells, then a stride-1 conv", async () => {
    // PyTorch ConvTranspose2d(k=3, s=2, p=1) on 3×3 → 5×5: spread to 5×5, pad 3 − 1 − 1 = 1 → 7×7
    const g1: AxisGeometry = {
      axis: "height",
      input: 3,
      kernel: 3,
      dilation: 1,
      kEff: 3,
      stride: 2,
      padBefore: 1,
      padAfter: 1,
      output: 5,
    };
    const r = await renderConvDiagram([g1, { ...g1, axis: "width" }], { title: "T", kind: "conv_transpose" });
    const img = await decode(r.png);
    const g = r.inputGrid as GridPlacement;
    expect([g.rows, g.cols]).toEqual([7, 7]);
    expect(share(img, g, 3, 0, PAD_CELL)).toBeGreaterThan(0.6);
    expect(centre(img, g, 3, 3)).toEqual(INPUT_CELL);
    expect(centre(img, g, 5, 5)).toEqual(INPUT_CELL);
    expect(share(img, g, 3, 4, ZERO_CELL)).toBeGreaterThan(0.6);
    expect(share(img, g, 4, 4, ZERO_CELL)).toBeGreaterThan(0.6);
    expect([(r.outputGrid as GridPlacement).rows, (r.outputGrid as GridPlacement).cols]).toEqual([5, 5]);
  });

  it("goes schematic for large inputs and stays within the caps", async () => {
    const cases = [
      { geo: square(128, 3, 2, "same"), kind: "conv" as const },
      { geo: [axis("length", 16000, 80, 4, "valid")], kind: "conv" as const },
      {
        geo: [64, 64].map((n, i) => ({
          axis: i === 0 ? "height" : "width",
          input: n,
          kernel: 4,
          dilation: 1,
          kEff: 4,
          stride: 2,
          padBefore: 1,
          padAfter: 1,
          output: 128,
        })),
        kind: "conv_transpose" as const,
      },
    ];
    for (const { geo, kind } of cases) {
      const r = await renderConvDiagram(geo, { title: "big", kind });
      expect(r.schematic).toBe(true);
      expect(r.inputGrid).toBeNull();
      expect(r.width).toBeLessThanOrEqual(MAX_DIAGRAM_WIDTH);
      expect(r.png.length).toBeLessThan(1024 * 1024);
      const img = await decode(r.png);
      expect([img.width, img.height]).toEqual([r.width, r.height]);
      // the output rectangle is drawn (its far corner is the output colour)
      const b = r.outputBox;
      expect(px(img, b.x + b.width - 2, b.y + b.height - 2)).toEqual(OUTPUT_CELL);
    }
    // 128×128 'same', stride 2: 0 before, 1 after → the pad band sits at the bottom/right only
    const r = await renderConvDiagram(square(128, 3, 2, "same"), { title: "big", kind: "conv" });
    const img = await decode(r.png);
    const b = r.inputBox;
    const midX = b.x + Math.floor(b.width / 2);
    const midY = b.y + Math.floor(b.height / 2);
    expect(rectShare(img, b.x + b.width - 3, midY, 3, 12, PAD_CELL)).toBeGreaterThan(0.6); // right
    expect(rectShare(img, midX, b.y + b.height - 3, 12, 3, PAD_CELL)).toBeGreaterThan(0.6); // bottom
    expect(rectShare(img, b.x, midY, 3, 12, INPUT_CELL)).toBe(1); // left: none
    expect(rectShare(img, midX, b.y, 12, 3, INPUT_CELL)).toBe(1); // top: none
  });

  it("keeps the largest cell-by-cell case under the caps", async () => {
    const geo = square(22, 3, 1, { explicit: [[1, 1]] }); // 24 cells a side
    const r = await renderConvDiagram(geo, { title: "24", kind: "pool" });
    expect(r.schematic).toBe(false);
    expect(r.width).toBeLessThanOrEqual(MAX_DIAGRAM_WIDTH);
    expect(r.png.length).toBeLessThan(1024 * 1024);
    const r25 = await renderConvDiagram(square(23, 3, 1, { explicit: [[1, 1]] }), {
      title: "25",
      kind: "pool",
    });
    expect(r25.schematic).toBe(true);
  });
});
