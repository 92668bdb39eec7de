// Transposed convolution ("deconvolution", the gradient of a conv with respect to its input) of
// one sample in the Planes layout. Weights are PyTorch's ConvTranspose layout:
// data[((i·(outC/groups) + o)·kH + ky)·kW + kx] for input channel i and channel o of its group's
// outputs; bias one value per output channel.
//
// Definition: input pixel (iy, ix) of channel i adds w[i, o, ky, kx]·x to output pixel
// (iy·sH − top + ky·dH, ix·sW − left + kx·dW) of channel g·outC/groups + o, kept when inside the
// output. The output size is PyTorch's (in−1)·s − before − after + d(k−1) + 1 plus the output
// padding, or any size the caller names (Keras' 'same'/'valid' arithmetic: kerasConvTransposeAxis).
// The pads crop the full result; only the top/left pads move pixels, the rest sets the size.
//
// Computed as a GEMM and a scatter (col2im): per group, Wᵀ ((outC/g)·kH·kW × inC/g) times the
// input (inC/g × H·W, the Planes layout already), NR input positions at a time, each product
// column scattered into the output.

import { multiplyPanel, NR, type PanelTarget, packA, packedASize } from "./gemm.js";
import { type Planes, planes } from "./tensor.js";
import { checkPads, checkPositive, effectiveKernel, type Pads2d } from "./window.js";

/** Transposed-conv weights, [inC][outC/groups][kH][kW] float32, and an optional bias [outC]. */
export interface ConvTransposeWeights {
  inChannels: number;
  outPerGroup: number;
  kernelH: number;
  kernelW: number;
  data: Float32Array;
  bias: Float32Array | null;
}

export interface ConvTransposeOptions {
  strides: [number, number];
  dilation: [number, number];
  groups: number;
  /** Cropped from the full result per side: [top, bottom, left, right] (PyTorch's `padding`). */
  pads: Pads2d;
  /** Extra rows/columns at the bottom/right (PyTorch's output_padding); ignored when outputSize is given. */
  outputPadding?: [number, number];
  /** The output height and width, when the caller's framework fixes them (Keras). */
  outputSize?: [number, number];
}

export function convTransposeWeights(
  inChannels: number,
  outPerGroup: number,
  kernelH: number,
  kernelW: number,
  data?: Float32Array,
  bias: Float32Array | null = null,
): ConvTransposeWeights {
  const size = inChannels * outPerGroup * kernelH * kernelW;
  if (data && data.length !== size)
    throw new Error(
      `convTransposeWeights: ${data.length} values for ${inChannels}×${outPerGroup}×${kernelH}×${kernelW}`,
    );
  return { inChannels, outPerGroup, kernelH, kernelW, data: data ?? new Float32Array(size), bias };
}

/** PyTorch: (in − 1)·s − before − after + d·(k − 1) + outputPadding + 1. */
export function convTransposeOutputSize(
  input: number,
  kernel: number,
  stride: number,
  dilation: number,
  padBefore: number,
  padAfter: number,
  outputPadding = 0,
): number {
  return (input - 1) * stride - padBefore - padAfter + dilation * (kernel - 1) + outputPadding + 1;
}

/**
 * Keras 3's arithmetic for one axis (keras/src/backend/common/backend_utils.py, the JAX pads of
 * the equivalent dilated-input conv, turned into the crop at the top/left and the output size):
 * 'valid' → (in−1)·s + k_eff + op, op defaulting to max(k_eff, s) − k_eff, nothing cropped;
 * 'same' → in·s when op is null, else (in−1)·s + k_eff % 2 + op, cropping k_eff − 1 − left where
 * left = min(⌈pad/2⌉, k_eff − 1) of the total pad (s + k_eff − 2, or k_eff + k_eff % 2 − 2 + op).
 */
export function kerasConvTransposeAxis(
  input: number,
  kernel: number,
  stride: number,
  dilation: number,
  padding: "same" | "valid",
  outputPadding: number | null,
): { padBefore: number; output: number } {
  const kEff = effectiveKernel(kernel, dilation);
  let left: number;
  let right: number;
  if (padding === "valid") {
    const op = outputPadding ?? Math.max(kEff, stride) - kEff;
    left = kEff - 1;
    right = kEff - 1 + op;
  } else {
    const total = outputPadding === null ? stride + kEff - 2 : kEff + (kEff % 2) - 2 + outputPadding;
    left = Math.min(Math.floor(total / 2) + (total % 2), kEff - 1);
    right = total - left;
  }
  // The dilated input is (in−1)·s + 1 long; padded by left/right and swept by k_eff.
  return { padBefore: kEff - 1 - left, output: (input - 1) * stride + 1 + left + right - kEff + 1 };
}

/** Output height and width for the options (PyTorch's size unless outputSize names one). */
export function convTransposeSize(
  input: Planes,
  w: ConvTransposeWeights,
  o: ConvTransposeOptions,
): [number, number] {
  if (o.outputSize) return o.outputSize;
  const [top, bottom, left, right] = o.pads;
  const [opH, opW] = o.outputPadding ?? [0, 0];
  return [
    convTransposeOutputSize(input.height, w.kernelH, o.strides[0], o.dilation[0], top, bottom, opH),
    convTransposeOutputSize(input.width, w.kernelW, o.strides[1], o.dilation[1], left, right, opW),
  ];
}

