// One layer's feature maps as one PNG grid that reads well in a chat client: a header band with the
// title (and what is cut, and the colour scale), then up to 64 tiles in a near-square grid, each at
// the map's real resolution enlarged by an integer factor (nearest neighbour), with its filter index
// in the corner.
//
// Sizing: the grid aims at ~1200 px wide (Discord and Slack previews are narrower still; a click
// opens the full image), each tile 64…256 px on its long side with an integer factor; maps longer
// than that are box-averaged down by an integer factor. No side ever exceeds 2048 px, no image shows
// more than SAMPLE_BUDGET distinct values (which bounds the PNG size), and a PNG over MAX_PNG_BYTES
// is rendered again smaller. The first maxMaps maps are shown. Three kinds of map:
//   2-D (H, W > 1)   an image tile;
//   1-D (H = 1 or W = 1, length > 1)   an area plot (see signal-plot.ts), SIGNAL_HEIGHT px tall;
//   1×1              a flat colour tile with its value written on it. One value has no range of its
//                    own, so 1×1 maps always share one colour scale.

import type { Planes } from "../../conv/tensor.js";
import { blendRect, type Canvas, createCanvas, encodePng, fillRect, type Rgb } from "./canvas.js";
import {
  type ColormapName,
  colorTable,
  planeToRgb,
  rangeOf,
  sharedRangeOf,
  type ValueRange,
} from "./colormap.js";
import { drawText, GLYPH_HEIGHT, textWidth } from "./font.js";
import { type GridShape, gridPixelSize, gridShape, tileOrigin } from "./grid-layout.js";
import { drawHeader, type HeaderItem, type HeaderSpec, headerHeight, headerMinWidth } from "./header.js";
import { formatValue } from "./number-format.js";
import { blitScaled, chooseScale, downsample, type Scale, scaled, smallerScale } from "./scale.js";
import { drawSignal, SIGNAL_HEIGHT } from "./signal-plot.js";
import {
  BACKGROUND,
  GUTTER,
  LABEL_BOX,
  LABEL_BOX_ALPHA,
  LABEL_TEXT,
  MARGIN,
  MAX_PNG_BYTES,
  MAX_SIDE,
  MIN_WIDTH,
  SAMPLE_BUDGET,
} from "./style.js";

export interface FeatureGridOptions {
  /** Header title, e.g. "conv_1 · 61×61×24". */
  title: string;
  /** Show at most this many maps, the first ones (default 64). */
  maxMaps?: number;
  /** Diverging colour map centred on 0 (true), viridis (false), or diverging iff any value < 0 ("auto", default). */
  signed?: boolean | "auto";
  /** Each map on its own colour scale (default), or one scale for all shown maps. */
  range?: "per-map" | "shared";
}

