// The "arithmetic diagram" for one conv / pool / transposed-conv layer, in the spirit of the stills
// of vdumoulin/conv_arithmetic: the input grid with its padding cells hatched, the first kernel
// position filled (only the taps, so dilation gaps stay visible), the second position along the
// width outlined to show the stride, and the output grid with the matching cells marked the same way;
// under it the layer's numbers ("input 7×7, pad 1 …", "kernel 3×3, stride 2, dilation 1",
// "output 4×4 = ⌊(7 + 2 − 3)/2⌋ + 1").
//
// Everything comes from the shape engine's AxisGeometry (src/shape/rule.ts): pads exactly as
// padBefore/padAfter say (TF 'same' puts the odd pixel after), output as computed there.
// A transposed conv is drawn as conv_arithmetic draws it: the input cells spread out by the stride
// with stride−1 zeros between them, padded by k_eff − 1 − p, then an ordinary stride-1 conv.
// Grids up to MAX_CELLS a side are drawn cell by cell; larger ones as proportional rectangles
// ("schematic"). Same canvas, 5×7 font, header and colours as the other PNGs here.
import type { AxisGeometry } from "../../shape/rule.js";
import { blendRect, type Canvas, createCanvas, encodePng, fillRect, type Rgb } from "./canvas.js";
import { textWidth } from "./font.js";
import {
  drawHeader,
  fitText,
  type HeaderItem,
  type HeaderSpec,
  headerHeight,
  headerMinWidth,
} from "./header.js";
import { drawMathText } from "./math-text.js";
import { BACKGROUND, MARGIN, MIN_WIDTH, TEXT, TEXT_DIM, TEXT_SCALE } from "./style.js";

export interface ConvDiagramOptions {
  /** Header title, e.g. "conv_1 · Conv2D(16, 3, strides=2)". */
  title: string;
  kind: "conv" | "pool" | "conv_transpose";
  /** PyTorch pooling's ceil_mode (the formula is drawn with ⌈ ⌉). */
  ceilMode?: boolean;
}

export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** A grid drawn cell by cell: cell (r, c) is the square at (x + c·pitch, y + r·pitch) of side `cell`. */
export interface GridPlacement {
  x: number;
  y: number;
  pitch: number;
  cell: number;
  rows: number;
  cols: number;
}

export interface ConvDiagram {
  png: Buffer;
  width: number;
  height: number;
  /** True when the grids were too large for cells and are drawn as proportional rectangles. */
  schematic: boolean;
  headerHeight: number;
  /** The padded (for a transposed conv: spread and padded) input, and the output, on the canvas. */
  inputBox: Box;
  outputBox: Box;
  /** Cell placement of the two grids (null in schematic mode). */
  inputGrid: GridPlacement | null;
  outputGrid: GridPlacement | null;
}

// Colours (on the dark background of style.ts), after conv_arithmetic: blue input, teal output.
export const INPUT_CELL: Rgb = [122, 162, 218];
export const PAD_CELL: Rgb = [64, 68, 78];
export const PAD_HATCH: Rgb = [104, 110, 124];
/** The zeros a transposed conv inserts between input cells. */
export const ZERO_CELL: Rgb = [52, 72, 102];
export const ZERO_HATCH: Rgb = [84, 108, 144];
export const KERNEL: Rgb = [244, 152, 66];
export const KERNEL_ALPHA = 0.8;
/** The second kernel position and its output cell (outlined). */
export const NEXT: Rgb = [250, 222, 92];
export const OUTPUT_CELL: Rgb = [94, 190, 160];

/** Largest grid side (in cells, padding included) still drawn cell by cell. */
export const MAX_CELLS = 24;
export const MAX_DIAGRAM_WIDTH = 1600;

const GAP = 3; // between cells
const FRAME = 2; // outline thickness (drawn in the gap)
const MAX_PITCH = 40;
const MIN_PITCH = 14;
const ARROW_GAP = 96; // between the two grids
const LINE = 8 * TEXT_SCALE;
const LINE_GAP = 6;
const SWATCH = 14;
const SCHEMATIC_BOX = 420; // long side of the padded input in schematic mode
const BAR = 28; // height of a 1-D schematic bar

