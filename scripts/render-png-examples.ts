// Renders the example PNGs in docs/img/ from a synthetic but realistic pipeline: a 65×65 grey scene
// (gradient, disc, square, bar, grating, noise) → conv_1 (24 5×5 filters: Gabor edges and bars at 8
// angles, centre-surround blobs, a few noisy ones; ReLU) → 2×2 max-pool → conv_2 (100 random 3×3×24
// filters, shown before the activation, so signed). Plus two conv-arithmetic diagrams: a strided
// Conv2D with TF 'same' padding (the odd pad after) and a PyTorch ConvTranspose2d.
//
//   npx tsx scripts/render-png-examples.ts
import { mkdirSync, writeFileSync } from "node:fs";
import { type Planes, planes } from "../src/conv/tensor.js";
import { renderConvDiagram } from "../src/render/png/conv-diagram.js";
import { renderFeatureGrid } from "../src/render/png/feature-grid.js";
import { renderInputImage } from "../src/render/png/input-image.js";
import { windowAxis } from "../src/shape/layers/spatial.js";

const OUT = new URL("../docs/img/", import.meta.url).pathname;

/** Deterministic pseudo-random numbers (mulberry32), so the examples do not change between runs. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function gaussian(rand: () => number): number {
  return Math.sqrt(-2 * Math.log(1 - rand())) * Math.cos(2 * Math.PI * rand());
}

function scene(size: number): Planes {
  const rand = rng(7);
  const p = planes(1, size, size);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      let v = 0.15 + 0.35 * (x / size); // left-to-right gradient
      if ((x - 20) ** 2 + (y - 22) ** 2 < 11 ** 2) v = 0.92; // bright disc
      if (x >= 38 && x < 56 && y >= 36 && y < 54) v = 0.05; // dark square
      if (Math.abs(x - y * 0.6 - 2) < 1.6 && y > 36) v = 0.8; // diagonal bar
      if (x >= 40 && x < 60 && y >= 6 && y < 26) v = 0.5 + 0.4 * Math.sin((2 * Math.PI * (x + y)) / 6); // grating
      p.data[y * size + x] = Math.min(1, Math.max(0, v + 0.03 * gaussian(rand)));
    }
  }
  return p;
}

/** Valid convolution (cross-correlation), stride 1. kernels: [out][in][k][k] flattened; then optional ReLU. */
function conv(
  input: Planes,
  kernels: Float32Array,
  bias: Float32Array,
  out: number,
  k: number,
  relu: boolean,
) {
  const { channels: C, height: H, width: W } = input;
  const oh = H - k + 1;
  const ow = W - k + 1;
  const o = planes(out, oh, ow);
  for (let f = 0; f < out; f++) {
    for (let y = 0; y < oh; y++) {
      for (let x = 0; x < ow; x++) {
        let s = bias[f] as number;
        for (let c = 0; c < C; c++) {
          for (let dy = 0; dy < k; dy++) {
            for (let dx = 0; dx < k; dx++) {
              s +=
                (kernels[((f * C + c) * k + dy) * k + dx] as number) *
                (input.data[c * H * W + (y + dy) * W + (x + dx)] as number);
            }
          }
        }
        o.data[f * oh * ow + y * ow + x] = relu ? Math.max(0, s) : s;
      }
    }
  }
  return o;
}

function maxPool2(input: Planes): Planes {
  const { channels: C, height: H, width: W } = input;
  const oh = Math.floor(H / 2);
  const ow = Math.floor(W / 2);
  const o = planes(C, oh, ow);
  for (let c = 0; c < C; c++)
    for (let y = 0; y < oh; y++)
      for (let x = 0; x < ow; x++) {
        let m = Number.NEGATIVE_INFINITY;
        for (let dy = 0; dy < 2; dy++)
          for (let dx = 0; dx < 2; dx++)
            m = Math.max(m, input.data[c * H * W + (2 * y + dy) * W + 2 * x + dx] as number);
        o.data[c * oh * ow + y * ow + x] = m;
      }
  return o;
}

