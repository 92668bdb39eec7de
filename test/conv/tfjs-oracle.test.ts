// The engine against @tensorflow/tfjs (cpu backend) on real numbers: conv2d (TF 'same' with its
// extra pixel after, 'valid', explicit pads, strides, dilations, groups), depthwise conv,
// conv2dTranspose (Keras' 'same'/'valid' sizes), max/avg pooling, bilinear resize, activations.
// tfjs is NHWC; the engine is CHW. tfjs prints a banner on load; that is expected.
import * as tf from "@tensorflow/tfjs";
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import {
  convTranspose2d,
  convTransposeWeights,
  kerasConvTransposeAxis,
} from "../../src/conv/conv-transpose.js";
import { conv2d, convWeights } from "../../src/conv/conv2d.js";
import { applyElementwise } from "../../src/conv/elementwise.js";
import { pool2d } from "../../src/conv/pool.js";
import { type Planes, planes } from "../../src/conv/tensor.js";
import { upsample2d } from "../../src/conv/upsampling.js";
import type { Pads2d } from "../../src/conv/window.js";
import { padsFor } from "../../src/shape/layers/spatial.js";
import { check, expectClose, randomConv, randomPlanes, values } from "./reference.js";

beforeAll(async () => {
  await tf.setBackend("cpu");
});

function toNHWC(p: Planes): tf.Tensor4D {
  const { channels: C, height: H, width: W } = p;
  const d = new Float32Array(C * H * W);
  for (let c = 0; c < C; c++) for (let i = 0; i < H * W; i++) d[i * C + c] = p.data[c * H * W + i] as number;
  return tf.tensor4d(d, [1, H, W, C]);
}

/** Runs tfjs ops in a tidy scope and reads the NHWC result back as Planes. */
function tfjs(f: () => tf.Tensor): Planes {
  const t = tf.tidy(f);
  try {
    return fromNHWC(t);
  } finally {
    t.dispose();
  }
}

function fromNHWC(t: tf.Tensor): Planes {
  const [, H, W, C] = t.shape as [number, number, number, number];
  const d = t.dataSync();
  const out = planes(C, H, W);
  for (let c = 0; c < C; c++)
    for (let i = 0; i < H * W; i++) out.data[c * H * W + i] = d[i * C + c] as number;
  return out;
}

/** Engine conv weights [o][i][kh][kw] → tfjs filter [kh][kw][i][o] for output channels o0..o0+n. */
function hwio(
  w: { data: Float32Array; inPerGroup: number; kernelH: number; kernelW: number },
  o0: number,
  n: number,
): tf.Tensor4D {
  const { inPerGroup: I, kernelH: KH, kernelW: KW } = w;
  const d = new Float32Array(KH * KW * I * n);
  for (let o = 0; o < n; o++)
    for (let i = 0; i < I; i++)
      for (let ky = 0; ky < KH; ky++)
        for (let kx = 0; kx < KW; kx++)
          d[((ky * KW + kx) * I + i) * n + o] = w.data[(((o0 + o) * I + i) * KH + ky) * KW + kx] as number;
  return tf.tensor4d(d, [KH, KW, I, n]);
}

type Pad = "same" | "valid" | "explicit";

/** Pads the engine gets for what tfjs is told (TF 'same' through the shape engine's padsFor). */
function enginePads(
  pad: Pad,
  h: number,
  w: number,
  k: [number, number],
  s: [number, number],
  d: [number, number],
  explicit: Pads2d,
): Pads2d {
  if (pad === "explicit") return explicit;
  const kh = d[0] * (k[0] - 1) + 1;
  const kw = d[1] * (k[1] - 1) + 1;
  const [t, b] = padsFor(pad, 0, h, kh, s[0]) ?? [0, 0];
  const [l, r] = padsFor(pad, 1, w, kw, s[1]) ?? [0, 0];
  return [t, b, l, r];
}

function tfPad(
  pad: Pad,
  p: Pads2d,
): "same" | "valid" | [[number, number], [number, number], [number, number], [number, number]] {
  return pad === "explicit"
    ? [
        [0, 0],
        [p[0], p[1]],
        [p[2], p[3]],
        [0, 0],
      ]
    : pad;
}

const small = (max: number, min = 1) => fc.integer({ min, max });

const convCase = fc.record({
  groups: small(3),
  inPerGroup: small(3),
  outPerGroup: small(4),
  h: small(20),
  w: small(20),
  kh: small(5),
  kw: small(5),
  s: fc.tuple(small(3), small(3)),
  d: fc.tuple(small(3), small(3)),
  dilated: fc.boolean(),
  pad: fc.constantFrom<Pad>("same", "valid", "explicit"),
  explicit: fc.tuple(small(3, 0), small(3, 0), small(3, 0), small(3, 0)),
  seed: fc.nat(),
});