/** c = a·(1 − α) + b·α, rounded like canvas.blendRect. */
export function mixRgb(a: Rgb, b: Rgb, alpha: number): Rgb {
  return [
    Math.round(a[0] * (1 - alpha) + b[0] * alpha),
    Math.round(a[1] * (1 - alpha) + b[1] * alpha),
    Math.round(a[2] * (1 - alpha) + b[2] * alpha),
  ];
}

type CellKind = "input" | "pad" | "zero";

/** One axis as drawn: the input side is a stride-`drawStride` conv over `cells` cells. */
interface AxisPlan {
  name: string;
  input: number;
  kernel: number;
  dilation: number;
  kEff: number;
  stride: number;
  drawStride: number;
  /** Input after spreading (transposed conv: (in − 1)·s + 1), before padding. */
  spread: number;
  /** Distance between real input cells in the spread input (the stride for a transposed conv, else 1). */
  spacing: number;
  padBefore: number;
  padAfter: number;
  /** ceil_mode: cells the last window reaches past the padding (drawn like padding). */
  overhang: number;
  cells: number;
  output: number;
  formula: string;
  /** ceil_mode dropped the last window (PyTorch's rule). */
  dropped: boolean;
}

function known(g: AxisGeometry, what: "input" | "output"): number {
  const v = g[what];
  if (typeof v !== "number") throw new Error(`renderConvDiagram: ${g.axis} ${what} is not a known size`);
  return v;
}

function convPlan(g: AxisGeometry, ceil: boolean): AxisPlan {
  const input = known(g, "input");
  const output = known(g, "output");
  if (g.padBefore === null || g.padAfter === null)
    throw new Error(`renderConvDiagram: ${g.axis} padding is unknown`);
  const pb = g.padBefore;
  const pa = g.padAfter;
  const total = pb + pa;
  const num = `${input}${total > 0 ? ` + ${total}` : ""} − ${g.kEff}`;
  let formula: string;
  let dropped = false;
  if (g.stride === 1) formula = `${num} + 1`;
  else if (ceil) {
    formula = `⌈(${num})/${g.stride}⌉ + 1`;
    const value = Math.ceil((input + total - g.kEff) / g.stride) + 1;
    if (value === output + 1) {
      formula += " − 1";
      dropped = true;
    }
  } else formula = `⌊(${num})/${g.stride}⌋ + 1`;
  const overhang = Math.max(0, (output - 1) * g.stride + g.kEff - (input + total));
  return {
    name: g.axis,
    input,
    kernel: g.kernel,
    dilation: g.dilation,
    kEff: g.kEff,
    stride: g.stride,
    drawStride: g.stride,
    spread: input,
    spacing: 1,
    padBefore: pb,
    padAfter: pa,
    overhang,
    cells: input + total + overhang,
    output,
    formula,
    dropped,
  };
}

/**
 * A transposed conv as the equivalent direct conv: input spread to (in − 1)·s + 1, padded so that a
 * stride-1 conv with the same (dilated) kernel gives the output. The geometry carries PyTorch's
 * padding p on both sides; what the output leaves unexplained is output padding (after) or, for
 * Keras' 'same' (p = 0 but a smaller output), a crop split TF-style (the odd one after).
 */
function transposedPlan(g: AxisGeometry): AxisPlan {
  const input = known(g, "input");
  const output = known(g, "output");
  const s = g.stride;
  const p = g.padBefore ?? 0;
  const spread = (input - 1) * s + 1;
  const crop = (input - 1) * s + g.kEff - output; // total cropped off the "full" output
  const cropBefore = p > 0 ? p : Math.max(0, Math.floor(crop / 2));
  const cropAfter = crop - cropBefore;
  let formula = `(${input} − 1)·${s} + ${g.kEff}`;
  if (p > 0 && cropBefore === p) {
    formula += ` − 2·${p}`;
    const op = 2 * p - crop;
    if (op > 0) formula += ` + ${op}`;
  } else if (crop > 0) formula += ` − ${crop}`;
  else if (crop < 0) formula += ` + ${-crop}`;
  const padBefore = g.kEff - 1 - cropBefore;
  const padAfter = g.kEff - 1 - cropAfter;
  return {
    name: g.axis,
    input,
    kernel: g.kernel,
    dilation: g.dilation,
    kEff: g.kEff,
    stride: s,
    drawStride: 1,
    spread,
    spacing: s,
    padBefore,
    padAfter,
    overhang: 0,
    cells: spread + padBefore + padAfter,
    output,
    formula,
    dropped: false,
  };
}