/** 24 first-layer filters, 5×5 on one channel: what trained first layers tend to look like. */
function conv1Filters(): { kernels: Float32Array; bias: Float32Array } {
  const k = 5;
  const rand = rng(11);
  const kernels = new Float32Array(24 * k * k);
  const bias = new Float32Array(24);
  const set = (f: number, g: (x: number, y: number) => number) => {
    let mean = 0;
    for (let y = 0; y < k; y++) for (let x = 0; x < k; x++) mean += g(x - 2, y - 2) / (k * k);
    for (let y = 0; y < k; y++)
      for (let x = 0; x < k; x++) kernels[f * k * k + y * k + x] = g(x - 2, y - 2) - mean;
  };
  let f = 0;
  for (let a = 0; a < 8; a++) {
    const th = (a * Math.PI) / 8;
    for (const phase of [0, Math.PI / 2]) {
      set(f, (x, y) => {
        const xr = x * Math.cos(th) + y * Math.sin(th);
        const yr = -x * Math.sin(th) + y * Math.cos(th);
        return Math.exp(-(xr * xr + 0.5 * yr * yr) / 4.5) * Math.cos((2 * Math.PI * xr) / 5 + phase);
      });
      bias[f] = -0.05 * rand();
      f++;
    }
  }
  for (const [s, sign] of [
    [0.8, 1],
    [0.8, -1],
    [1.3, 1],
    [1.3, -1],
  ] as const) {
    set(
      f,
      (x, y) =>
        sign * (Math.exp(-(x * x + y * y) / (2 * s * s)) - 0.5 * Math.exp(-(x * x + y * y) / (8 * s * s))),
    );
    f++;
  }
  for (; f < 24; f++) {
    set(f, () => 0.3 * gaussian(rand));
    bias[f] = 0.05 * gaussian(rand);
  }
  bias[21] = -10; // a dead filter: all zeros after ReLU, as real networks have
  return { kernels, bias };
}

function randomFilters(out: number, inC: number, k: number, seed: number) {
  const rand = rng(seed);
  const kernels = new Float32Array(out * inC * k * k);
  const std = Math.sqrt(2 / (inC * k * k));
  for (let i = 0; i < kernels.length; i++) kernels[i] = std * gaussian(rand);
  const bias = new Float32Array(out).map(() => 0.02 * gaussian(rand));
  return { kernels, bias };
}

async function main(): Promise<void> {
  mkdirSync(OUT, { recursive: true });
  const input = scene(65);
  const f1 = conv1Filters();
  const conv1 = conv(input, f1.kernels, f1.bias, 24, 5, true); // 61×61×24
  const pooled = maxPool2(conv1); // 30×30×24
  const f2 = randomFilters(100, 24, 3, 5);
  const conv2 = conv(pooled, f2.kernels, f2.bias, 100, 3, false); // 28×28×100, pre-activation

  const shape = (p: Planes) => `${p.height}×${p.width}×${p.channels}`;
  const outputs = [
    ["input-65x65x1.png", await renderInputImage(input, { title: `input · ${shape(input)}` })],
    ["conv_1-61x61x24.png", await renderFeatureGrid(conv1, { title: `conv_1 · ${shape(conv1)}` })],
    [
      "conv_2-28x28x100-signed.png",
      await renderFeatureGrid(conv2, { title: `conv_2 (before ReLU) · ${shape(conv2)}` }),
    ],
  ] as const;

  // conv-arithmetic diagrams, from the shape engine's own geometry
  const sameAxis = (axis: string) =>
    windowAxis({
      axis,
      index: 0,
      input: 6,
      kernel: 3,
      stride: 2,
      dilation: 1,
      padding: "same",
      ceilMode: false,
    }).geometry;
  const transposedAxis = (axis: string) => ({
    axis,
    input: 3,
    kernel: 3,
    dilation: 1,
    kEff: 3,
    stride: 2,
    padBefore: 1,
    padAfter: 1,
    output: 6, // (3 − 1)·2 − 2·1 + 3 + output_padding 1
  });
  const diagrams = [
    [
      "conv-arithmetic-same-6x6-k3-s2.png",
      await renderConvDiagram([sameAxis("height"), sameAxis("width")], {
        title: "conv_1 · Conv2D(16, 3, strides=2, padding='same') on 6×6",
        kind: "conv",
      }),
    ],
    [
      "conv-arithmetic-transposed-3x3-k3-s2.png",
      await renderConvDiagram([transposedAxis("height"), transposedAxis("width")], {
        title: "up_1 · ConvTranspose2d(16, 8, 3, stride=2, padding=1, output_padding=1)",
        kind: "conv_transpose",
      }),
    ],
  ] as const;
  for (const [name, r] of [...outputs, ...diagrams]) {
    writeFileSync(OUT + name, r.png);
    console.log(`docs/img/${name}: ${r.width}×${r.height}, ${r.png.length} bytes`);
  }
}

await main();
