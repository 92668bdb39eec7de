// Naive references for the conv engine: the definitions written as plain nested loops, no
// blocking, no im2col, no scatter — slow and obviously right. Plus the shared test helpers.
import fc from "fast-check";
import { expect } from "vitest";
import type { ConvTransposeWeights } from "../../src/conv/conv-transpose.js";
import { type ConvWeights, convWeights } from "../../src/conv/conv2d.js";
import { type Planes, planes } from "../../src/conv/tensor.js";
import type { Pads2d } from "../../src/conv/window.js";

export const SEED = 20261126;

/** fc.assert with the folder's fixed seed. */
export function check<T>(arb: fc.Arbitrary<T>, numRuns: number, property: (v: T) => void): void {
  fc.assert(
    fc.property(arb, (v) => {
      property(v);
    }),
    { seed: SEED, numRuns },
  );
}

/** Deterministic values in [−1, 1) (an LCG; independent of the engine's PRNG). */
export function values(n: number, seed: number): Float32Array {
  const out = new Float32Array(n);
  let s = (seed * 2654435761) >>> 0;
  for (let i = 0; i < n; i++) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    out[i] = (s / 2 ** 32) * 2 - 1;
  }
  return out;
}

export function randomPlanes(c: number, h: number, w: number, seed: number): Planes {
  return planes(c, h, w, values(c * h * w, seed));
}

/** |ours − theirs| ≤ 1e-4 · max(|theirs|, 1): relative, absolute near 0. */
export function expectClose(
  ours: ArrayLike<number>,
  theirs: ArrayLike<number>,
  context: unknown,
  tol = 1e-4,
): void {
  expect(ours.length, JSON.stringify(context)).toBe(theirs.length);
  for (let i = 0; i < ours.length; i++) {
    const a = ours[i] as number;
    const b = theirs[i] as number;
    if (a !== b && !(Math.abs(a - b) <= tol * Math.max(Math.abs(b), 1)))
      expect.fail(`index ${i}: ours ${a}, reference ${b} — ${JSON.stringify(context)}`);
  }
}

export function expectShape(p: Planes, c: number, h: number, w: number): void {
  expect([p.channels, p.height, p.width]).toEqual([c, h, w]);
}

/** The conv definition: out[o,y,x] = b[o] + Σ_{c,ky,kx} w[o,c,ky,kx]·in[g·Cg + c, y·sH − top + ky·dH, x·sW − left + kx·dW]. */
export function referenceConv(
  x: Planes,
  w: ConvWeights,
  strides: [number, number],
  pads: Pads2d,
  dilation: [number, number],
  groups: number,
): Planes {
  const [top, bottom, left, right] = pads;
  const outH = Math.floor((x.height + top + bottom - dilation[0] * (w.kernelH - 1) - 1) / strides[0]) + 1;
  const outW = Math.floor((x.width + left + right - dilation[1] * (w.kernelW - 1) - 1) / strides[1]) + 1;
  const out = planes(w.outChannels, outH, outW);
  const perGroup = w.outChannels / groups;
  for (let o = 0; o < w.outChannels; o++) {
    const g = Math.floor(o / perGroup);
    for (let y = 0; y < outH; y++) {
      for (let xo = 0; xo < outW; xo++) {
        let sum = w.bias ? (w.bias[o] as number) : 0;
        for (let c = 0; c < w.inPerGroup; c++) {
          for (let ky = 0; ky < w.kernelH; ky++) {
            for (let kx = 0; kx < w.kernelW; kx++) {
              const iy = y * strides[0] - top + ky * dilation[0];
              const ix = xo * strides[1] - left + kx * dilation[1];
              if (iy < 0 || iy >= x.height || ix < 0 || ix >= x.width) continue;
              const v = x.data[((g * w.inPerGroup + c) * x.height + iy) * x.width + ix] as number;
              sum += v * (w.data[((o * w.inPerGroup + c) * w.kernelH + ky) * w.kernelW + kx] as number);
            }
          }
        }
        out.data[(o * outH + y) * outW + xo] = sum;
      }
    }
  }
  return out;
}