describe("against tfjs", () => {
  it("conv2d: 'same' (extra pixel after), 'valid', explicit pads, strides or dilations, groups", () => {
    let ran = 0;
    check(convCase, 120, (g) => {
      // tfjs takes strides or dilations > 1, not both.
      const s: [number, number] = g.dilated ? [1, 1] : g.s;
      const d: [number, number] = g.dilated ? g.d : [1, 1];
      const _inC = g.groups * g.inPerGroup;
      const _outC = g.groups * g.outPerGroup;
      const { x, w } = randomConv({ ...g, bias: true });
      const pads = enginePads(g.pad, g.h, g.w, [g.kh, g.kw], s, d, g.explicit as Pads2d);
      const outH = Math.floor((g.h + pads[0] + pads[1] - d[0] * (g.kh - 1) - 1) / s[0]) + 1;
      const outW = Math.floor((g.w + pads[2] + pads[3] - d[1] * (g.kw - 1) - 1) / s[1]) + 1;
      if (outH <= 0 || outW <= 0) return;
      ran++;
      const ours = conv2d(x, w, { strides: s, pads, dilation: d, groups: g.groups });
      const theirs = tfjs(() => {
        const xt = toNHWC(x);
        const parts = tf
          .split(xt, g.groups, 3)
          .map((xg, i) =>
            tf.conv2d(
              xg as tf.Tensor4D,
              hwio(w, i * g.outPerGroup, g.outPerGroup),
              s,
              tfPad(g.pad, pads),
              "NHWC",
              d,
            ),
          );
        const y = parts.length === 1 ? (parts[0] as tf.Tensor4D) : tf.concat(parts, 3);
        return tf.add(y, tf.tensor1d(w.bias as Float32Array));
      });
      expect([ours.channels, ours.height, ours.width]).toEqual([
        theirs.channels,
        theirs.height,
        theirs.width,
      ]);
      expectClose(ours.data, theirs.data, g);
    });
    expect(ran).toBeGreaterThan(80);
  });

  it("depthwise conv (groups = channels, depth multiplier) against tf.depthwiseConv2d", () => {
    const arb = fc.record({
      c: small(6),
      dm: small(3),
      h: small(16),
      w: small(16),
      k: small(4),
      s: small(3),
      d: small(2),
      pad: fc.constantFrom<Pad>("same", "valid"),
      seed: fc.nat(),
    });
    check(arb, 60, (g) => {
      const s: [number, number] = g.d > 1 ? [1, 1] : [g.s, g.s];
      const d: [number, number] = [g.d, g.d];
      const pads = enginePads(g.pad, g.h, g.w, [g.k, g.k], s, d, [0, 0, 0, 0]);
      if (g.h + pads[0] + pads[1] < d[0] * (g.k - 1) + 1 || g.w + pads[2] + pads[3] < d[1] * (g.k - 1) + 1)
        return;
      const x = randomPlanes(g.c, g.h, g.w, g.seed);
      const w = convWeights(g.c * g.dm, 1, g.k, g.k, values(g.c * g.dm * g.k * g.k, g.seed + 1));
      const ours = conv2d(x, w, { strides: s, pads, dilation: d, groups: g.c });
      const theirs = tfjs(() => {
        // Engine channel c·dm + m ↔ tfjs filter [kh][kw][c][m].
        const f = new Float32Array(g.k * g.k * g.c * g.dm);
        for (let c = 0; c < g.c; c++)
          for (let m = 0; m < g.dm; m++)
            for (let t = 0; t < g.k * g.k; t++)
              f[(t * g.c + c) * g.dm + m] = w.data[(c * g.dm + m) * g.k * g.k + t] as number;
        const filter = tf.tensor4d(f, [g.k, g.k, g.c, g.dm]);
        return tf.depthwiseConv2d(toNHWC(x), filter, s, g.pad as "same" | "valid", "NHWC", d);
      });
      expectClose(ours.data, theirs.data, g);
    });
  });

  it("conv2dTranspose with Keras' 'same' and 'valid' sizes (output padding up to s − 1)", () => {
    const arb = fc.record({
      i: small(4),
      o: small(4),
      h: small(9),
      w: small(9),
      kh: small(5),
      kw: small(5),
      s: fc.tuple(small(3), small(3)),
      pad: fc.constantFrom<"same" | "valid">("same", "valid"),
      op: fc.tuple(small(2, 0), small(2, 0)),
      useOp: fc.boolean(),
      seed: fc.nat(),
    });
    check(arb, 80, (g) => {
      const opH = g.useOp && g.pad === "valid" ? g.op[0] % g.s[0] : null;
      const opW = g.useOp && g.pad === "valid" ? g.op[1] % g.s[1] : null;
      const ah = kerasConvTransposeAxis(g.h, g.kh, g.s[0], 1, g.pad, opH);
      const aw = kerasConvTransposeAxis(g.w, g.kw, g.s[1], 1, g.pad, opW);
      const x = randomPlanes(g.i, g.h, g.w, g.seed);
      const w = convTransposeWeights(g.i, g.o, g.kh, g.kw, values(g.i * g.o * g.kh * g.kw, g.seed + 1));
      const ours = convTranspose2d(x, w, {
        strides: g.s,
        dilation: [1, 1],
        groups: 1,
        pads: [ah.padBefore, 0, aw.padBefore, 0],
        outputSize: [ah.output, aw.output],
      });
      const theirs = tfjs(() => {
        // Engine [i][o][kh][kw] → tfjs filter [kh][kw][o][i].
        const f = new Float32Array(g.kh * g.kw * g.o * g.i);
        for (let i = 0; i < g.i; i++)
          for (let o = 0; o < g.o; o++)
            for (let t = 0; t < g.kh * g.kw; t++)
              f[(t * g.o + o) * g.i + i] = w.data[(i * g.o + o) * g.kh * g.kw + t] as number;
        const filter = tf.tensor4d(f, [g.kh, g.kw, g.o, g.i]);
        return tf.conv2dTranspose(toNHWC(x), filter, [1, ah.output, aw.output, g.o], g.s, g.pad);
      });
      expect([ours.height, ours.width]).toEqual([theirs.height, theirs.width]);
      expectClose(ours.data, theirs.data, g);
    });
  });

  it("max/avg pooling: 'same' (padding not counted), 'valid', explicit pads, and count_include_pad via tf.pad", () => {
    const arb = fc.record({
      c: small(5),
      h: small(20),
      w: small(20),
      kh: small(4),
      kw: small(4),
      s: fc.tuple(small(3), small(3)),
      pad: fc.constantFrom<Pad>("same", "valid", "explicit"),
      explicit: fc.tuple(small(2, 0), small(2, 0), small(2, 0), small(2, 0)),
      include: fc.boolean(),
      op: fc.constantFrom("max" as const, "avg" as const),
      seed: fc.nat(),
    });
    check(arb, 120, (g) => {
      const e = g.explicit;
      const explicit: Pads2d = [
        Math.min(e[0], g.kh >> 1),
        Math.min(e[1], g.kh >> 1),
        Math.min(e[2], g.kw >> 1),
        Math.min(e[3], g.kw >> 1),
      ];
      const pads = enginePads(g.pad, g.h, g.w, [g.kh, g.kw], g.s, [1, 1], explicit);
      if (g.h + pads[0] + pads[1] < g.kh || g.w + pads[2] + pads[3] < g.kw) return;
      const include = g.pad === "explicit" && g.op === "avg" && g.include;
      const x = randomPlanes(g.c, g.h, g.w, g.seed);
      const ours = pool2d(x, g.op, {
        kernel: [g.kh, g.kw],
        strides: g.s,
        dilation: [1, 1],
        pads,
        ceilMode: false,
        countIncludePad: include,
      });
      const theirs = tfjs(() => {
        const xt = toNHWC(x);
        const k: [number, number] = [g.kh, g.kw];
        if (include) {
          const padded = tf.pad(xt, [
            [0, 0],
            [pads[0], pads[1]],
            [pads[2], pads[3]],
            [0, 0],
          ]);
          return tf.avgPool(padded, k, g.s, "valid");
        }
        const pool = g.op === "max" ? tf.maxPool : tf.avgPool;
        return pool(xt, k, g.s, tfPad(g.pad, pads));
      });
      expect([ours.height, ours.width]).toEqual([theirs.height, theirs.width]);
      expectClose(ours.data, theirs.data, g);
    });
  });

  it("bilinear upsampling equals tf.image.resizeBilinear with half-pixel centres; nearest repeats", () => {
    check(
      fc.record({ c: small(3), h: small(9), w: small(9), fh: small(4), fw: small(4), seed: fc.nat() }),
      40,
      (g) => {
        const x = randomPlanes(g.c, g.h, g.w, g.seed);
        const size: [number, number] = [g.h * g.fh, g.w * g.fw];
        const theirs = tfjs(() => tf.image.resizeBilinear(toNHWC(x), size, false, true));
        expectClose(upsample2d(x, [g.fh, g.fw], "bilinear").data, theirs.data, g);
        const nearest = tfjs(() => tf.image.resizeNearestNeighbor(toNHWC(x), size, false, false));
        expectClose(upsample2d(x, [g.fh, g.fw], "nearest").data, nearest.data, g);
      },
    );
  });

  it("activations and softmax over channels", () => {
    const x = randomPlanes(5, 3, 4, 99);
    x.data.forEach((v, i) => {
      x.data[i] = v * 4; // [−4, 4): both sides of every knee
    });
    const cases: [string, (t: tf.Tensor4D) => tf.Tensor][] = [
      ["relu", tf.relu],
      ["relu6", tf.relu6],
      ["elu", tf.elu],
      ["selu", tf.selu],
      ["sigmoid", tf.sigmoid],
      ["tanh", tf.tanh],
      ["softplus", tf.softplus],
      ["leaky_relu", (t) => tf.leakyRelu(t, 0.3)],
      ["softmax", (t) => tf.softmax(t, -1)],
      ["log_softmax", (t) => tf.logSoftmax(t, -1)],
      ["swish", (t) => tf.mul(t, tf.sigmoid(t))],
    ];
    for (const [op, f] of cases) {
      const theirs = tfjs(() => f(toNHWC(x)));
      expectClose(applyElementwise(x, op, { framework: "keras" }).data, theirs.data, op);
    }
  });
});
