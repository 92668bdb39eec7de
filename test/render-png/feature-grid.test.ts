import { describe, expect, it } from "vitest";
import { type Planes, planes } from "../../src/conv/tensor.js";
import { COOLWARM, NAN_RGB, VIRIDIS } from "../../src/render/png/colormap.js";
import { renderFeatureGrid } from "../../src/render/png/feature-grid.js";
import {
  BACKGROUND,
  HEADER_BACKGROUND,
  LABEL_TEXT,
  MAX_PNG_BYTES,
  MAX_SIDE,
  PANEL,
  TEXT,
  TEXT_DIM,
} from "../../src/render/png/style.js";
import { containsText, decode, px, type Raw, tableColor } from "./decode.js";

function maps(c: number, h: number, w: number, f: (c: number, y: number, x: number) => number): Planes {
  const p = planes(c, h, w);
  for (let k = 0; k < c; k++)
    for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) p.data[k * h * w + y * w + x] = f(k, y, x);
  return p;
}

/** Deterministic noise in [0, 1). */
function noise(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 4294967296;
  };
}

function countDistinct(xs: number[]): number {
  return new Set(xs).size;
}

describe("renderFeatureGrid: layout", () => {
  const cases = [
    { c: 1, cols: 1, rows: 1 },
    { c: 3, cols: 3, rows: 1 },
    { c: 24, cols: 6, rows: 4 },
    { c: 64, cols: 8, rows: 8 },
    { c: 100, cols: 8, rows: 8 },
  ];
  for (const { c, cols, rows } of cases) {
    it(`${c} maps → ${Math.min(c, 64)} tiles in ${cols}×${rows}, at their places`, async () => {
      const rand = noise(c);
      const title = `conv_1 · 8×8×${c}`;
      const r = await renderFeatureGrid(
        maps(c, 8, 8, () => 0.1 + rand()),
        { title },
      );
      const img = await decode(r.png);
      expect([img.width, img.height]).toEqual([r.width, r.height]);
      expect(r.total).toBe(c);
      expect(r.shown).toBe(Math.min(c, 64));
      expect(r.tiles).toHaveLength(r.shown);
      expect(r.kind).toBe("2d");
      expect(countDistinct(r.tiles.map((t) => t.x))).toBe(cols);
      expect(countDistinct(r.tiles.map((t) => t.y))).toBe(rows);

      // the header band: its own colour, with the title in it
      expect(px(img, 1, 1)).toEqual([...HEADER_BACKGROUND]);
      expect(containsText(img, title, TEXT, 2, 0, r.headerHeight)).toBe(true);
      expect(containsText(img, `showing 64 of ${c}`, TEXT_DIM, 2, 0, r.headerHeight)).toBe(c > 64);

      for (const t of r.tiles) {
        expect(t.x).toBeGreaterThanOrEqual(0);
        expect(t.y).toBeGreaterThanOrEqual(r.headerHeight);
        expect(t.x + t.width).toBeLessThanOrEqual(img.width);
        expect(t.y + t.height).toBeLessThanOrEqual(img.height);
        expect(t.width).toBe(t.height);
        expect(t.width % 8).toBe(0); // an integer enlargement of 8×8
        expect(t.width).toBeGreaterThanOrEqual(64);
        expect(t.width).toBeLessThanOrEqual(256);
        // inside the tile (clear of the label): a colour-map colour; just outside: the gutter
        expect(px(img, t.x + t.width - 2, t.y + t.height - 2)).not.toEqual([...BACKGROUND]);
        expect(px(img, t.x + t.width, t.y + t.height - 2)).toEqual([...BACKGROUND]);
        expect(px(img, t.x + t.width - 2, t.y + t.height)).toEqual([...BACKGROUND]);
      }
      // row-major, filter index order
      const last = r.tiles[r.shown - 1] as (typeof r.tiles)[number];
      expect(last.index).toBe(r.shown - 1);
      const labelScale = last.width >= 96 ? 2 : 1;
      expect(containsText(img, String(r.shown - 1), LABEL_TEXT, labelScale, last.y, last.y + 24)).toBe(true);
    });
  }
});