function checkTranspose(input: Planes, w: ConvTransposeWeights, o: ConvTransposeOptions): void {
  checkPositive("convTranspose2d strides", o.strides);
  checkPositive("convTranspose2d dilation", o.dilation);
  checkPositive("convTranspose2d groups", [o.groups]);
  checkPositive("convTranspose2d kernel", [w.kernelH, w.kernelW, w.outPerGroup, w.inChannels]);
  checkPads("convTranspose2d pads", o.pads);
  if (o.outputPadding) checkPads("convTranspose2d output padding", o.outputPadding);
  if (input.channels !== w.inChannels)
    throw new Error(
      `convTranspose2d: the input has ${input.channels} channels; the weights expect ${w.inChannels}`,
    );
  if (w.inChannels % o.groups !== 0)
    throw new Error(`convTranspose2d: ${w.inChannels} input channels do not split into ${o.groups} groups`);
}

/** The transposed conv (see the file comment); scratch buffers are allocated per call. */
export function convTranspose2d(input: Planes, w: ConvTransposeWeights, o: ConvTransposeOptions): Planes {
  checkTranspose(input, w, o);
  const [outH, outW] = convTransposeSize(input, w, o);
  if (!(outH >= 1 && outW >= 1) || !Number.isInteger(outH) || !Number.isInteger(outW))
    throw new RangeError(`convTranspose2d: output ${outH}×${outW} from input ${input.height}×${input.width}`);
  const outC = w.outPerGroup * o.groups;
  const out = planes(outC, outH, outW);
  const outPlane = outH * outW;
  if (w.bias)
    for (let c = 0; c < outC; c++) out.data.fill(w.bias[c] as number, c * outPlane, (c + 1) * outPlane);

  const inPerGroup = w.inChannels / o.groups;
  const taps = w.kernelH * w.kernelW;
  const m = w.outPerGroup * taps; // rows of Wᵀ: (o, ky, kx)
  const positions = input.height * input.width;
  const transposed = new Float32Array(m * inPerGroup);
  const packed = new Float32Array(packedASize(m, inPerGroup));
  const panel = new Float32Array(inPerGroup * NR);
  const block = new Float32Array(m * NR);
  const target: PanelTarget = { c: block, offset: 0, rowStride: NR, columns: NR, bias: null, biasOffset: 0 };
  const scatter = { out: out.data, outH, outW, input, w, o, block };
  for (let g = 0; g < o.groups; g++) {
    // Wᵀ for the group: row (o, ky, kx), column i.
    const wBase = g * inPerGroup * m;
    for (let i = 0; i < inPerGroup; i++)
      for (let r = 0; r < m; r++) transposed[r * inPerGroup + i] = w.data[wBase + i * m + r] as number;
    packA(transposed, 0, m, inPerGroup, packed);
    const inBase = g * inPerGroup * positions;
    for (let first = 0; first < positions; first += NR) {
      const count = Math.min(NR, positions - first);
      for (let i = 0; i < inPerGroup; i++) {
        const src = inBase + i * positions + first;
        for (let j = 0; j < NR; j++) panel[i * NR + j] = j < count ? (input.data[src + j] as number) : 0;
      }
      target.columns = count;
      multiplyPanel(packed, m, inPerGroup, panel, target);
      scatterBlock(scatter, g * w.outPerGroup, first, count);
    }
  }
  return out;
}

interface ScatterTarget {
  out: Float32Array;
  outH: number;
  outW: number;
  input: Planes;
  w: ConvTransposeWeights;
  o: ConvTransposeOptions;
  block: Float32Array;
}

/** col2im for one block: row (o, ky, kx), column j (input position first + j) adds to its output pixel. */
function scatterBlock(s: ScatterTarget, outChannel0: number, first: number, count: number): void {
  const { out, outH, outW, block, w, o } = s;
  const inW = s.input.width;
  const [sH, sW] = o.strides;
  const [dH, dW] = o.dilation;
  const top = o.pads[0];
  const left = o.pads[2];
  const outPlane = outH * outW;
  for (let j = 0; j < count; j++) {
    const pos = first + j;
    const iy = Math.floor(pos / inW);
    const ix = pos - iy * inW;
    const y0 = iy * sH - top;
    const x0 = ix * sW - left;
    let r = 0;
    for (let oc = 0; oc < w.outPerGroup; oc++) {
      const base = (outChannel0 + oc) * outPlane;
      for (let ky = 0; ky < w.kernelH; ky++) {
        const y = y0 + ky * dH;
        const rowInside = y >= 0 && y < outH;
        for (let kx = 0; kx < w.kernelW; kx++, r++) {
          const x = x0 + kx * dW;
          if (rowInside && x >= 0 && x < outW) {
            const at = base + y * outW + x;
            out[at] = (out[at] as number) + (block[r * NR + j] as number);
          }
        }
      }
    }
  }
}

/** A 1-D transposed conv on the width of a height-1 Planes; pads are [left, right]. */
export function convTranspose1d(
  input: Planes,
  w: ConvTransposeWeights,
  o: {
    stride: number;
    dilation: number;
    groups: number;
    pads: [number, number];
    outputSize?: number;
    outputPadding?: number;
  },
): Planes {
  if (input.height !== 1 || w.kernelH !== 1)
    throw new Error(`convTranspose1d: expects height 1 (got input ${input.height}, kernel ${w.kernelH})`);
  const options: ConvTransposeOptions = {
    strides: [1, o.stride],
    dilation: [1, o.dilation],
    groups: o.groups,
    pads: [0, 0, o.pads[0], o.pads[1]],
    outputPadding: [0, o.outputPadding ?? 0],
  };
  if (o.outputSize !== undefined) options.outputSize = [1, o.outputSize];
  return convTranspose2d(input, w, options);
}