/** The row axis of a 1-D layer: one cell, nothing happens on it. */
const UNIT: AxisPlan = {
  name: "",
  input: 1,
  kernel: 1,
  dilation: 1,
  kEff: 1,
  stride: 1,
  drawStride: 1,
  spread: 1,
  spacing: 1,
  padBefore: 0,
  padAfter: 0,
  overhang: 0,
  cells: 1,
  output: 1,
  formula: "",
  dropped: false,
};

function kindAt(a: AxisPlan, i: number): CellKind {
  const j = i - a.padBefore;
  if (j < 0 || j >= a.spread) return "pad";
  return j % a.spacing === 0 ? "input" : "zero";
}

function cellKind(rows: AxisPlan, cols: AxisPlan, r: number, c: number): CellKind {
  const a = kindAt(rows, r);
  const b = kindAt(cols, c);
  if (a === "pad" || b === "pad") return "pad";
  if (a === "zero" || b === "zero") return "zero";
  return "input";
}

// ---- text ----------------------------------------------------------------------------------------

const dims = (xs: number[]) => xs.join("×");
/** "2" when every axis says 2, else "2×1". */
const same = (xs: number[]) => (xs.every((x) => x === xs[0]) ? String(xs[0]) : dims(xs));

function padText(plans: AxisPlan[]): string {
  const pads = plans.flatMap((a) => [a.padBefore, a.padAfter]);
  if (pads.every((p) => p === 0)) return "no padding";
  if (plans.length === 1) {
    const a = plans[0] as AxisPlan;
    return `pad ${a.padBefore + a.padAfter} (left ${a.padBefore}, right ${a.padAfter})`;
  }
  const [h, w] = plans as [AxisPlan, AxisPlan];
  if (h.padBefore === w.padBefore && h.padAfter === w.padAfter) {
    const total = h.padBefore === h.padAfter ? h.padBefore : h.padBefore + h.padAfter;
    return `pad ${total} (top/left ${h.padBefore}, bottom/right ${h.padAfter})`;
  }
  return `pad top ${h.padBefore}, bottom ${h.padAfter}, left ${w.padBefore}, right ${w.padAfter}`;
}

/** "pad 3 − 1 − 1 = 1 each side (k_eff − 1 − p), + 1 after (output padding)", or the plain pad text. */
function transposedPadText(plans: AxisPlan[]): string {
  const a = plans[0] as AxisPlan;
  const uniform = plans.every(
    (b) => b.padBefore === a.padBefore && b.padAfter === a.padAfter && b.kEff === a.kEff,
  );
  const p = a.kEff - 1 - a.padBefore;
  if (!uniform || a.padBefore < 0 || a.padAfter < a.padBefore) return `${padText(plans)} (k_eff − 1 − p)`;
  const extra = a.padAfter - a.padBefore;
  const side = plans.length === 2 ? "bottom/right" : "right";
  const base = `pad ${a.kEff} − 1 − ${p} = ${a.padBefore} each side (k_eff − 1 − p)`;
  return extra > 0 ? `${base}, + ${extra} ${side} (output padding)` : base;
}

function outputLines(plans: AxisPlan[]): string[] {
  const out = dims(plans.map((a) => a.output));
  const first = plans[0] as AxisPlan;
  if (plans.every((a) => a.formula === first.formula)) return [`output ${out} = ${first.formula}`];
  return [`output ${out}:`, ...plans.map((a) => `  ${a.name} ${a.formula} = ${a.output}`)];
}

