// Pooling against PyTorch's kernels written as naive loops: ceil_mode, count_include_pad, dilation,
// adaptive bins; and global pooling.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { adaptiveBins, adaptivePool2d, globalPool, pool2d, poolOutputSize } from "../../src/conv/pool.js";
import { planes } from "../../src/conv/tensor.js";
import type { Pads2d } from "../../src/conv/window.js";
import {
  check,
  expectClose,
  randomPlanes,
  referenceAdaptive,
  referencePool,
  torchPoolSize,
} from "./reference.js";

const small = (max: number, min = 1) => fc.integer({ min, max });

const geometry = fc
  .record({
    c: small(4),
    h: small(20),
    w: small(20),
    kh: small(5),
    kw: small(5),
    sh: small(4),
    sw: small(4),
    dh: small(2),
    dw: small(2),
    pads: fc.tuple(small(2, 0), small(2, 0), small(2, 0), small(2, 0)),
    ceil: fc.boolean(),
    include: fc.boolean(),
    op: fc.constantFrom("max" as const, "avg" as const),
    seed: fc.nat(),
  })
  // PyTorch: pad ≤ kernel/2; AvgPool has no dilation.
  .map((g) => {
    const [t, b, l, r] = g.pads;
    const pads: Pads2d = [
      Math.min(t, g.kh >> 1),
      Math.min(b, g.kh >> 1),
      Math.min(l, g.kw >> 1),
      Math.min(r, g.kw >> 1),
    ];
    return { ...g, pads, dh: g.op === "avg" ? 1 : g.dh, dw: g.op === "avg" ? 1 : g.dw };
  });

describe("pool2d", () => {
  it("equals PyTorch's max/avg kernels, ceil_mode and count_include_pad included", () => {
    let ran = 0;
    let ceilDropped = 0;
    check(geometry, 400, (g) => {
      const x = randomPlanes(g.c, g.h, g.w, g.seed);
      const o = {
        kernel: [g.kh, g.kw] as [number, number],
        strides: [g.sh, g.sw] as [number, number],
        dilation: [g.dh, g.dw] as [number, number],
        pads: g.pads,
        ceilMode: g.ceil,
        countIncludePad: g.include,
      };
      const [outH, outW] = poolOutputSize(x, o);
      expect(outH).toBe(torchPoolSize(g.h, g.kh, g.sh, g.dh, g.pads[0], g.pads[1], g.ceil));
      if (outH <= 0 || outW <= 0) {
        expect(() => pool2d(x, g.op, o)).toThrow(RangeError);
        return;
      }
      ran++;
      if (g.ceil && (outH - 1) * g.sh + (g.dh * (g.kh - 1) + 1) > g.h + g.pads[0] + g.pads[1]) ceilDropped++;
      const ref = referencePool(x, g.op, o.kernel, o.strides, o.pads, o.dilation, g.ceil, g.include);
      expect([outH, outW]).toEqual([ref.height, ref.width]);
      expectClose(pool2d(x, g.op, o).data, ref.data, g);
    });
    expect(ran).toBeGreaterThan(250);
    expect(ceilDropped).toBeGreaterThan(10); // windows hanging past the right pad were exercised
  });

  it("ceil_mode drops a last window that would start in the right padding (PyTorch)", () => {
    // in 5, k 2, s 2, pad 1: ⌈(5 + 2 − 2)/2⌉ + 1 = 4, but window 3 starts at 6 − 1 = 5 ≥ 5 → 3.
    const o = {
      kernel: [1, 2] as [number, number],
      strides: [1, 2] as [number, number],
      dilation: [1, 1] as [number, number],
      pads: [0, 0, 1, 1] as Pads2d,
      ceilMode: true,
      countIncludePad: true,
    };
    expect(poolOutputSize(planes(1, 1, 5), o)).toEqual([1, 3]);
    expect(poolOutputSize(planes(1, 1, 6), { ...o, pads: [0, 0, 0, 0] })).toEqual([1, 3]);
    expect(poolOutputSize(planes(1, 1, 7), { ...o, pads: [0, 0, 0, 0] })).toEqual([1, 4]);
    // avg with count_include_pad over a window hanging past the input: [1 2 3 | 4 5] k 2 s 2 ceil → 1.5, 3.5, 5.
    const x = planes(1, 1, 5, Float32Array.from([1, 2, 3, 4, 5]));
    expect([...pool2d(x, "avg", { ...o, pads: [0, 0, 0, 0] }).data]).toEqual([1.5, 3.5, 5]);
  });

  it("global pooling and PyTorch's adaptive bins", () => {
    const x = planes(2, 2, 2, Float32Array.from([1, 2, 3, 4, -1, -2, -3, -4]));
    expect([...globalPool(x, "avg").data]).toEqual([2.5, -2.5]);
    expect([...globalPool(x, "max").data]).toEqual([4, -1]);
    expect(adaptiveBins(5, 3)).toEqual([
      { start: 0, end: 2 },
      { start: 1, end: 4 },
      { start: 3, end: 5 },
    ]);
    check(
      fc.record({
        h: small(20),
        w: small(20),
        oh: small(9),
        ow: small(9),
        op: fc.constantFrom("max" as const, "avg" as const),
        seed: fc.nat(),
      }),
      200,
      (g) => {
        const p = randomPlanes(3, g.h, g.w, g.seed);
        expectClose(
          adaptivePool2d(p, g.op, [g.oh, g.ow]).data,
          referenceAdaptive(p, g.op, g.oh, g.ow).data,
          g,
        );
      },
    );
  });
});
