// Seeded weights (determinism, glorot/kaiming bounds and fans), classic kernels, the kernel parser.
import { describe, expect, it } from "vitest";
import { CLASSIC_KERNEL_NAMES, classicKernels, depthwiseBank } from "../../src/conv/classic-kernels.js";
import { conv2d } from "../../src/conv/conv2d.js";
import { KernelParseError, parseKernel } from "../../src/conv/parse-kernel.js";
import { mulberry32 } from "../../src/conv/prng.js";
import { planes } from "../../src/conv/tensor.js";
import {
  glorotLimit,
  initConvTransposeWeights,
  initConvWeights,
  initDenseWeights,
  initDepthwiseWeights,
  kaimingBound,
  kerasFans,
  torchFans,
} from "../../src/conv/weights.js";

const extent = (a: Float32Array): [number, number] => [Math.min(...a), Math.max(...a)];

describe("seeded weights", () => {
  it("the same seed gives the same numbers; another seed others", () => {
    const conv = { outChannels: 8, inPerGroup: 3, kernelH: 3, kernelW: 3, useBias: true };
    const a = initConvWeights(mulberry32(42), "pytorch", conv);
    const b = initConvWeights(mulberry32(42), "pytorch", conv);
    const c = initConvWeights(mulberry32(43), "pytorch", conv);
    expect(a.data).toEqual(b.data);
    expect(a.bias).toEqual(b.bias);
    expect(a.data).not.toEqual(c.data);
    const r = mulberry32(7);
    const first = [r(), r(), r()];
    const again = mulberry32(7);
    expect([again(), again(), again()]).toEqual(first);
    for (const v of first) expect(v >= 0 && v < 1).toBe(true);
  });

  it("computes fans as Keras and PyTorch do", () => {
    expect(kerasFans([3, 3, 16, 32])).toEqual({ fanIn: 144, fanOut: 288 });
    expect(kerasFans([100, 10])).toEqual({ fanIn: 100, fanOut: 10 });
    expect(torchFans([32, 16, 3, 3])).toEqual({ fanIn: 144, fanOut: 288 });
    expect(torchFans([10, 100])).toEqual({ fanIn: 100, fanOut: 10 });
    expect(glorotLimit({ fanIn: 144, fanOut: 288 })).toBeCloseTo(Math.sqrt(6 / 432), 12);
    expect(kaimingBound(144)).toBeCloseTo(1 / 12, 12);
    expect(() => torchFans([5])).toThrow(/2 or more/);
  });

  it("Keras: glorot_uniform within ±√(6/(fan_in + fan_out)) and zero bias", () => {
    const w = initConvWeights(mulberry32(1), "keras", {
      outChannels: 32,
      inPerGroup: 16,
      kernelH: 3,
      kernelW: 3,
      useBias: true,
    });
    const limit = Math.sqrt(6 / (9 * 16 + 9 * 32));
    const [lo, hi] = extent(w.data);
    expect(lo).toBeGreaterThanOrEqual(-limit);
    expect(hi).toBeLessThan(limit);
    expect(hi - lo).toBeGreaterThan(1.9 * limit); // it fills the range
    expect([...(w.bias ?? [])].every((v) => v === 0)).toBe(true);
    const dense = initDenseWeights(mulberry32(2), "keras", { units: 10, inFeatures: 50, useBias: false });
    expect(Math.max(...dense.data.map(Math.abs))).toBeLessThan(Math.sqrt(6 / 60));
    expect(dense.bias).toBeNull();
    // Depthwise: Keras' kernel (kh, kw, inC, dm) counts the input channels in its fans.
    const dw = initDepthwiseWeights(mulberry32(3), "keras", {
      inChannels: 8,
      depthMultiplier: 2,
      kernelH: 3,
      kernelW: 3,
      useBias: true,
    });
    expect(Math.max(...dw.data.map(Math.abs))).toBeLessThan(Math.sqrt(6 / (72 + 18)));
  });

  it("PyTorch: weights and bias within ±1/√fan_in (kaiming_uniform(a=√5))", () => {
    const w = initConvWeights(mulberry32(5), "pytorch", {
      outChannels: 16,
      inPerGroup: 4,
      kernelH: 5,
      kernelW: 5,
      useBias: true,
    });
    const bound = 1 / Math.sqrt(100);
    for (const arr of [w.data, w.bias ?? new Float32Array(0)]) {
      const [lo, hi] = extent(arr);
      expect(lo).toBeGreaterThanOrEqual(-bound);
      expect(hi).toBeLessThan(bound);
    }
    expect(Math.max(...(w.bias ?? [])) - Math.min(...(w.bias ?? []))).toBeGreaterThan(0);
    // ConvTranspose's weight is (in, out/groups, kh, kw): fan_in = out/groups · kh · kw.
    const t = initConvTransposeWeights(mulberry32(6), "pytorch", {
      inChannels: 6,
      outPerGroup: 4,
      groups: 2,
      kernelH: 3,
      kernelW: 3,
      useBias: true,
    });
    expect(Math.max(...t.data.map(Math.abs))).toBeLessThan(1 / 6);
    expect(Math.max(...t.data.map(Math.abs))).toBeGreaterThan(0.9 / 6);
    expect(t.bias?.length).toBe(8);
  });
});