function describe(plans: AxisPlan[], opts: ConvDiagramOptions): string[] {
  const k = dims(plans.map((a) => a.kernel));
  const d = plans.map((a) => a.dilation);
  const dilated = d.some((x) => x > 1);
  const span = dilated ? ` (taps span ${dims(plans.map((a) => a.kEff))})` : "";
  const input = dims(plans.map((a) => a.input));
  const cells = dims(plans.map((a) => a.cells));
  const padded = plans.some((a) => a.padBefore !== 0 || a.padAfter !== 0);
  const strides = plans.map((a) => a.stride);
  if (opts.kind === "conv_transpose") {
    const s = plans.map((a) => a.stride);
    const between = same(s.map((x) => x - 1));
    const zeros = s.every((x) => x === 1)
      ? "no zeros inserted"
      : `${between} ${between === "1" ? "zero" : "zeros"} between cells → ${dims(plans.map((a) => a.spread))}`;
    const lines = [
      `input ${input}, stride ${same(s)}: ${zeros}`,
      `${transposedPadText(plans)}${padded ? ` → ${cells}` : ""}`,
      `kernel ${k}, stride 1 over the spread input, dilation ${same(d)}${span}`,
      ...outputLines(plans),
    ];
    const check = plans.map((a) => `${a.cells} − ${a.kEff} + 1`);
    lines.push(`  (as a stride-1 conv: ${check.every((c) => c === check[0]) ? check[0] : check.join(", ")})`);
    return lines;
  }
  const word = opts.kind === "pool" ? "window" : "kernel";
  const dil = opts.kind === "pool" && !dilated ? "" : `, dilation ${same(d)}`;
  const over = plans.map((a) => a.overhang);
  const overText = over.some((x) => x > 0)
    ? `; ceil_mode: the last window runs ${same(over)} past the end`
    : "";
  const lines = [
    `input ${input}, ${padText(plans)}${overText}${padded || overText ? ` → ${cells}` : ""}`,
    `${word} ${k}, stride ${same(strides)}${dil}${span}`,
    ...outputLines(plans),
  ];
  if (plans.some((a) => a.dropped)) lines.push("  (− 1: the last window would start in the right padding)");
  return lines;
}

// ---- drawing helpers -----------------------------------------------------------------------------

function hatch(canvas: Canvas, x: number, y: number, w: number, h: number, rgb: Rgb, rising: boolean) {
  for (let dy = 0; dy < h; dy++) {
    const yy = y + dy;
    if (yy < 0 || yy >= canvas.height) continue;
    for (let dx = 0; dx < w; dx++) {
      if ((rising ? dx + dy : dx - dy + 6 * h) % 6 !== 0) continue;
      const xx = x + dx;
      if (xx < 0 || xx >= canvas.width) continue;
      const o = 3 * (yy * canvas.width + xx);
      canvas.data[o] = rgb[0];
      canvas.data[o + 1] = rgb[1];
      canvas.data[o + 2] = rgb[2];
    }
  }
}

function paintKind(canvas: Canvas, kind: CellKind, x: number, y: number, w: number, h: number) {
  if (kind === "input") fillRect(canvas, x, y, w, h, INPUT_CELL);
  else if (kind === "pad") {
    fillRect(canvas, x, y, w, h, PAD_CELL);
    hatch(canvas, x, y, w, h, PAD_HATCH, true);
  } else {
    fillRect(canvas, x, y, w, h, ZERO_CELL);
    hatch(canvas, x, y, w, h, ZERO_HATCH, false);
  }
}

/** A frame `t` px thick just outside the rectangle. */
function outline(canvas: Canvas, x: number, y: number, w: number, h: number, t: number, rgb: Rgb) {
  fillRect(canvas, x - t, y - t, w + 2 * t, t, rgb);
  fillRect(canvas, x - t, y + h, w + 2 * t, t, rgb);
  fillRect(canvas, x - t, y, t, h, rgb);
  fillRect(canvas, x + w, y, t, h, rgb);
}

function arrow(canvas: Canvas, x0: number, x1: number, y: number) {
  const head = 9;
  fillRect(canvas, x0, y - 1, x1 - x0 - head, 3, TEXT_DIM);
  for (let i = 0; i < head; i++) {
    const half = head - 1 - i;
    fillRect(canvas, x1 - head + i, y - half, 1, 2 * half + 1, TEXT_DIM);
  }
}

interface LegendItem {
  rgb: Rgb;
  label: string;
  kind: "fill" | "frame" | CellKind;
}

