// Convolution (cross-correlation, as every framework computes it) of one sample in the Planes
// layout. Weights are PyTorch's layout: data[((o·(inC/groups) + c)·kH + ky)·kW + kx] for output
// channel o, channel c of its group, tap (ky, kx); bias one value per output channel.
// Groups split the input and output channels into `groups` equal runs; output channel o reads
// input channels of group ⌊o/(outC/groups)⌋ only (depthwise: groups = inC).
// Per group: the weights are packed once, then for every NR output positions im2col fills one
// panel and the register-blocked GEMM multiplies it by all the group's filters.

import { multiplyPanel, NR, type PanelTarget, packA, packedASize } from "./gemm.js";
import { type WasmGemm, wasmGemm } from "./gemm-wasm.js";
import { fillPanel, type Im2colSource, panelOrigins } from "./im2col.js";
import { type Planes, planes } from "./tensor.js";
import { checkPads, checkPositive, type Pads2d, type Window2d, windowOutputSize } from "./window.js";

/** Conv weights, [outC][inC/groups][kH][kW] float32, and an optional bias [outC]. */
export interface ConvWeights {
  outChannels: number;
  inPerGroup: number;
  kernelH: number;
  kernelW: number;
  data: Float32Array;
  bias: Float32Array | null;
}

export interface ConvOptions extends Window2d {
  groups: number;
}

/** Which GEMM runs the multiply: the WebAssembly SIMD kernel, the TS one, or wasm when available. */
export type ConvKernel = "auto" | "wasm" | "ts";

/** Reusable buffers for the packed weights and one im2col panel; they grow as needed, never shrink. */
export class ConvScratch {
  packed = new Float32Array(0);
  panel = new Float32Array(0);
  readonly origins = panelOrigins();

  constructor(readonly kernel: ConvKernel = "auto") {}

  packedBuffer(size: number): Float32Array {
    if (this.packed.length < size) this.packed = new Float32Array(size);
    return this.packed;
  }

  panelBuffer(size: number): Float32Array {
    if (this.panel.length < size) this.panel = new Float32Array(size);
    return this.panel;
  }

  /** The wasm kernel this scratch runs on, or null for the TS GEMM. */
  wasm(): WasmGemm | null {
    if (this.kernel === "ts") return null;
    const g = wasmGemm();
    if (g === null && this.kernel === "wasm") throw new Error("conv2d: WebAssembly SIMD is not available");
    return g;
  }
}

const sharedScratch = new ConvScratch();

export function convWeights(
  outChannels: number,
  inPerGroup: number,
  kernelH: number,
  kernelW: number,
  data?: Float32Array,
  bias: Float32Array | null = null,
): ConvWeights {
  const size = outChannels * inPerGroup * kernelH * kernelW;
  if (data && data.length !== size)
    throw new Error(
      `convWeights: ${data.length} values for ${outChannels}×${inPerGroup}×${kernelH}×${kernelW}`,
    );
  if (bias && bias.length !== outChannels)
    throw new Error(`convWeights: ${bias.length} biases for ${outChannels} filters`);
  return { outChannels, inPerGroup, kernelH, kernelW, data: data ?? new Float32Array(size), bias };
}

/** Output height and width of a conv; either may be ≤ 0 (conv2d then throws). */
export function conv2dOutputSize(input: Planes, w: ConvWeights, o: Window2d): [number, number] {
  const [top, bottom, left, right] = o.pads;
  return [
    windowOutputSize(input.height, w.kernelH, o.strides[0], o.dilation[0], top, bottom),
    windowOutputSize(input.width, w.kernelW, o.strides[1], o.dilation[1], left, right),
  ];
}

function checkConv(input: Planes, w: ConvWeights, o: ConvOptions): void {
  checkPositive("conv2d strides", o.strides);
  checkPositive("conv2d dilation", o.dilation);
  checkPositive("conv2d groups", [o.groups]);
  checkPositive("conv2d kernel", [w.kernelH, w.kernelW, w.outChannels, w.inPerGroup]);
  checkPads("conv2d pads", o.pads);
  if (input.channels !== w.inPerGroup * o.groups)
    throw new Error(
      `conv2d: the input has ${input.channels} channels; the weights expect ${w.inPerGroup}×${o.groups} groups`,
    );
  if (w.outChannels % o.groups !== 0)
    throw new Error(`conv2d: ${w.outChannels} filters do not split into ${o.groups} groups`);
}

/** out[o, y, x] = bias[o] + Σ_{c,ky,kx} w[o, c, ky, kx] · in[g·C/g + c, y·sH − top + ky·dH, x·sW − left + kx·dW]. */
export function conv2d(input: Planes, w: ConvWeights, o: ConvOptions, scratch = sharedScratch): Planes {
  const [outH, outW] = checkedOutputSize(input, w, o);
  const out = planes(w.outChannels, outH, outW);
  conv2dRange(input, w, o, outH, outW, 0, outH * outW, out.data, scratch);
  return out;
}