describe("renderFeatureGrid: pixels", () => {
  it("enlarges with nearest neighbour: one hot value is a square block of the scale factor", async () => {
    const r = await renderFeatureGrid(
      maps(1, 8, 8, (_c, y, x) => (y === 5 && x === 6 ? 1 : 0)),
      { title: "hot" },
    );
    const img = await decode(r.png);
    const s = r.scale.up;
    expect(s).toBe(32); // 8 px → 256 px
    const t = r.tiles[0] as (typeof r.tiles)[number];
    const x0 = t.x + 6 * s;
    const y0 = t.y + 5 * s;
    const hot = tableColor(VIRIDIS, 255);
    const cold = tableColor(VIRIDIS, 0);
    for (let y = y0; y < y0 + s; y++) for (let x = x0; x < x0 + s; x++) expect(px(img, x, y)).toEqual(hot);
    for (let k = -1; k <= s; k++) {
      expect(px(img, x0 - 1, y0 + Math.max(0, k))).toEqual(cold);
      expect(px(img, x0 + s, y0 + Math.max(0, k))).toEqual(cold);
      expect(px(img, x0 + Math.max(0, k), y0 - 1)).toEqual(cold);
      expect(px(img, x0 + Math.max(0, k), y0 + s)).toEqual(cold);
    }
  });

  it("signed maps use the diverging map: 0 → its centre colour, ±max → its ends", async () => {
    const m = maps(1, 8, 8, (_c, _y, x) => (x < 3 ? -2 : x < 5 ? 0 : 1));
    const r = await renderFeatureGrid(m, { title: "signed" });
    expect(r.colormap).toBe("coolwarm");
    const img = await decode(r.png);
    const t = r.tiles[0] as (typeof r.tiles)[number];
    const at = (x: number) => px(img, t.x + x * r.scale.up + 1, t.y + t.height - 2);
    expect(at(1)).toEqual(tableColor(COOLWARM, 0)); // −2 = −max|v|
    expect(at(3)).toEqual(tableColor(COOLWARM, 128)); // 0
    expect(at(6)).toEqual(tableColor(COOLWARM, 192)); // +1 = max|v| / 2
    expect((await renderFeatureGrid(m, { title: "x", signed: false })).colormap).toBe("viridis");
    const positive = maps(1, 8, 8, () => 1);
    expect((await renderFeatureGrid(positive, { title: "x" })).colormap).toBe("viridis");
    expect((await renderFeatureGrid(positive, { title: "x", signed: true })).colormap).toBe("coolwarm");
  });

  it("a constant map does not crash; it is drawn flat and labelled with its value", async () => {
    const r = await renderFeatureGrid(
      maps(4, 6, 6, () => 0),
      { title: "dead" },
    );
    const img = await decode(r.png);
    for (const t of r.tiles)
      expect(px(img, t.x + t.width - 3, t.y + t.height - 3)).toEqual(tableColor(VIRIDIS, 0));
    expect(containsText(img, "3 =0", LABEL_TEXT, 2)).toBe(true);
    const signed = await renderFeatureGrid(
      maps(2, 6, 6, () => 0),
      { title: "dead", signed: true },
    );
    const simg = await decode(signed.png);
    const t = signed.tiles[1] as (typeof signed.tiles)[number];
    expect(px(simg, t.x + t.width - 3, t.y + t.height - 3)).toEqual(tableColor(COOLWARM, 128));
  });

  it("a shared range puts every map on one scale, with numbers in the legend", async () => {
    const r = await renderFeatureGrid(
      maps(2, 4, 4, (c) => (c === 0 ? 1 : 3)),
      { title: "shared", range: "shared" },
    );
    const img = await decode(r.png);
    const [a, b] = r.tiles as [(typeof r.tiles)[number], (typeof r.tiles)[number]];
    expect(px(img, a.x + a.width - 2, a.y + a.height - 2)).toEqual(tableColor(VIRIDIS, 0));
    expect(px(img, b.x + b.width - 2, b.y + b.height - 2)).toEqual(tableColor(VIRIDIS, 255));
    expect(containsText(img, "3", TEXT_DIM, 2, 0, r.headerHeight)).toBe(true);
  });

  it("NaN is painted magenta and the header says so", async () => {
    const r = await renderFeatureGrid(
      maps(1, 4, 4, (_c, y, x) => (y === 3 && x === 3 ? Number.NaN : x)),
      { title: "nan" },
    );
    const img = await decode(r.png);
    const t = r.tiles[0] as (typeof r.tiles)[number];
    expect(px(img, t.x + t.width - 1, t.y + t.height - 1)).toEqual([...NAN_RGB]);
    expect(containsText(img, "NaN = magenta", TEXT_DIM, 2, 0, r.headerHeight)).toBe(true);
  });
});