function legendItems(plans: AxisPlan[], opts: ConvDiagramOptions): LegendItem[] {
  const items: LegendItem[] = [{ rgb: INPUT_CELL, label: "input", kind: "input" }];
  if (plans.some((a) => a.padBefore > 0 || a.padAfter > 0 || a.overhang > 0))
    items.push({ rgb: PAD_CELL, label: opts.kind === "pool" ? "padding" : "padding (zeros)", kind: "pad" });
  if (opts.kind === "conv_transpose" && plans.some((a) => a.stride > 1))
    items.push({ rgb: ZERO_CELL, label: "inserted zeros", kind: "zero" });
  const word = opts.kind === "pool" ? "window" : "kernel";
  items.push({ rgb: KERNEL, label: `${word}, 1st position`, kind: "fill" });
  const w = plans[plans.length - 1] as AxisPlan;
  const h = plans[0] as AxisPlan;
  const along = w.output >= 2 ? w : h.output >= 2 && plans.length === 2 ? h : null;
  if (along !== null)
    items.push({ rgb: NEXT, label: `2nd position (stride ${along.drawStride})`, kind: "frame" });
  items.push({ rgb: OUTPUT_CELL, label: "output", kind: "fill" });
  return items;
}

const legendItemWidth = (it: LegendItem) => SWATCH + 8 + textWidth(it.label, TEXT_SCALE);
const LEGEND_SPACING = 24;

function legendLines(items: LegendItem[], avail: number): LegendItem[][] {
  const lines: LegendItem[][] = [[]];
  let x = 0;
  for (const it of items) {
    const w = legendItemWidth(it);
    const line = lines[lines.length - 1] as LegendItem[];
    if (line.length > 0 && x + LEGEND_SPACING + w > avail) {
      lines.push([it]);
      x = w;
    } else {
      x += (line.length > 0 ? LEGEND_SPACING : 0) + w;
      line.push(it);
    }
  }
  return lines;
}

function drawLegend(canvas: Canvas, lines: LegendItem[][], y0: number) {
  let y = y0;
  for (const line of lines) {
    let x = MARGIN;
    for (const it of line) {
      const sy = y + 1;
      if (it.kind === "frame") outline(canvas, x + FRAME, sy + FRAME, SWATCH - 4, SWATCH - 4, FRAME, it.rgb);
      else if (it.kind === "fill") fillRect(canvas, x, sy, SWATCH, SWATCH, it.rgb);
      else paintKind(canvas, it.kind, x, sy, SWATCH, SWATCH);
      drawMathText(canvas.data, canvas.width, x + SWATCH + 8, y, it.label, TEXT_DIM, TEXT_SCALE);
      x += legendItemWidth(it) + LEGEND_SPACING;
    }
    y += LINE + LINE_GAP;
  }
}

// ---- layout --------------------------------------------------------------------------------------

interface Body {
  inputBox: Box;
  outputBox: Box;
  inputGrid: GridPlacement | null;
  outputGrid: GridPlacement | null;
  /** Width the grids need, from x = 0. */
  right: number;
  /** Height of the grids, captions included. */
  height: number;
  draw(canvas: Canvas, top: number): void;
}

/** Captions above the two grids. */
function captions(plans: AxisPlan[], opts: ConvDiagramOptions, schematic: boolean): [string, string] {
  const cells = dims(plans.map((a) => a.cells));
  const padded = plans.some((a) => a.padBefore !== 0 || a.padAfter !== 0);
  const over = plans.some((a) => a.overhang > 0);
  const extra = [padded ? "padding" : "", over ? "overhang" : ""].filter((x) => x).join(" + ");
  const input =
    opts.kind === "conv_transpose"
      ? `input ${dims(plans.map((a) => a.input))}, spread${padded ? " + padded" : ""} (${cells})`
      : `input ${dims(plans.map((a) => a.input))}${extra ? ` + ${extra} (${cells})` : ""}`;
  const out = `output ${dims(plans.map((a) => a.output))}`;
  return schematic ? [`${input}, to scale`, out] : [input, out];
}

function nextOffset(rows: AxisPlan, cols: AxisPlan, twoD: boolean): [number, number] | null {
  if (cols.output >= 2) return [0, cols.drawStride];
  if (twoD && rows.output >= 2) return [rows.drawStride, 0];
  return null;
}

