// The look shared by every PNG here: a dark, opaque background (reads on Discord's and Slack's dark
// and light themes alike; no transparency to be flattened onto an unknown colour), light text drawn
// with the bitmap font at 2× so it survives the chat preview's downscaling.
import type { Rgb } from "./canvas.js";

export const BACKGROUND: Rgb = [30, 31, 34];
export const HEADER_BACKGROUND: Rgb = [43, 45, 49];
/** Behind a 1-D plot, so the empty part of the tile is visible against the gutter. */
export const PANEL: Rgb = [50, 52, 58];
export const TEXT: Rgb = [236, 237, 240];
export const TEXT_DIM: Rgb = [168, 172, 180];
/** Tile labels: light text on a dark see-through box, readable on any colour-map colour. */
export const LABEL_TEXT: Rgb = [255, 255, 255];
export const LABEL_BOX: Rgb = [0, 0, 0];
export const LABEL_BOX_ALPHA = 0.62;

/** Outer margin, and the gap between tiles. */
export const MARGIN = 12;
export const GUTTER = 4;
/** Header text scale (font pixels → image pixels). */
export const TEXT_SCALE = 2;

/** No output side longer than this (Discord and Slack show larger images downscaled anyway). */
export const MAX_SIDE = 2048;
/**
 * At most this many distinct map values (or input pixels) per image; beyond it maps are averaged
 * down. Enlarged blocks cost PNG almost nothing, distinct values cost up to 3 bytes each, so this
 * bounds the file even for pure noise (~1.5 MB); real activations come out far smaller.
 */
export const SAMPLE_BUDGET = 512 * 1024;
/** Safety net: an encoded PNG bigger than this is rendered again one scale step smaller. */
export const MAX_PNG_BYTES = 4 * 1024 * 1024;
/** Narrowest image, so a single small tile still gets a readable header. */
export const MIN_WIDTH = 320;