describe("renderFeatureGrid: 1-D and 1×1 maps", () => {
  it("1-D maps (H = 1) are area plots: the value's height, filled with the colour map", async () => {
    const r = await renderFeatureGrid(
      maps(5, 1, 50, (_c, _y, x) => x),
      { title: "conv1d · 50×5" },
    );
    expect(r.kind).toBe("1d");
    const img = await decode(r.png);
    const t = r.tiles[0] as (typeof r.tiles)[number];
    expect(t.height).toBe(64);
    expect(t.width).toBe(50 * r.scale.up);
    // the last sample is the max: its column is filled to the top with the top colour
    expect(px(img, t.x + t.width - 1, t.y)).toEqual(tableColor(VIRIDIS, 255));
    expect(px(img, t.x + t.width - 1, t.y + t.height - 1)).toEqual(tableColor(VIRIDIS, 0));
    // the first is the min: only the bottom row; above it, the panel
    expect(r.scale.up).toBeGreaterThan(1);
    expect(px(img, t.x + 1, t.y + t.height - 2)).toEqual([...PANEL]); // still sample 0
    expect(px(img, t.x, t.y + t.height - 1)).toEqual(tableColor(VIRIDIS, 0));
  });

  it("1×1 maps are flat colour tiles on one shared scale", async () => {
    const r = await renderFeatureGrid(
      maps(10, 1, 1, (c) => c),
      { title: "dense · 10" },
    );
    expect(r.kind).toBe("1x1");
    const img = await decode(r.png);
    const first = r.tiles[0] as (typeof r.tiles)[number];
    const last = r.tiles[9] as (typeof r.tiles)[number];
    const mid = (t: typeof first) => px(img, t.x + t.width - 4, t.y + t.height / 2);
    expect(mid(first)).toEqual(tableColor(VIRIDIS, 0));
    expect(mid(last)).toEqual(tableColor(VIRIDIS, 255));
  });
});

describe("renderFeatureGrid: size caps", () => {
  async function check(p: Planes, title: string): Promise<Raw> {
    const r = await renderFeatureGrid(p, { title });
    expect(r.width).toBeLessThanOrEqual(MAX_SIDE);
    expect(r.height).toBeLessThanOrEqual(MAX_SIDE);
    expect(r.png.length).toBeLessThan(MAX_PNG_BYTES);
    return decode(r.png);
  }

  it("64 maps of 128×128 noise (worst case for PNG) stay small", async () => {
    const rand = noise(1);
    const r = await renderFeatureGrid(
      maps(64, 128, 128, () => rand()),
      { title: "noise" },
    );
    expect(r.png.length).toBeLessThan(1_500_000);
    expect(r.scale.down).toBe(2);
    expect(Math.max(r.width, r.height)).toBeLessThanOrEqual(MAX_SIDE);
  });

  it("big and oddly shaped maps are averaged down to fit", async () => {
    const big = await check(
      maps(4, 600, 500, (c, y, x) => Math.sin(x / 40 + c) + Math.cos(y / 30)),
      "big",
    );
    expect(big.width).toBeLessThan(1400);
    await check(
      maps(3, 1, 5000, (_c, _y, x) => Math.sin(x / 50)),
      "long 1-D",
    );
    await check(
      maps(2, 3, 900, (_c, y, x) => x + y),
      "wide",
    );
    await check(
      maps(1, 1, 1, () => 5),
      "one value",
    );
  });

  it("a very long title is shortened, not overflowing", async () => {
    const r = await renderFeatureGrid(
      maps(1, 4, 4, () => 1),
      { title: "x".repeat(400) },
    );
    expect(r.width).toBeLessThanOrEqual(MAX_SIDE);
    const img = await decode(r.png);
    expect(containsText(img, "…", TEXT, 2, 0, r.headerHeight)).toBe(true);
  });

  it("rejects empty maps", async () => {
    await expect(renderFeatureGrid(planes(3, 0, 4), { title: "x" })).rejects.toThrow(/empty/);
  });
});