function cellBody(plans: AxisPlan[], opts: ConvDiagramOptions, pitch: number): Body {
  const twoD = plans.length === 2;
  const rows = twoD ? (plans[0] as AxisPlan) : UNIT;
  const cols = plans[plans.length - 1] as AxisPlan;
  const cell = pitch - GAP;
  const [capIn, capOut] = captions(plans, opts, false);
  const capH = LINE + 10;
  const inW = cols.cells * pitch - GAP;
  const inH = rows.cells * pitch - GAP;
  const outW = cols.output * pitch - GAP;
  const outH = rows.output * pitch - GAP;
  const inX = MARGIN + FRAME + 2;
  const outX = Math.max(inX + inW + ARROW_GAP, inX + textWidth(capIn, TEXT_SCALE) + 32);
  const next = nextOffset(rows, cols, twoD);
  const body: Body = {
    inputBox: { x: inX, y: 0, width: inW, height: inH },
    outputBox: { x: outX, y: 0, width: outW, height: outH },
    inputGrid: { x: inX, y: 0, pitch, cell, rows: rows.cells, cols: cols.cells },
    outputGrid: { x: outX, y: 0, pitch, cell, rows: rows.output, cols: cols.output },
    right: Math.max(outX + outW, outX + textWidth(capOut, TEXT_SCALE)) + FRAME + 2,
    height: capH + Math.max(inH, outH) + FRAME + 2,
    draw(canvas, top) {
      drawMathText(canvas.data, canvas.width, inX, top, capIn, TEXT, TEXT_SCALE);
      drawMathText(canvas.data, canvas.width, outX, top, capOut, TEXT, TEXT_SCALE);
      const y0 = top + capH;
      for (const b of [body.inputBox, body.outputBox]) b.y = y0;
      for (const g of [body.inputGrid, body.outputGrid]) if (g) g.y = y0;
      const at = (x: number, r: number, c: number) => [x + c * pitch, y0 + r * pitch] as const;
      // input cells
      for (let r = 0; r < rows.cells; r++)
        for (let c = 0; c < cols.cells; c++) {
          const [x, y] = at(inX, r, c);
          paintKind(canvas, cellKind(rows, cols, r, c), x, y, cell, cell);
        }
      // first kernel position: only the taps
      for (let i = 0; i < rows.kernel; i++)
        for (let j = 0; j < cols.kernel; j++) {
          const [x, y] = at(inX, i * rows.dilation, j * cols.dilation);
          blendRect(canvas, x, y, cell, cell, KERNEL, KERNEL_ALPHA);
        }
      const dilated = rows.dilation > 1 || cols.dilation > 1;
      const spanW = cols.kEff * pitch - GAP;
      const spanH = rows.kEff * pitch - GAP;
      if (dilated) outline(canvas, inX, y0, spanW, spanH, FRAME, KERNEL);
      // second position (the stride)
      if (next !== null) {
        const [dr, dc] = next;
        if (dilated) {
          for (let i = 0; i < rows.kernel; i++)
            for (let j = 0; j < cols.kernel; j++) {
              const [x, y] = at(inX, dr + i * rows.dilation, dc + j * cols.dilation);
              outline(canvas, x + FRAME, y + FRAME, cell - 2 * FRAME, cell - 2 * FRAME, FRAME, NEXT);
            }
        } else {
          const [x, y] = at(inX, dr, dc);
          outline(canvas, x, y, spanW, spanH, FRAME, NEXT);
        }
      }
      // output
      for (let r = 0; r < rows.output; r++)
        for (let c = 0; c < cols.output; c++) {
          const [x, y] = at(outX, r, c);
          fillRect(canvas, x, y, cell, cell, OUTPUT_CELL);
        }
      blendRect(canvas, outX, y0, cell, cell, KERNEL, KERNEL_ALPHA);
      if (next !== null) {
        const [x, y] = at(outX, next[0] === 0 ? 0 : 1, next[0] === 0 ? 1 : 0);
        outline(canvas, x, y, cell, cell, FRAME, NEXT);
      }
      arrow(canvas, inX + inW + 16, outX - 16, y0 + Math.floor(Math.min(inH, outH) / 2));
    },
  };
  return body;
}