/**
 * The transposed conv in gather form (independent of the engine's scatter): output (y, x) of
 * channel o takes input (iy, ix) wherever iy·sH − top + ky·dH = y and ix·sW − left + kx·dW = x.
 */
export function referenceConvTranspose(
  x: Planes,
  w: ConvTransposeWeights,
  strides: [number, number],
  top: number,
  left: number,
  dilation: [number, number],
  groups: number,
  outH: number,
  outW: number,
): Planes {
  const outC = w.outPerGroup * groups;
  const inPerGroup = w.inChannels / groups;
  const out = planes(outC, outH, outW);
  for (let oc = 0; oc < outC; oc++) {
    const g = Math.floor(oc / w.outPerGroup);
    const o = oc - g * w.outPerGroup;
    for (let y = 0; y < outH; y++) {
      for (let xo = 0; xo < outW; xo++) {
        let sum = w.bias ? (w.bias[oc] as number) : 0;
        for (let i = g * inPerGroup; i < (g + 1) * inPerGroup; i++) {
          for (let ky = 0; ky < w.kernelH; ky++) {
            for (let kx = 0; kx < w.kernelW; kx++) {
              const ny = y + top - ky * dilation[0];
              const nx = xo + left - kx * dilation[1];
              if (ny % strides[0] !== 0 || nx % strides[1] !== 0) continue;
              const iy = ny / strides[0];
              const ix = nx / strides[1];
              if (iy < 0 || iy >= x.height || ix < 0 || ix >= x.width) continue;
              sum +=
                (x.data[(i * x.height + iy) * x.width + ix] as number) *
                (w.data[((i * w.outPerGroup + o) * w.kernelH + ky) * w.kernelW + kx] as number);
            }
          }
        }
        out.data[(oc * outH + y) * outW + xo] = sum;
      }
    }
  }
  return out;
}

/** PyTorch's pooling_output_shape (ceil_mode included). */
export function torchPoolSize(
  input: number,
  k: number,
  s: number,
  d: number,
  padL: number,
  padR: number,
  ceil: boolean,
): number {
  let out = Math.floor((input + padL + padR - d * (k - 1) - 1 + (ceil ? s - 1 : 0)) / s) + 1;
  if (ceil && (out - 1) * s >= input + padL) out--;
  return out;
}

/**
 * Pooling as PyTorch's CPU kernels write it (per-side pads generalised): max over the dilated
 * taps inside the input; avg over hstart..hend with hend = min(hstart + k, H + padAfter) for
 * the count_include_pad divisor (dilation 1, as AvgPool has none).
 */
export function referencePool(
  x: Planes,
  op: "max" | "avg",
  k: [number, number],
  s: [number, number],
  pads: Pads2d,
  d: [number, number],
  ceil: boolean,
  countIncludePad: boolean,
): Planes {
  const [top, bottom, left, right] = pads;
  const outH = torchPoolSize(x.height, k[0], s[0], d[0], top, bottom, ceil);
  const outW = torchPoolSize(x.width, k[1], s[1], d[1], left, right, ceil);
  const out = planes(x.channels, outH, outW);
  for (let c = 0; c < x.channels; c++) {
    for (let oy = 0; oy < outH; oy++) {
      for (let ox = 0; ox < outW; ox++) {
        let v: number;
        if (op === "max") {
          v = Number.NEGATIVE_INFINITY;
          for (let ky = 0; ky < k[0]; ky++) {
            for (let kx = 0; kx < k[1]; kx++) {
              const iy = oy * s[0] - top + ky * d[0];
              const ix = ox * s[1] - left + kx * d[1];
              if (iy >= 0 && iy < x.height && ix >= 0 && ix < x.width)
                v = Math.max(v, x.data[(c * x.height + iy) * x.width + ix] as number);
            }
          }
        } else {
          let hstart = oy * s[0] - top;
          let wstart = ox * s[1] - left;
          let hend = Math.min(hstart + k[0], x.height + bottom);
          let wend = Math.min(wstart + k[1], x.width + right);
          const poolSize = (hend - hstart) * (wend - wstart);
          hstart = Math.max(hstart, 0);
          wstart = Math.max(wstart, 0);
          hend = Math.min(hend, x.height);
          wend = Math.min(wend, x.width);
          let sum = 0;
          for (let iy = hstart; iy < hend; iy++)
            for (let ix = wstart; ix < wend; ix++)
              sum += x.data[(c * x.height + iy) * x.width + ix] as number;
          const divisor = countIncludePad ? poolSize : (hend - hstart) * (wend - wstart);
          v = divisor > 0 ? sum / divisor : 0;
        }
        out.data[(c * outH + oy) * outW + ox] = v;
      }
    }
  }
  return out;
}

