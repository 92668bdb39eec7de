import { describe, expect, it } from "vitest";
import { gridShape } from "../../src/render/png/grid-layout.js";
import { formatValue } from "../../src/render/png/number-format.js";
import { chooseScale, downsample, scaled } from "../../src/render/png/scale.js";

describe("gridShape", () => {
  it("is near-square, preferring no empty cells", () => {
    const shape = (n: number, w = 1, h = 1) => {
      const s = gridShape(n, w, h);
      return `${s.cols}×${s.rows}`;
    };
    expect([1, 2, 3, 4, 10, 24, 25, 64].map((n) => shape(n))).toEqual([
      "1×1",
      "2×1",
      "3×1",
      "2×2",
      "5×2",
      "6×4",
      "5×5",
      "8×8",
    ]);
    expect(shape(64, 3, 1)).toBe("5×13"); // wide 1-D tiles: fewer columns
  });
});

describe("chooseScale", () => {
  it("enlarges by an integer within the target, at least to the minimum; shrinks past it", () => {
    expect(chooseScale(61, 145, 64)).toEqual({ up: 2, down: 1 });
    expect(chooseScale(30, 80, 64)).toEqual({ up: 3, down: 1 });
    expect(chooseScale(600, 256, 64)).toEqual({ up: 1, down: 3 });
    expect(scaled(600, { up: 1, down: 3 })).toBe(200);
    expect(scaled(61, { up: 3, down: 1 })).toBe(183);
  });

  it("downsample box-averages, partial edge blocks and NaN included", () => {
    const d = downsample([1, 3, 5, 7, 9, Number.NaN], 2, 3, 2);
    expect([d.height, d.width]).toEqual([1, 2]);
    expect([...d.values]).toEqual([(1 + 3 + 7 + 9) / 4, 5]);
  });
});

describe("formatValue", () => {
  it("is short", () => {
    expect([0, 0.5, 12.34, -0.04213, 1234.5, 123456, 0.0003, Number.NaN].map(formatValue)).toEqual([
      "0",
      "0.5",
      "12.3",
      "-0.0421",
      "1235",
      "1.23e5",
      "3e-4",
      "NaN",
    ]);
  });
});
