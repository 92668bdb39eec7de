// im2col, one GEMM panel at a time: the receptive fields of NR consecutive output positions,
// laid out k-major (panel[k·NR + j]) as src/conv/gemm.ts reads B. Row k is (channel, ky, kx) in
// the weights' order ([inC/groups][kH][kW]), so a weight row times a panel column is one output.
// Taps that fall in the padding, and columns past the last output position, are zeros.

import { NR as GEMM_NR } from "./gemm.js";
import type { Window2d } from "./window.js";

// A module-local copy: hot loops read it as a constant, not through an import binding (which
// some loaders, e.g. tsx and vitest, turn into a getter call).
const NR = GEMM_NR;

/** The input and the part of it one group of a conv reads. */
export interface Im2colSource {
  data: Float32Array;
  height: number;
  width: number;
  /** First input channel of the group, and how many channels it spans. */
  channelStart: number;
  channels: number;
  kernelH: number;
  kernelW: number;
  window: Window2d;
  outWidth: number;
}

/** Per-column scratch: each panel column's top-left input row and column (may be negative). */
export interface PanelOrigins {
  rows: Int32Array;
  cols: Int32Array;
}

export function panelOrigins(): PanelOrigins {
  return { rows: new Int32Array(NR), cols: new Int32Array(NR) };
}

/**
 * Fills `panel` (length ≥ K·NR, K = channels·kH·kW) with the columns of output positions
 * [first, first + count), count ≤ NR, positions numbered row-major over the output.
 */
export function fillPanel(
  src: Im2colSource,
  first: number,
  count: number,
  panel: Float32Array,
  origins: PanelOrigins,
): void {
  const oy = Math.floor(first / src.outWidth);
  const ox = first - oy * src.outWidth;
  if (count === NR && ox + NR <= src.outWidth) fillRowPanel(src, oy, ox, panel);
  else fillScatteredPanel(src, first, count, panel, origins);
}

/** The common case: all NR positions in one output row, so each tap reads one input row at stride sW. */
function fillRowPanel(src: Im2colSource, oy: number, ox: number, panel: Float32Array): void {
  const { data, height: H, width: W, kernelH, kernelW, window, channels, channelStart } = src;
  const [sH, sW] = window.strides;
  const [dH, dW] = window.dilation;
  const y0 = oy * sH - window.pads[0];
  const x0 = ox * sW - window.pads[2];
  const span = (NR - 1) * sW;
  const plane = H * W;
  let o = 0;
  for (let c = 0; c < channels; c++) {
    const base = (channelStart + c) * plane;
    for (let ky = 0; ky < kernelH; ky++) {
      const y = y0 + ky * dH;
      const inside = y >= 0 && y < H;
      const row = base + y * W;
      for (let kx = 0; kx < kernelW; kx++) {
        const x = x0 + kx * dW;
        if (!inside) {
          panel.fill(0, o, o + NR);
        } else if (x >= 0 && x + span < W) {
          let i = row + x;
          for (let j = 0; j < NR; j++) {
            panel[o + j] = data[i] as number;
            i += sW;
          }
        } else {
          for (let j = 0; j < NR; j++) {
            const xj = x + j * sW;
            panel[o + j] = xj >= 0 && xj < W ? (data[row + xj] as number) : 0;
          }
        }
        o += NR;
      }
    }
  }
}

/** Positions spread over two output rows, or a short last panel: each column has its own origin. */
function fillScatteredPanel(
  src: Im2colSource,
  first: number,
  count: number,
  panel: Float32Array,
  origins: PanelOrigins,
): void {
  const { data, height: H, width: W, kernelH, kernelW, window, outWidth, channels, channelStart } = src;
  const [sH, sW] = window.strides;
  const [dH, dW] = window.dilation;
  const top = window.pads[0];
  const left = window.pads[2];
  const { rows, cols } = origins;
  for (let j = 0; j < NR; j++) {
    const pos = first + j;
    const oy = Math.floor(pos / outWidth);
    const ox = pos - oy * outWidth;
    // Columns past the last position read nothing: put them far outside the input.
    rows[j] = j < count ? oy * sH - top : -0x40000000;
    cols[j] = j < count ? ox * sW - left : -0x40000000;
  }
  const plane = H * W;
  let o = 0;
  for (let c = 0; c < channels; c++) {
    const base = (channelStart + c) * plane;
    for (let ky = 0; ky < kernelH; ky++) {
      const dy = ky * dH;
      for (let kx = 0; kx < kernelW; kx++) {
        const dx = kx * dW;
        for (let j = 0; j < NR; j++) {
          const y = (rows[j] as number) + dy;
          const x = (cols[j] as number) + dx;
          panel[o + j] = y >= 0 && y < H && x >= 0 && x < W ? (data[base + y * W + x] as number) : 0;
        }
        o += NR;
      }
    }
  }
}
