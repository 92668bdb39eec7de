// Transposed conv against the gather-form definition, PyTorch's size formula and Keras' arithmetic.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  convTranspose1d,
  convTranspose2d,
  convTransposeOutputSize,
  convTransposeWeights,
  kerasConvTransposeAxis,
} from "../../src/conv/conv-transpose.js";
import { conv2d, convWeights } from "../../src/conv/conv2d.js";
import type { Pads2d } from "../../src/conv/window.js";
import { check, expectClose, randomPlanes, referenceConvTranspose, values } from "./reference.js";

const small = (max: number, min = 1) => fc.integer({ min, max });

const geometry = fc.record({
  groups: small(3),
  inPerGroup: small(3),
  outPerGroup: small(5),
  h: small(9),
  w: small(9),
  kh: small(4),
  kw: small(4),
  sh: small(3),
  sw: small(3),
  dh: small(2),
  dw: small(2),
  pads: fc.tuple(small(2, 0), small(2, 0), small(2, 0), small(2, 0)),
  op: fc.tuple(small(2, 0), small(2, 0)),
  bias: fc.boolean(),
  seed: fc.nat(),
});

describe("convTranspose2d", () => {
  it("equals the gather-form definition with PyTorch's output size (pads, output padding, dilation, groups)", () => {
    let ran = 0;
    check(geometry, 250, (g) => {
      const opH = g.op[0] % Math.max(g.sh, g.dh);
      const opW = g.op[1] % Math.max(g.sw, g.dw);
      const inC = g.groups * g.inPerGroup;
      const x = randomPlanes(inC, g.h, g.w, g.seed);
      const w = convTransposeWeights(
        inC,
        g.outPerGroup,
        g.kh,
        g.kw,
        values(inC * g.outPerGroup * g.kh * g.kw, g.seed + 1),
        g.bias ? values(g.outPerGroup * g.groups, g.seed + 2) : null,
      );
      const [top, bottom, left, right] = g.pads;
      const outH = convTransposeOutputSize(g.h, g.kh, g.sh, g.dh, top, bottom, opH);
      const outW = convTransposeOutputSize(g.w, g.kw, g.sw, g.dw, left, right, opW);
      const o = {
        strides: [g.sh, g.sw] as [number, number],
        dilation: [g.dh, g.dw] as [number, number],
        groups: g.groups,
        pads: g.pads as Pads2d,
        outputPadding: [opH, opW] as [number, number],
      };
      if (outH <= 0 || outW <= 0) {
        expect(() => convTranspose2d(x, w, o)).toThrow(RangeError);
        return;
      }
      ran++;
      const ours = convTranspose2d(x, w, o);
      const ref = referenceConvTranspose(x, w, o.strides, top, left, o.dilation, g.groups, outH, outW);
      expect([ours.channels, ours.height, ours.width]).toEqual([ref.channels, ref.height, ref.width]);
      expectClose(ours.data, ref.data, g);
    });
    expect(ran).toBeGreaterThan(150);
  });

  it("is the adjoint of conv2d: ⟨convT(x), y⟩ = ⟨x, conv(y)⟩ with the same weights", () => {
    // conv weights [o][i] are the transposed conv's [i][o]: a conv from 5 to 3 channels is
    // transposed by a transposed conv from 3 to 5 with the same array.
    const k = values(3 * 5 * 3 * 3, 11);
    const pads: Pads2d = [1, 0, 2, 1];
    const y = randomPlanes(5, 10, 9, 12);
    const c = conv2d(y, convWeights(3, 5, 3, 3, k), { strides: [2, 2], pads, dilation: [1, 1], groups: 1 });
    const x = randomPlanes(3, c.height, c.width, 13);
    const t = convTranspose2d(x, convTransposeWeights(3, 5, 3, 3, k), {
      strides: [2, 2],
      dilation: [1, 1],
      groups: 1,
      pads,
      outputSize: [10, 9],
    });
    const dot = (a: Float32Array, b: Float32Array) => a.reduce((s, v, i) => s + v * (b[i] as number), 0);
    expect(dot(t.data, y.data)).toBeCloseTo(dot(x.data, c.data), 4);
  });

  it("Keras' 'same' gives in·s and 'valid' (in−1)·s + max(k, s); outputSize wins over pads", () => {
    expect(kerasConvTransposeAxis(7, 3, 2, 1, "same", null)).toEqual({ padBefore: 0, output: 14 });
    expect(kerasConvTransposeAxis(7, 4, 2, 1, "same", null)).toEqual({ padBefore: 1, output: 14 });
    expect(kerasConvTransposeAxis(7, 3, 1, 1, "same", null)).toEqual({ padBefore: 1, output: 7 });
    expect(kerasConvTransposeAxis(7, 3, 2, 1, "same", 1)).toEqual({ padBefore: 0, output: 14 });
    expect(kerasConvTransposeAxis(7, 2, 3, 1, "valid", null)).toEqual({ padBefore: 0, output: 21 });
    expect(kerasConvTransposeAxis(7, 3, 2, 2, "valid", 1)).toEqual({ padBefore: 0, output: 18 });
    const x = randomPlanes(2, 4, 4, 1);
    const w = convTransposeWeights(2, 1, 3, 3, values(18, 2));
    const o = { strides: [2, 2] as [number, number], dilation: [1, 1] as [number, number], groups: 1 };
    const out = convTranspose2d(x, w, { ...o, pads: [0, 0, 0, 0], outputSize: [8, 10] });
    expect([out.height, out.width]).toEqual([8, 10]);
    expectClose(out.data, referenceConvTranspose(x, w, [2, 2], 0, 0, [1, 1], 1, 8, 10).data, "outputSize");
  });

  it("convTranspose1d runs on the width; errors are clear", () => {
    const x = randomPlanes(2, 1, 6, 3);
    const w = convTransposeWeights(2, 3, 1, 4, values(24, 4), values(3, 5));
    const out = convTranspose1d(x, w, { stride: 3, dilation: 1, groups: 1, pads: [1, 2], outputPadding: 2 });
    expect([out.channels, out.height, out.width]).toEqual([
      3,
      1,
      convTransposeOutputSize(6, 4, 3, 1, 1, 2, 2),
    ]);
    expectClose(out.data, referenceConvTranspose(x, w, [1, 3], 0, 1, [1, 1], 1, 1, out.width).data, "1d");
    const o = {
      strides: [1, 1] as [number, number],
      dilation: [1, 1] as [number, number],
      groups: 1,
      pads: [0, 0, 0, 0] as Pads2d,
    };
    expect(() => convTranspose2d(randomPlanes(3, 2, 2, 1), w, o)).toThrow(/3 channels/);
    expect(() => convTranspose2d(randomPlanes(2, 1, 2, 1), w, { ...o, pads: [0, 0, 9, 0] })).toThrow(
      RangeError,
    );
  });
});