export interface TileRect {
  /** The filter (channel) index this tile shows. */
  index: number;
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface FeatureGrid {
  png: Buffer;
  width: number;
  height: number;
  /** How many maps are drawn, and how many the layer has. */
  shown: number;
  total: number;
  colormap: ColormapName;
  kind: "2d" | "1d" | "1x1";
  /** Integer scale from map pixels (or samples) to image pixels. */
  scale: Scale;
  /** Where each tile landed (header included in y). */
  tiles: TileRect[];
  /** Height of the header band. */
  headerHeight: number;
}

export const DEFAULT_MAX_MAPS = 64;
/** Width the tile grid aims at; tiles are 64…256 px within that. */
const TARGET_WIDTH = 1200;
const MIN_TILE = 64;
const MAX_TILE = 256;
const ONE_BY_ONE_TILE = 64;

interface Extent {
  lo: number;
  hi: number;
  nan: boolean;
}

function extentOf(values: ArrayLike<number>): Extent {
  let lo = Number.POSITIVE_INFINITY;
  let hi = Number.NEGATIVE_INFINITY;
  let nan = false;
  for (let i = 0; i < values.length; i++) {
    const v = values[i] as number;
    if (Number.isNaN(v)) nan = true;
    else if (Number.isFinite(v)) {
      if (v < lo) lo = v;
      if (v > hi) hi = v;
    }
  }
  return { lo, hi, nan };
}

interface Plan {
  kind: FeatureGrid["kind"];
  scale: Scale;
  tileW: number;
  tileH: number;
}

/** Tile size for a first guess at the number of columns: ~TARGET_WIDTH wide, 64…256 px tiles. */
function planTiles(maps: Planes, shown: number): Plan & { cols: number; rows: number } {
  const { height: H, width: W } = maps;
  const kind: Plan["kind"] = H === 1 && W === 1 ? "1x1" : H === 1 || W === 1 ? "1d" : "2d";
  const length = H * W;
  // nominal aspect for choosing the grid shape (1-D tiles are about 3:1)
  const [aw, ah] = kind === "2d" ? [W, H] : kind === "1d" ? [3, 1] : [1, 1];
  const { cols, rows } = gridShape(shown, aw, ah);
  const room = Math.floor((TARGET_WIDTH - 2 * MARGIN - (cols - 1) * GUTTER) / cols);
  const target = Math.max(MIN_TILE, Math.min(MAX_TILE, room));
  if (kind === "1x1")
    return {
      kind,
      cols,
      rows,
      scale: { up: ONE_BY_ONE_TILE, down: 1 },
      tileW: ONE_BY_ONE_TILE,
      tileH: ONE_BY_ONE_TILE,
    };
  if (kind === "1d") {
    const scale = chooseScale(length, target, MIN_TILE);
    return { kind, cols, rows, scale, tileW: scaled(length, scale), tileH: SIGNAL_HEIGHT };
  }
  const scale = chooseScale(Math.max(H, W), target, MIN_TILE);
  return { kind, cols, rows, scale, tileW: scaled(W, scale), tileH: scaled(H, scale) };
}

function resize(plan: Plan, maps: Planes, scale: Scale): Plan {
  const { height: H, width: W } = maps;
  if (plan.kind === "1x1") return { ...plan, scale, tileW: scale.up, tileH: scale.up };
  if (plan.kind === "1d") return { ...plan, scale, tileW: scaled(H * W, scale) };
  return { ...plan, scale, tileW: scaled(W, scale), tileH: scaled(H, scale) };
}

function canShrink(plan: Plan): boolean {
  return plan.tileW > 1 || (plan.kind !== "1d" && plan.tileH > 1);
}

/** Distinct values one tile shows (what PNG pays for; enlarged blocks are nearly free). */
function samplesPerTile(plan: Plan, maps: Planes): number {
  if (plan.kind === "1x1") return 1;
  if (plan.kind === "1d") return plan.scale.down > 1 ? plan.tileW : maps.height * maps.width;
  const d = plan.scale.down;
  return Math.ceil(maps.height / d) * Math.ceil(maps.width / d);
}

export async function renderFeatureGrid(maps: Planes, opts: FeatureGridOptions): Promise<FeatureGrid> {
  const { channels: C, height: H, width: W } = maps;
  if (!(H > 0 && W > 0)) throw new Error(`renderFeatureGrid: empty maps ${C}×${H}×${W}`);
  const maxMaps = Math.max(1, Math.floor(opts.maxMaps ?? DEFAULT_MAX_MAPS));
  const total = C;
  const shown = Math.min(total, maxMaps);
  const n = H * W;
  const planesShown: Float32Array[] = [];
  for (let c = 0; c < shown; c++) planesShown.push(maps.data.subarray(c * n, (c + 1) * n));
  const extents = planesShown.map(extentOf);

  const signed = opts.signed ?? "auto";
  const negative = signed === "auto" ? anyNegative(maps.data) : signed;
  const map: ColormapName = negative ? "coolwarm" : "viridis";

  const first = planTiles(maps, shown);
  const shape = { cols: first.cols, rows: first.rows };
  const shared = opts.range === "shared" || first.kind === "1x1";
  const sharedRange = shared ? sharedRangeOf(planesShown, map) : undefined;
  const facts = { map, shared, sharedRange, shown, total, extents };

  let plan: Plan = first;
  while (shown * samplesPerTile(plan, maps) > SAMPLE_BUDGET && canShrink(plan))
    plan = resize(plan, maps, smallerScale(plan.scale));
  for (;;) {
    // Shrink until everything fits in MAX_SIDE × MAX_SIDE…
    let header = headerSpec(opts.title, { ...facts, plan });
    let size = measure(plan, shape, header);
    while ((size.width > MAX_SIDE || size.height > MAX_SIDE) && canShrink(plan)) {
      plan = resize(plan, maps, smallerScale(plan.scale));
      header = headerSpec(opts.title, { ...facts, plan });
      size = measure(plan, shape, header);
    }
    const canvas = createCanvas(size.width, size.height, BACKGROUND);
    const top = drawHeader(canvas, header);
    const tiles = drawTiles(canvas, top, maps, planesShown, extents, plan, shape, map, sharedRange);
    const png = await encodePng(canvas);
    // …and, as a safety net, until the file is small enough.
    if (png.length > MAX_PNG_BYTES && canShrink(plan)) {
      plan = resize(plan, maps, smallerScale(plan.scale));
      continue;
    }
    return {
      png,
      width: canvas.width,
      height: canvas.height,
      shown,
      total,
      colormap: map,
      kind: plan.kind,
      scale: plan.scale,
      tiles,
      headerHeight: top,
    };
  }
}

function drawTiles(
  canvas: Canvas,
  top: number,
  maps: Planes,
  planesShown: Float32Array[],
  extents: Extent[],
  plan: Plan,
  shape: GridShape,
  map: ColormapName,
  sharedRange: ValueRange | undefined,
): TileRect[] {
  const grid = gridPixelSize(shape, plan.tileW, plan.tileH);
  const left = Math.floor((canvas.width - grid.width) / 2);
  const labelScale = plan.kind === "2d" && Math.min(plan.tileW, plan.tileH) >= 96 ? 2 : 1;
  const tiles: TileRect[] = [];
  for (let c = 0; c < planesShown.length; c++) {
    const o = tileOrigin(c, shape, plan.tileW, plan.tileH);
    const rect = { index: c, x: left + o.x, y: top + o.y, width: plan.tileW, height: plan.tileH };
    tiles.push(rect);
    const values = planesShown[c] as Float32Array;
    const extent = extents[c] as Extent;
    drawTile(canvas, rect, values, maps, plan, map, sharedRange ?? rangeOf(values, map));
    if (plan.kind === "1x1") {
      drawLabel(canvas, rect.x, rect.y, String(c), 1);
      const value = formatValue(values[0] as number);
      drawLabel(canvas, rect.x, rect.y + rect.height - labelSize(value, 1).height, value, 1);
    } else {
      // a constant map (a dead ReLU filter is all 0) says so: its colour alone cannot
      const flat = extent.lo === extent.hi && !sharedRange;
      drawLabel(canvas, rect.x, rect.y, flat ? `${c} =${formatValue(extent.lo)}` : String(c), labelScale);
    }
  }
  return tiles;
}

function anyNegative(data: Float32Array): boolean {
  for (let i = 0; i < data.length; i++) if ((data[i] as number) < 0) return true;
  return false;
}

function measure(plan: Plan, shape: { cols: number; rows: number }, header: HeaderSpec) {
  const grid = gridPixelSize(shape, plan.tileW, plan.tileH);
  const width = Math.min(MAX_SIDE, Math.max(grid.width, MIN_WIDTH, headerMinWidth(header)));
  return { width: Math.max(width, grid.width), height: headerHeight(header, width) + grid.height };
}

function drawTile(
  canvas: Canvas,
  rect: TileRect,
  values: Float32Array,
  maps: Planes,
  plan: Plan,
  map: ColormapName,
  range: ValueRange,
): void {
  if (plan.kind === "1x1") {
    const rgb = planeToRgb(values, map, range);
    const color: Rgb = [rgb[0] as number, rgb[1] as number, rgb[2] as number];
    fillRect(canvas, rect.x, rect.y, rect.width, rect.height, color);
    return;
  }
  if (plan.kind === "1d") {
    drawSignal(canvas, rect.x, rect.y, rect.width, rect.height, values, map, range, plan.scale);
    return;
  }
  let h = maps.height;
  let w = maps.width;
  let v: ArrayLike<number> = values;
  if (plan.scale.down > 1) {
    const d = downsample(values, h, w, plan.scale.down);
    v = d.values;
    h = d.height;
    w = d.width;
  }
  blitScaled(canvas, rect.x, rect.y, planeToRgb(v, map, range), h, w, plan.scale.up);
}

function labelSize(text: string, scale: number) {
  const pad = scale + 1;
  // cap height only: labels are digits (and "=", ".", "-", "e")
  return { pad, width: textWidth(text, scale) + 2 * pad, height: (GLYPH_HEIGHT - 1) * scale + 2 * pad };
}

/** Text on a dark see-through box, tucked into a tile's corner. */
function drawLabel(canvas: Canvas, x: number, y: number, text: string, scale: number): void {
  const { pad, width, height } = labelSize(text, scale);
  blendRect(canvas, x, y, width, height, LABEL_BOX, LABEL_BOX_ALPHA);
  drawText(canvas.data, canvas.width, x + pad, y + pad, text, LABEL_TEXT, scale);
}

interface HeaderFacts {
  map: ColormapName;
  plan: Plan;
  shared: boolean;
  sharedRange: ValueRange | undefined;
  shown: number;
  total: number;
  extents: Extent[];
}

function headerSpec(title: string, f: HeaderFacts): HeaderSpec {
  const items: HeaderItem[] = [];
  if (f.shown < f.total) items.push({ kind: "text", text: `showing ${f.shown} of ${f.total}` });
  const table = colorTable(f.map);
  if (f.sharedRange) {
    items.push({
      kind: "legend",
      table,
      left: formatValue(f.sharedRange.lo),
      right: formatValue(f.sharedRange.hi),
    });
    items.push({ kind: "text", text: f.map === "coolwarm" ? "one scale, 0 = grey" : "one scale for all" });
  } else if (f.map === "coolwarm") {
    items.push({ kind: "legend", table, left: "-m", right: "+m" });
    items.push({ kind: "text", text: "0 = grey, m = max|v| per map" });
  } else {
    items.push({ kind: "legend", table, left: "min", right: "max" });
    items.push({ kind: "text", text: "scaled per map" });
  }
  if (f.plan.kind === "1d") items.push({ kind: "text", text: "1-D: height = value" });
  if (f.plan.kind === "2d" && f.plan.scale.down > 1)
    items.push({ kind: "text", text: `${f.plan.scale.down}×${f.plan.scale.down} averages` });
  if (f.extents.some((e) => e.nan)) items.push({ kind: "text", text: "NaN = magenta" });
  return { title, items };
}