/** Checks a conv's arguments and returns its (positive) output height and width. */
export function checkedOutputSize(input: Planes, w: ConvWeights, o: ConvOptions): [number, number] {
  checkConv(input, w, o);
  const [outH, outW] = conv2dOutputSize(input, w, o);
  if (outH <= 0 || outW <= 0)
    throw new RangeError(
      `conv2d: output ${outH}×${outW} from input ${input.height}×${input.width}, kernel ${w.kernelH}×${w.kernelW}`,
    );
  return [outH, outW];
}

/**
 * The output positions [first, last) (row-major over outH×outW) of every output channel, written
 * into `out` (the whole output, [outC][outH·outW]); the rest of `out` is untouched. Arguments are
 * assumed checked (checkedOutputSize).
 */
export function conv2dRange(
  input: Planes,
  w: ConvWeights,
  o: ConvOptions,
  outH: number,
  outW: number,
  first: number,
  last: number,
  out: Float32Array,
  scratch: ConvScratch = sharedScratch,
): void {
  const wasm = scratch.wasm();
  for (let g = 0; g < o.groups; g++) {
    const src: Im2colSource = {
      data: input.data,
      height: input.height,
      width: input.width,
      channelStart: g * w.inPerGroup,
      channels: w.inPerGroup,
      kernelH: w.kernelH,
      kernelW: w.kernelW,
      window: o,
      outWidth: outW,
    };
    if (wasm === null) groupTs(src, w, g, o.groups, outH * outW, first, last, out, scratch);
    else groupWasm(src, w, g, o.groups, outH * outW, first, last, out, scratch, wasm);
  }
}

function groupTs(
  src: Im2colSource,
  w: ConvWeights,
  g: number,
  groups: number,
  positions: number,
  first: number,
  last: number,
  out: Float32Array,
  scratch: ConvScratch,
): void {
  const k = w.inPerGroup * w.kernelH * w.kernelW;
  const m = w.outChannels / groups;
  const packed = scratch.packedBuffer(packedASize(m, k));
  const panel = scratch.panelBuffer(k * NR);
  packA(w.data, g * m * k, m, k, packed);
  const target: PanelTarget = {
    c: out,
    offset: 0,
    rowStride: positions,
    columns: NR,
    bias: w.bias,
    biasOffset: g * m,
  };
  for (let p = first; p < last; p += NR) {
    const count = Math.min(NR, last - p);
    fillPanel(src, p, count, panel, scratch.origins);
    target.offset = g * m * positions + p;
    target.columns = count;
    multiplyPanel(packed, m, k, panel, target);
  }
}

/** Panels of B per wasm GEMM call (the im2col chunk). */
const WASM_CHUNK_PANELS = 8;

/**
 * One group on the wasm kernel. Its memory holds the packed weights (rows padded to whole panels),
 * one chunk of im2col panels, and that chunk's block of C; C is copied out with the bias.
 */
function groupWasm(
  src: Im2colSource,
  w: ConvWeights,
  g: number,
  groups: number,
  positions: number,
  first: number,
  last: number,
  out: Float32Array,
  scratch: ConvScratch,
  wasm: WasmGemm,
): void {
  const k = w.inPerGroup * w.kernelH * w.kernelW;
  const m = w.outChannels / groups;
  const panelsM = Math.ceil(m / wasm.mr);
  const nc = WASM_CHUNK_PANELS * NR;
  const bAt = panelsM * wasm.mr * k;
  const cAt = bAt + k * nc;
  const mem = wasm.floats(cAt + panelsM * wasm.mr * nc);
  packA(w.data, g * m * k, m, k, mem.subarray(0, bAt));
  const bias = w.bias;
  const panelSize = k * NR;
  for (let c0 = first; c0 < last; c0 += nc) {
    const cols = Math.min(nc, last - c0);
    const panels = Math.ceil(cols / NR);
    for (let i = 0; i < panels; i++) {
      const at = bAt + i * panelSize;
      fillPanel(
        src,
        c0 + i * NR,
        Math.min(NR, cols - i * NR),
        mem.subarray(at, at + panelSize),
        scratch.origins,
      );
    }
    wasm.gemm(0, panelsM, k, bAt, panels, cAt, nc);
    for (let r = 0; r < m; r++) {
      const b = bias === null ? 0 : (bias[g * m + r] as number);
      const from = cAt + r * nc;
      const to = (g * m + r) * positions + c0;
      for (let j = 0; j < cols; j++) out[to + j] = (mem[from + j] as number) + b;
    }
  }
}

/** A 1-D conv: the signal is the width of a height-1 Planes; pads are [left, right]. */
export function conv1d(
  input: Planes,
  w: ConvWeights,
  o: { stride: number; pads: [number, number]; dilation: number; groups: number },
  scratch = sharedScratch,
): Planes {
  if (input.height !== 1 || w.kernelH !== 1)
    throw new Error(`conv1d: expects height 1 (got input ${input.height}, kernel ${w.kernelH})`);
  const pads: Pads2d = [0, 0, o.pads[0], o.pads[1]];
  return conv2d(
    input,
    w,
    { strides: [1, o.stride], pads, dilation: [1, o.dilation], groups: o.groups },
    scratch,
  );
}