describe("classic kernels", () => {
  const sum = (k: number[][]) => k.flat().reduce((a, b) => a + b, 0);

  it("sum to 1 (brightness kept) or 0 (edge detectors)", () => {
    for (const name of ["identity", "box", "gaussian", "sharpen", "emboss"])
      expect(sum(classicKernels(name)[0] as number[][]), name).toBeCloseTo(1, 12);
    for (const name of ["sobel-x", "sobel-y", "laplacian"])
      expect(sum(classicKernels(name)[0] as number[][]), name).toBe(0);
    expect(classicKernels("edges")).toEqual([...classicKernels("sobel-x"), ...classicKernels("sobel-y")]);
    expect(CLASSIC_KERNEL_NAMES).toEqual(
      expect.arrayContaining([
        "identity",
        "box",
        "gaussian",
        "sharpen",
        "sobel-x",
        "sobel-y",
        "laplacian",
        "emboss",
        "edges",
      ]),
    );
    expect(() => classicKernels("blur9000")).toThrow(/no classic kernel/);
  });

  it("run depthwise: each kernel on each channel, channel-major", () => {
    // Channel 0 rises to the right, channel 1 downwards.
    const x = planes(2, 4, 4);
    for (let y = 0; y < 4; y++)
      for (let xx = 0; xx < 4; xx++) {
        x.data[y * 4 + xx] = xx;
        x.data[16 + y * 4 + xx] = 2 * y;
      }
    const { weights, groups } = depthwiseBank(classicKernels("edges"), 2);
    expect([weights.outChannels, groups]).toEqual([4, 2]);
    const out = conv2d(x, weights, { strides: [1, 1], pads: [0, 0, 0, 0], dilation: [1, 1], groups });
    const at = (c: number) => [...out.data.subarray(c * 4, c * 4 + 4)];
    expect(at(0)).toEqual([8, 8, 8, 8]); // channel 0 · sobel-x: slope 1 × 8
    expect(at(1)).toEqual([0, 0, 0, 0]); // channel 0 · sobel-y
    expect(at(2)).toEqual([0, 0, 0, 0]); // channel 1 · sobel-x
    expect(at(3)).toEqual([16, 16, 16, 16]); // channel 1 · sobel-y: slope 2 × 8
    const box = depthwiseBank(classicKernels("box"), 2);
    const blurred = conv2d(x, box.weights, {
      strides: [1, 1],
      pads: [0, 0, 0, 0],
      dilation: [1, 1],
      groups: box.groups,
    });
    expect(blurred.data[0]).toBeCloseTo(1, 6); // the mean of 0,1,2 across rows
    expect(() => depthwiseBank([[[1, 2]], [[1], [2]]], 1)).toThrow(/not all 1×2/);
  });
});

describe("parseKernel", () => {
  it("reads nested lists, tuples, a single row, decimals, exponents and fractions", () => {
    expect(parseKernel("[[1,0,-1],[2,0,-2],[1,0,-1]]")).toEqual([
      [1, 0, -1],
      [2, 0, -2],
      [1, 0, -1],
    ]);
    expect(parseKernel(" ( (1, 2), (3, 4), ) ")).toEqual([
      [1, 2],
      [3, 4],
    ]);
    expect(parseKernel("[1, 2, 1]")).toEqual([[1, 2, 1]]);
    expect(parseKernel("[[.5, -1e-1], [+2., 1/4]]")).toEqual([
      [0.5, -0.1],
      [2, 0.25],
    ]);
  });

  it("errors clearly on ragged, non-numeric or malformed input", () => {
    const error = (text: string): KernelParseError => {
      try {
        parseKernel(text);
      } catch (e) {
        expect(e).toBeInstanceOf(KernelParseError);
        return e as KernelParseError;
      }
      throw new Error(`parsed: ${text}`);
    };
    expect(error("[[1,2,3],[4,5]]").message).toMatch(/ragged kernel: row 2 has 2 numbers, row 1 has 3/);
    expect(error("[[1,a],[2,3]]").message).toMatch(/expected a number at "a\],\[2,3\]\]" \(character 5\)/);
    expect(error("[[1,2],[3,4]").message).toMatch(/missing "\]"/);
    expect(error("[[1,2] [3,4]]").message).toMatch(/expected "," or "\]"/);
    expect(error("[[[1]]]").message).toMatch(/two deep/);
    expect(error("[[1,2],3]").message).toMatch(/row 2 is a number/);
    expect(error("[[1/0]]").message).toMatch(/division by zero/);
    expect(error("").message).toMatch(/empty kernel/);
    expect(error("[]").message).toMatch(/empty kernel/);
    expect(error("[[]]").message).toMatch(/row 1 is empty/);
    expect(error("sobel").message).toMatch(/expected "\["/);
    expect(error("[[1,2]] extra").message).toMatch(/unexpected text/);
    expect(error("[[1e999]]").message).toMatch(/not a finite number/);
  });
});
