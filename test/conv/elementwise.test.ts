// Activations by op name, batch norm at init, zero padding, upsampling, flatten and dense.
import { describe, expect, it } from "vitest";
import { dense, denseOverChannels, denseOverWidth, denseWeights, flatten } from "../../src/conv/dense.js";
import {
  applyElementwise,
  BATCH_NORM_EPSILON,
  batchNormInitial,
  elementwiseOps,
  erf,
  isElementwiseOp,
} from "../../src/conv/elementwise.js";
import { planes } from "../../src/conv/tensor.js";
import { upsample2d } from "../../src/conv/upsampling.js";
import { zeroPad2d } from "../../src/conv/zero-padding.js";
import { expectClose, randomPlanes } from "./reference.js";

const at = (op: string, x: number, framework: "keras" | "pytorch" = "keras"): number =>
  applyElementwise(planes(1, 1, 1, Float32Array.of(x)), op, { framework }).data[0] as number;

describe("elementwise ops", () => {
  it("computes each activation's textbook value", () => {
    expect(at("relu", -2)).toBe(0);
    expect(at("relu6", 7)).toBe(6);
    expect(at("leaky_relu", -1, "keras")).toBeCloseTo(-0.3, 7);
    expect(at("leaky_relu", -1, "pytorch")).toBeCloseTo(-0.01, 7);
    expect(at("prelu", -1, "pytorch")).toBeCloseTo(-0.25, 7);
    expect(at("prelu", -1, "keras")).toBeCloseTo(0, 7);
    expect(at("elu", -1)).toBeCloseTo(Math.exp(-1) - 1, 6);
    expect(at("gelu", 1)).toBeCloseTo(0.8413447460685429, 6);
    expect(at("gelu", -1)).toBeCloseTo(-0.15865525393145707, 6);
    expect(at("silu", 1)).toBeCloseTo(1 / (1 + Math.exp(-1)), 6);
    expect(at("sigmoid", 0)).toBe(0.5);
    expect(at("tanh", 0.5)).toBeCloseTo(Math.tanh(0.5), 6);
    expect(at("hard_sigmoid", 1)).toBeCloseTo(4 / 6, 6);
    expect(at("hardswish", 1)).toBeCloseTo(4 / 6, 6);
    expect(at("mish", 1)).toBeCloseTo(0.8650983882673103, 6);
    expect(at("softsign", 1)).toBe(0.5);
    for (const op of ["dropout", "spatial_dropout", "gaussian_noise", "identity", "linear"])
      expect(at(op, -1.5)).toBe(-1.5);
    for (const x of [-3, -0.5, 0, 0.2, 2.5]) expect(erf(x)).toBeCloseTo(erfSeries(x), 6);
  });

  it("softmax runs over the channels at each position", () => {
    const x = randomPlanes(4, 2, 3, 5);
    const y = applyElementwise(x, "softmax", { framework: "pytorch" });
    for (let p = 0; p < 6; p++) {
      let sum = 0;
      for (let c = 0; c < 4; c++) sum += y.data[c * 6 + p] as number;
      expect(sum).toBeCloseTo(1, 6);
    }
  });

  it("knows its op names and rejects others", () => {
    expect(isElementwiseOp("relu")).toBe(true);
    expect(isElementwiseOp("softmax")).toBe(true);
    expect(elementwiseOps()).toContain("hard_silu");
    expect(() => applyElementwise(planes(1, 1, 1), "frobnicate", { framework: "keras" })).toThrow(
      /no op "frobnicate"/,
    );
  });

  it("batch norm at init is x/√(1 + ε) with each framework's ε", () => {
    const x = planes(1, 1, 2, Float32Array.of(1, -2));
    expect(batchNormInitial(x, BATCH_NORM_EPSILON.keras).data[0]).toBeCloseTo(1 / Math.sqrt(1.001), 7);
    expect(batchNormInitial(x, BATCH_NORM_EPSILON.pytorch).data[1]).toBeCloseTo(-2 / Math.sqrt(1.00001), 7);
  });
});

/** erf by its Maclaurin series (converges fast for |x| ≤ 3). */
function erfSeries(x: number): number {
  let term = x;
  let sum = x;
  for (let n = 1; n < 80; n++) {
    term *= (-x * x) / n;
    sum += term / (2 * n + 1);
  }
  return (2 / Math.sqrt(Math.PI)) * sum;
}

describe("zero padding, upsampling, flatten, dense", () => {
  it("pads with zeros per side", () => {
    const x = planes(1, 1, 2, Float32Array.of(1, 2));
    const y = zeroPad2d(x, [1, 0, 0, 2]);
    expect([y.height, y.width]).toEqual([2, 4]);
    expect([...y.data]).toEqual([0, 0, 0, 0, 1, 2, 0, 0]);
  });

  it("nearest repeats, bilinear blends (half-pixel centres, clamped)", () => {
    const x = planes(1, 1, 2, Float32Array.of(0, 1));
    expect([...upsample2d(x, [1, 2], "nearest").data]).toEqual([0, 0, 1, 1]);
    expect([...upsample2d(x, [1, 2], "bilinear").data]).toEqual([0, 0.25, 0.75, 1]);
  });

  it("flattens in NCHW or NHWC order", () => {
    const x = planes(2, 1, 2, Float32Array.of(1, 2, 3, 4)); // c0: 1 2, c1: 3 4
    expect([...flatten(x, "chw").data]).toEqual([1, 2, 3, 4]);
    expect([...flatten(x, "hwc").data]).toEqual([1, 3, 2, 4]);
    expect([...flatten(x, "cwh").data]).toEqual([1, 2, 3, 4]);
    expect([...flatten(x, "wch").data]).toEqual([1, 3, 2, 4]);
  });

  it("dense is W·x + b with weights [units][in], on vectors, channels or width", () => {
    const w = denseWeights(2, 3, Float32Array.of(1, 2, 3, -1, 0, 1), Float32Array.of(0.5, 0));
    expect([...dense(planes(3, 1, 1, Float32Array.of(1, 1, 2)), w).data]).toEqual([9.5, 1]);
    const img = planes(3, 1, 2, Float32Array.of(1, 0, 1, 0, 2, 1)); // positions (1,1,2) and (0,0,1)
    expect([...denseOverChannels(img, w).data]).toEqual([9.5, 3.5, 1, 1]);
    const rows = planes(1, 2, 3, Float32Array.of(1, 1, 2, 0, 0, 1));
    expect([...denseOverWidth(rows, w).data]).toEqual([9.5, 1, 3.5, 1]);
    expect(() => dense(planes(4, 1, 1), w)).toThrow(/vector of 3/);
    expectClose(denseOverChannels(img, w).data, [9.5, 3.5, 1, 1], "dense");
  });
});
