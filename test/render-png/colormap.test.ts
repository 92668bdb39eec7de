import { describe, expect, it } from "vitest";
import {
  COOLWARM,
  colorIndex,
  NAN_RGB,
  planeToRgb,
  rangeOf,
  sharedRangeOf,
  VIRIDIS,
} from "../../src/render/png/colormap.js";
import { tableColor } from "./decode.js";

const rgbAt = (rgb: Uint8Array, i: number) => [rgb[3 * i], rgb[3 * i + 1], rgb[3 * i + 2]];

describe("colour tables", () => {
  it("are 256 entries with the published endpoints", () => {
    expect(VIRIDIS.length).toBe(768);
    expect(COOLWARM.length).toBe(768);
    expect(tableColor(VIRIDIS, 0)).toEqual([0x44, 0x01, 0x54]); // matplotlib viridis(0) = #440154
    expect(tableColor(VIRIDIS, 255)).toEqual([0xfd, 0xe7, 0x25]); // viridis(1) = #fde725
    expect(tableColor(COOLWARM, 0)).toEqual([0x3b, 0x4c, 0xc0]); // coolwarm(0) = #3b4cc0
    expect(tableColor(COOLWARM, 255)).toEqual([0xb4, 0x04, 0x26]); // coolwarm(1) = #b40426
    expect(tableColor(COOLWARM, 128)).toEqual([0xdd, 0xdc, 0xdc]); // the grey centre
  });

  it("are smooth (a mistyped entry would show up as a jump)", () => {
    for (const table of [VIRIDIS, COOLWARM]) {
      for (let i = 1; i < 256; i++) {
        for (let c = 0; c < 3; c++) {
          expect(
            Math.abs((table[3 * i + c] as number) - (table[3 * (i - 1) + c] as number)),
          ).toBeLessThanOrEqual(6);
        }
      }
    }
  });

  it("viridis rises in lightness from end to end (sequential)", () => {
    const luma = (i: number) => {
      const [r, g, b] = tableColor(VIRIDIS, i);
      return 0.2126 * r + 0.7152 * g + 0.0722 * b;
    };
    for (let i = 8; i < 256; i += 8) expect(luma(i)).toBeGreaterThan(luma(i - 8));
  });
});

describe("planeToRgb", () => {
  it("viridis, per-map range: min → first colour, max → last colour", () => {
    const rgb = planeToRgb(new Float32Array([3, 5, 7, 4]), "viridis");
    expect(rgbAt(rgb, 0)).toEqual(tableColor(VIRIDIS, 0));
    expect(rgbAt(rgb, 2)).toEqual(tableColor(VIRIDIS, 255));
    expect(rgbAt(rgb, 1)).toEqual(tableColor(VIRIDIS, 128)); // the middle value: matplotlib's ⌊t·256⌋
  });

  it("coolwarm is centred on 0 with ±max|v|", () => {
    const values = new Float32Array([-1, 0, 4, 2]);
    expect(rangeOf(values, "coolwarm")).toEqual({ lo: -4, hi: 4 });
    const rgb = planeToRgb(values, "coolwarm");
    expect(rgbAt(rgb, 1)).toEqual(tableColor(COOLWARM, 128));
    expect(rgbAt(rgb, 2)).toEqual(tableColor(COOLWARM, 255));
    expect(rgbAt(rgb, 0)).toEqual(tableColor(COOLWARM, 96)); // −1 of ±4: t = 0.375
  });

  it("a constant map does not divide by zero", () => {
    const zeros = new Float32Array(9);
    const r = rangeOf(zeros, "viridis");
    expect(r.hi).toBeGreaterThan(r.lo);
    expect(rgbAt(planeToRgb(zeros, "viridis"), 4)).toEqual(tableColor(VIRIDIS, 0));
    expect(rgbAt(planeToRgb(zeros, "coolwarm"), 4)).toEqual(tableColor(COOLWARM, 128));
    const fives = new Float32Array(4).fill(5);
    expect(rgbAt(planeToRgb(fives, "viridis"), 0)).toEqual(tableColor(VIRIDIS, 0));
    expect(rgbAt(planeToRgb(fives, "coolwarm"), 0)).toEqual(tableColor(COOLWARM, 255));
    const empty = planeToRgb(new Float32Array([Number.NaN]), "viridis");
    expect(rgbAt(empty, 0)).toEqual([...NAN_RGB]);
  });

  it("NaN is painted magenta and left out of the range; ±Infinity clamp to the ends", () => {
    const values = new Float32Array([Number.NaN, 1, 2, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY]);
    expect(rangeOf(values, "viridis")).toEqual({ lo: 1, hi: 2 });
    const rgb = planeToRgb(values, "viridis");
    expect(rgbAt(rgb, 0)).toEqual([...NAN_RGB]);
    expect(rgbAt(rgb, 3)).toEqual(tableColor(VIRIDIS, 255));
    expect(rgbAt(rgb, 4)).toEqual(tableColor(VIRIDIS, 0));
    expect(colorIndex(Number.NaN, { lo: 0, hi: 1 })).toBe(-1);
  });

  it("a shared range puts several maps on one scale", () => {
    const a = new Float32Array([0, 1]);
    const b = new Float32Array([2, 4]);
    const range = sharedRangeOf([a, b], "viridis");
    expect(range).toEqual({ lo: 0, hi: 4 });
    expect(rgbAt(planeToRgb(a, "viridis", range), 1)).toEqual(tableColor(VIRIDIS, 64));
    expect(rgbAt(planeToRgb(b, "viridis", range), 1)).toEqual(tableColor(VIRIDIS, 255));
    expect(sharedRangeOf([new Float32Array([-3]), b], "coolwarm")).toEqual({ lo: -4, hi: 4 });
  });
});
