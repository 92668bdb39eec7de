// The WebAssembly SIMD GEMM path against the TS GEMM (float32 vs float64 accumulation: ≤ 1e-5
// relative), and conv2dParallel (worker threads) against conv2d on one thread (exactly equal:
// each output value is computed by the same kernel in the same order, only on another thread).
import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import { ConvScratch, conv2d, conv2dOutputSize, convWeights } from "../../src/conv/conv2d.js";
import { closeConvPool, conv2dParallel } from "../../src/conv/conv2d-parallel.js";
import { wasmGemm, wasmSimdSupported } from "../../src/conv/gemm-wasm.js";
import type { Pads2d } from "../../src/conv/window.js";
import { check, convGeometry, expectClose, randomConv, randomPlanes, SEED, values } from "./reference.js";

const geometry = convGeometry({ groups: 3, inPerGroup: 5, outPerGroup: 11, h: 24, w: 40, dilation: 2 });
type Geometry = typeof geometry extends fc.Arbitrary<infer T> ? T : never;

function problem(g: Geometry) {
  const { x, w } = randomConv(g);
  const o = {
    strides: [g.sh, g.sw] as [number, number],
    pads: g.pads as Pads2d,
    dilation: [g.dh, g.dw] as [number, number],
    groups: g.groups,
  };
  const [outH, outW] = conv2dOutputSize(x, w, o);
  return { x, w, o, valid: outH > 0 && outW > 0 };
}

afterAll(async () => {
  await closeConvPool();
});

describe.skipIf(!wasmSimdSupported())("conv2d on the wasm SIMD kernel", () => {
  it("loads the kernel", () => {
    expect(wasmGemm()).not.toBeNull();
  });

  it("equals the TS GEMM to 1e-5 relative over random geometry", () => {
    const ts = new ConvScratch("ts");
    const wasm = new ConvScratch("wasm");
    let ran = 0;
    check(geometry, 300, (g) => {
      const { x, w, o, valid } = problem(g);
      if (!valid) return;
      ran++;
      expectClose(conv2d(x, w, o, wasm).data, conv2d(x, w, o, ts).data, g, 1e-5);
    });
    expect(ran).toBeGreaterThan(200);
  });

  it("covers several chunks, a ragged last chunk and rows past the last whole panel", () => {
    // 30 filters (7 whole 4-row panels + 2 rows), 37×29 output = 1073 positions (16 chunks + 49).
    const x = randomPlanes(7, 39, 31, 11);
    const w = convWeights(30, 7, 3, 3, values(30 * 7 * 9, 12), values(30, 13));
    const o = {
      strides: [1, 1] as [number, number],
      pads: [0, 0, 0, 0] as Pads2d,
      dilation: [1, 1] as [number, number],
      groups: 1,
    };
    const ours = conv2d(x, w, o, new ConvScratch("wasm"));
    expect([ours.channels, ours.height, ours.width]).toEqual([30, 37, 29]);
    expectClose(ours.data, conv2d(x, w, o, new ConvScratch("ts")).data, "30 filters", 1e-5);
  });
});

describe("conv2dParallel", () => {
  it("equals single-threaded conv2d exactly, on 2 and 3 threads", async () => {
    const scratch = new ConvScratch();
    await fc.assert(
      fc.asyncProperty(geometry, fc.integer({ min: 2, max: 3 }), async (g, threads) => {
        const { x, w, o, valid } = problem(g);
        if (!valid) {
          await expect(conv2dParallel(x, w, o, { threads, force: true })).rejects.toThrow(RangeError);
          return;
        }
        const parallel = await conv2dParallel(x, w, o, { threads, force: true, scratch });
        const single = conv2d(x, w, o, scratch);
        expect([parallel.channels, parallel.height, parallel.width]).toEqual([
          single.channels,
          single.height,
          single.width,
        ]);
        expect(parallel.data).toEqual(single.data);
      }),
      { seed: SEED, numRuns: 40 },
    );
  });

  it("splits a large conv across workers and runs small ones on this thread", async () => {
    const x = randomPlanes(16, 40, 40, 21);
    const w = convWeights(32, 16, 3, 3, values(32 * 16 * 9, 22), values(32, 23));
    const o = {
      strides: [1, 1] as [number, number],
      pads: [1, 1, 1, 1] as Pads2d,
      dilation: [1, 1] as [number, number],
      groups: 1,
    };
    const big = await conv2dParallel(x, w, o, { threads: 2 });
    expect(big.data.buffer).toBeInstanceOf(SharedArrayBuffer);
    expect(big.data).toEqual(conv2d(x, w, o).data);
    const small = await conv2dParallel(randomPlanes(2, 8, 8, 1), convWeights(3, 2, 3, 3), o);
    expect(small.data.buffer).toBeInstanceOf(ArrayBuffer);
  });
});