function schematicBody(plans: AxisPlan[], opts: ConvDiagramOptions): Body {
  const twoD = plans.length === 2;
  const rows = twoD ? (plans[0] as AxisPlan) : UNIT;
  const cols = plans[plans.length - 1] as AxisPlan;
  const [capIn, capOut] = captions(plans, opts, true);
  const capH = LINE + 10;
  // Negative pads (a transposed conv cropping more than k_eff − 1) are drawn as none; a pad that
  // would be thinner than 3 px is drawn 3 px wide so it stays visible.
  const after = (a: AxisPlan) => Math.max(0, a.padAfter) + a.overhang;
  const padded = (a: AxisPlan) => a.spread + Math.max(0, a.padBefore) + after(a);
  const long = twoD ? Math.max(padded(rows), padded(cols)) : padded(cols);
  const sc = (twoD ? SCHEMATIC_BOX : 1.5 * SCHEMATIC_BOX) / long;
  const px = (n: number) => Math.round(n * sc);
  const padPx = (n: number) => (n > 0 ? Math.max(3, px(n)) : 0);
  const pb = (a: AxisPlan) => padPx(a.padBefore);
  const span = (a: AxisPlan) => pb(a) + Math.max(1, px(a.spread)) + padPx(after(a));
  const inW = span(cols);
  const inH = twoD ? span(rows) : BAR; // a 1-D bar has a fixed height
  const outW = Math.max(2, px(cols.output));
  const outH = twoD ? Math.max(2, px(rows.output)) : BAR;
  const inX = MARGIN + FRAME + 2;
  const outX = Math.max(inX + inW + ARROW_GAP, inX + textWidth(capIn, TEXT_SCALE) + 32);
  const next = nextOffset(rows, cols, twoD);
  const body: Body = {
    inputBox: { x: inX, y: 0, width: inW, height: inH },
    outputBox: { x: outX, y: 0, width: outW, height: outH },
    inputGrid: null,
    outputGrid: null,
    right: Math.max(outX + outW, outX + textWidth(capOut, TEXT_SCALE)) + FRAME + 2,
    height: capH + Math.max(inH, outH) + FRAME + 2,
    draw(canvas, top) {
      drawMathText(canvas.data, canvas.width, inX, top, capIn, TEXT, TEXT_SCALE);
      drawMathText(canvas.data, canvas.width, outX, top, capOut, TEXT, TEXT_SCALE);
      const y0 = top + capH;
      body.inputBox.y = y0;
      body.outputBox.y = y0;
      paintKind(canvas, "pad", inX, y0, inW, inH);
      const ix = inX + pb(cols);
      const iy = y0 + (twoD ? pb(rows) : 0);
      const iw = Math.max(1, px(cols.spread));
      const ih = twoD ? Math.max(1, px(rows.spread)) : BAR;
      if (opts.kind === "conv_transpose" && (rows.stride > 1 || cols.stride > 1)) {
        paintKind(canvas, "zero", ix, iy, iw, ih);
        // the real input cells, where they are far enough apart to show; else a tint
        if (cols.stride * sc >= 3 && (!twoD || rows.stride * sc >= 3)) {
          const dot = Math.max(1, Math.round(sc));
          for (let r = 0; r < rows.input; r++)
            for (let c = 0; c < cols.input; c++)
              fillRect(
                canvas,
                ix + px(c * cols.stride),
                twoD ? iy + px(r * rows.stride) : iy,
                dot,
                twoD ? dot : BAR,
                INPUT_CELL,
              );
        } else blendRect(canvas, ix, iy, iw, ih, INPUT_CELL, 1 / Math.max(rows.stride * cols.stride, 2));
      } else fillRect(canvas, ix, iy, iw, ih, INPUT_CELL);
      const kw = Math.max(4, px(cols.kEff));
      const kh = twoD ? Math.max(4, px(rows.kEff)) : BAR;
      blendRect(canvas, inX, y0, kw, kh, KERNEL, KERNEL_ALPHA);
      if (next !== null) {
        const [dr, dc] = next;
        outline(canvas, inX + px(dc), y0 + (twoD ? px(dr) : 0), kw, kh, FRAME, NEXT);
      }
      fillRect(canvas, outX, y0, outW, outH, OUTPUT_CELL);
      const cw = Math.max(4, px(1));
      const ch = twoD ? Math.max(4, px(1)) : BAR;
      blendRect(canvas, outX, y0, cw, ch, KERNEL, KERNEL_ALPHA);
      if (next !== null) {
        const [dr, dc] = next;
        outline(canvas, outX + (dc > 0 ? cw : 0), y0 + (dr > 0 ? ch : 0), cw, ch, FRAME, NEXT);
      }
      arrow(canvas, inX + inW + 16, outX - 16, y0 + Math.floor(Math.min(inH, outH) / 2));
    },
  };
  return body;
}

