// The header band on top of every rendered PNG: a title line, then a line (wrapping if needed) of
// notes and, optionally, a colour-bar legend.
import { type Canvas, fillRect, frameRect } from "./canvas.js";
import type { ColorTable } from "./colormap.js";
import { ADVANCE, drawText, GLYPH_HEIGHT, textWidth } from "./font.js";
import { HEADER_BACKGROUND, MARGIN, MAX_SIDE, TEXT, TEXT_DIM, TEXT_SCALE } from "./style.js";

export type HeaderItem =
  | { kind: "text"; text: string }
  | { kind: "legend"; table: ColorTable; left: string; right: string };

export interface HeaderSpec {
  title: string;
  items?: HeaderItem[];
}

const PAD_TOP = 10;
const PAD_BOTTOM = 10;
const LINE = GLYPH_HEIGHT * TEXT_SCALE; // 16 px
const LINE_GAP = 6;
const ITEM_GAP = 3 * ADVANCE * TEXT_SCALE; // room for " · "
const BAR_WIDTH = 128;
const BAR_HEIGHT = 12;
const BAR_PAD = 8;

function itemWidth(item: HeaderItem): number {
  if (item.kind === "text") return textWidth(item.text, TEXT_SCALE);
  return textWidth(item.left, TEXT_SCALE) + BAR_WIDTH + textWidth(item.right, TEXT_SCALE) + 2 * BAR_PAD;
}

/** The width the header wants on its own: the title on one line, each item fitting a line. */
export function headerMinWidth(spec: HeaderSpec): number {
  let w = textWidth(spec.title, TEXT_SCALE);
  for (const item of spec.items ?? []) w = Math.max(w, itemWidth(item));
  return Math.min(MAX_SIDE, w + 2 * MARGIN);
}

interface Placed {
  item: HeaderItem;
  x: number;
  line: number;
}

function flow(spec: HeaderSpec, width: number): { placed: Placed[]; lines: number } {
  const avail = width - 2 * MARGIN;
  const placed: Placed[] = [];
  let line = 0;
  let x = 0;
  let started = false;
  for (const item of spec.items ?? []) {
    const w = itemWidth(item);
    if (started && x + ITEM_GAP + w > avail) {
      line++;
      x = 0;
      started = false;
    }
    if (started) x += ITEM_GAP;
    placed.push({ item, x: MARGIN + x, line });
    x += w;
    started = true;
  }
  return { placed, lines: placed.length === 0 ? 0 : line + 1 };
}

/** Height of the header band for a given image width. */
export function headerHeight(spec: HeaderSpec, width: number): number {
  const { lines } = flow(spec, width);
  return PAD_TOP + LINE + lines * (LINE_GAP + LINE) + PAD_BOTTOM;
}

/** Shorten text with "…" to fit `maxWidth` pixels at the header scale. */
export function fitText(text: string, maxWidth: number): string {
  if (textWidth(text, TEXT_SCALE) <= maxWidth) return text;
  const chars = [...text];
  while (chars.length > 0 && textWidth(`${chars.join("")}…`, TEXT_SCALE) > maxWidth) chars.pop();
  return `${chars.join("")}…`;
}

/** Paint the header band across the top of the canvas (its height from headerHeight). */
export function drawHeader(canvas: Canvas, spec: HeaderSpec): number {
  const height = headerHeight(spec, canvas.width);
  fillRect(canvas, 0, 0, canvas.width, height, HEADER_BACKGROUND);
  const title = fitText(spec.title, canvas.width - 2 * MARGIN);
  drawText(canvas.data, canvas.width, MARGIN, PAD_TOP, title, TEXT, TEXT_SCALE);
  const { placed } = flow(spec, canvas.width);
  let prevLine = -1;
  for (const { item, x, line } of placed) {
    const y = PAD_TOP + LINE + LINE_GAP + line * (LINE + LINE_GAP);
    if (line === prevLine) {
      // separator dot, centred in the gap before this item
      const dotX = x - ITEM_GAP / 2 - (ADVANCE * TEXT_SCALE) / 2;
      drawText(canvas.data, canvas.width, Math.round(dotX), y, "·", TEXT_DIM, TEXT_SCALE);
    }
    prevLine = line;
    if (item.kind === "text") {
      drawText(
        canvas.data,
        canvas.width,
        x,
        y,
        fitText(item.text, canvas.width - MARGIN - x),
        TEXT_DIM,
        TEXT_SCALE,
      );
      continue;
    }
    let cx = x;
    drawText(canvas.data, canvas.width, cx, y, item.left, TEXT_DIM, TEXT_SCALE);
    cx += textWidth(item.left, TEXT_SCALE) + BAR_PAD;
    drawColorBar(canvas, cx, y + 1, item.table);
    cx += BAR_WIDTH + BAR_PAD;
    drawText(canvas.data, canvas.width, cx, y, item.right, TEXT_DIM, TEXT_SCALE);
  }
  return height;
}

function drawColorBar(canvas: Canvas, x: number, y: number, table: ColorTable): void {
  for (let i = 0; i < BAR_WIDTH; i++) {
    const k = 3 * Math.floor((i * 256) / BAR_WIDTH);
    const rgb = [table[k] as number, table[k + 1] as number, table[k + 2] as number] as const;
    fillRect(canvas, x + i, y, 1, BAR_HEIGHT, rgb);
  }
  // a faint frame so the dark end of the bar is visible on the dark band
  frameRect(canvas, x, y, BAR_WIDTH, BAR_HEIGHT, TEXT_DIM, 0.5);
}