/** PyTorch's adaptive pooling, with its integer start/end index arithmetic. */
export function referenceAdaptive(x: Planes, op: "max" | "avg", outH: number, outW: number): Planes {
  const out = planes(x.channels, outH, outW);
  for (let c = 0; c < x.channels; c++) {
    for (let i = 0; i < outH; i++) {
      const h0 = Math.floor((i * x.height) / outH);
      const h1 = Math.floor(((i + 1) * x.height + outH - 1) / outH);
      for (let j = 0; j < outW; j++) {
        const w0 = Math.floor((j * x.width) / outW);
        const w1 = Math.floor(((j + 1) * x.width + outW - 1) / outW);
        let best = Number.NEGATIVE_INFINITY;
        let sum = 0;
        for (let y = h0; y < h1; y++) {
          for (let xx = w0; xx < w1; xx++) {
            const v = x.data[(c * x.height + y) * x.width + xx] as number;
            best = Math.max(best, v);
            sum += v;
          }
        }
        out.data[(c * outH + i) * outW + j] = op === "max" ? best : sum / ((h1 - h0) * (w1 - w0));
      }
    }
  }
  return out;
}

/** A random input and conv weights of a test geometry (same seed → same numbers). */
export function randomConv(g: {
  groups: number;
  inPerGroup: number;
  outPerGroup: number;
  h: number;
  w: number;
  kh: number;
  kw: number;
  seed: number;
  bias: boolean;
}): { x: Planes; w: ConvWeights } {
  const inC = g.groups * g.inPerGroup;
  const outC = g.groups * g.outPerGroup;
  return {
    x: randomPlanes(inC, g.h, g.w, g.seed),
    w: convWeights(
      outC,
      g.inPerGroup,
      g.kh,
      g.kw,
      values(outC * g.inPerGroup * g.kh * g.kw, g.seed + 1),
      g.bias ? values(outC, g.seed + 2) : null,
    ),
  };
}

/** Random conv geometry (groups, channels, sizes, kernel, strides, dilations, per-side pads, bias). */
export function convGeometry(max: {
  groups: number;
  inPerGroup: number;
  outPerGroup: number;
  h: number;
  w: number;
  dilation: number;
}) {
  const upTo = (n: number, min = 1) => fc.integer({ min, max: n });
  return fc.record({
    groups: upTo(max.groups),
    inPerGroup: upTo(max.inPerGroup),
    outPerGroup: upTo(max.outPerGroup),
    h: upTo(max.h),
    w: upTo(max.w),
    kh: upTo(5),
    kw: upTo(5),
    sh: upTo(3),
    sw: upTo(3),
    dh: upTo(max.dilation),
    dw: upTo(max.dilation),
    pads: fc.tuple(upTo(3, 0), upTo(3, 0), upTo(3, 0), upTo(3, 0)),
    bias: fc.boolean(),
    seed: fc.nat(),
  });
}