function chooseBody(plans: AxisPlan[], opts: ConvDiagramOptions): { body: Body; schematic: boolean } {
  const twoD = plans.length === 2;
  const rows = twoD ? (plans[0] as AxisPlan) : UNIT;
  const cols = plans[plans.length - 1] as AxisPlan;
  const negative = plans.some((a) => a.padBefore < 0 || a.padAfter < 0);
  const fits =
    Math.max(rows.cells, cols.cells) <= MAX_CELLS && Math.max(rows.output, cols.output) <= MAX_CELLS;
  if (fits && !negative) {
    const pitch = Math.min(
      MAX_PITCH,
      Math.floor(1100 / (cols.cells + cols.output)),
      Math.floor(600 / Math.max(rows.cells, rows.output)),
    );
    if (pitch >= MIN_PITCH) {
      const body = cellBody(plans, opts, pitch);
      if (body.right + MARGIN <= MAX_DIAGRAM_WIDTH) return { body, schematic: false };
    }
  }
  return { body: schematicBody(plans, opts), schematic: true };
}

// ---- entry point ---------------------------------------------------------------------------------

export async function renderConvDiagram(
  geometry: AxisGeometry[],
  opts: ConvDiagramOptions,
): Promise<ConvDiagram> {
  if (geometry.length !== 1 && geometry.length !== 2)
    throw new Error(`renderConvDiagram: ${geometry.length} spatial axes (expected 1 or 2)`);
  const plans = geometry.map((g) =>
    opts.kind === "conv_transpose" ? transposedPlan(g) : convPlan(g, opts.ceilMode === true),
  );
  const { body, schematic } = chooseBody(plans, opts);
  const lines = describe(plans, opts);
  const items: HeaderItem[] = [
    {
      kind: "text",
      text:
        opts.kind === "conv"
          ? "convolution"
          : opts.kind === "pool"
            ? `pooling${opts.ceilMode ? ", ceil_mode" : ""}`
            : "transposed conv = stride-1 conv over the spread input",
    },
    { kind: "text", text: plans.length === 2 ? "height × width" : "length" },
  ];
  if (schematic) items.push({ kind: "text", text: "too large for cells: drawn to scale" });
  const header: HeaderSpec = { title: opts.title, items };

  const legend = legendItems(plans, opts);
  const textW = Math.max(...lines.map((l) => textWidth(l, TEXT_SCALE))) + 2 * MARGIN;
  const width = Math.min(
    MAX_DIAGRAM_WIDTH,
    Math.max(body.right + MARGIN, textW, headerMinWidth(header), MIN_WIDTH),
  );
  const legendRows = legendLines(legend, width - 2 * MARGIN);
  const top = headerHeight(header, width);
  const bodyTop = top + MARGIN;
  const legendTop = bodyTop + body.height + MARGIN;
  const textTop = legendTop + legendRows.length * (LINE + LINE_GAP) + 8;
  const height = textTop + lines.length * (LINE + LINE_GAP) - LINE_GAP + MARGIN + 4;

  const canvas = createCanvas(width, height, BACKGROUND);
  const headerH = drawHeader(canvas, header);
  body.draw(canvas, bodyTop);
  drawLegend(canvas, legendRows, legendTop);
  lines.forEach((line, i) => {
    const y = textTop + i * (LINE + LINE_GAP);
    drawMathText(canvas.data, width, MARGIN, y, fitText(line, width - 2 * MARGIN), TEXT, TEXT_SCALE);
  });
  const png = await encodePng(canvas);
  return {
    png,
    width,
    height,
    schematic,
    headerHeight: headerH,
    inputBox: body.inputBox,
    outputBox: body.outputBox,
    inputGrid: body.inputGrid,
    outputGrid: body.outputGrid,
  };
}
