import { describe, expect, it } from "vitest";
import { ConvScratch, conv1d, conv2d, conv2dOutputSize, convWeights } from "../../src/conv/conv2d.js";
import { planes } from "../../src/conv/tensor.js";
import type { Pads2d } from "../../src/conv/window.js";
import {
  check,
  convGeometry,
  expectClose,
  randomConv,
  randomPlanes,
  referenceConv,
  values,
} from "./reference.js";

const geometry = convGeometry({ groups: 4, inPerGroup: 4, outPerGroup: 6, h: 20, w: 20, dilation: 3 });

describe("conv2d", () => {
  it("equals the six-loop definition for every stride/dilation/pad/groups mix", () => {
    const scratch = new ConvScratch();
    let ran = 0;
    check(geometry, 300, (g) => {
      const { x, w } = randomConv(g);
      const o = {
        strides: [g.sh, g.sw] as [number, number],
        pads: g.pads as Pads2d,
        dilation: [g.dh, g.dw] as [number, number],
        groups: g.groups,
      };
      const [outH, outW] = conv2dOutputSize(x, w, o);
      if (outH <= 0 || outW <= 0) {
        expect(() => conv2d(x, w, o, scratch)).toThrow(RangeError);
        return;
      }
      ran++;
      const ours = conv2d(x, w, o, scratch);
      const ref = referenceConv(x, w, o.strides, o.pads, o.dilation, o.groups);
      expect([ours.channels, ours.height, ours.width]).toEqual([ref.channels, ref.height, ref.width]);
      expectClose(ours.data, ref.data, g);
    });
    expect(ran).toBeGreaterThan(200);
  });

  it("covers the full 4×8 blocks and the edges of one larger product", () => {
    // 13 filters (3 full row panels + 1 edge row), 9×11 output (12 full panels + a short one).
    const x = randomPlanes(6, 11, 13, 7);
    const w = convWeights(13, 6, 3, 3, values(13 * 6 * 9, 8), values(13, 9));
    const o = {
      strides: [1, 1] as [number, number],
      pads: [0, 0, 0, 0] as Pads2d,
      dilation: [1, 1] as [number, number],
      groups: 1,
    };
    expectClose(
      conv2d(x, w, o).data,
      referenceConv(x, w, o.strides, o.pads, o.dilation, 1).data,
      "13 filters",
    );
  });

  it("conv1d is conv2d on a height-1 signal", () => {
    const x = randomPlanes(4, 1, 17, 3);
    const w = convWeights(6, 2, 1, 3, values(6 * 2 * 3, 4), values(6, 5));
    const ours = conv1d(x, w, { stride: 2, pads: [2, 0], dilation: 2, groups: 2 });
    const ref = referenceConv(x, w, [1, 2], [0, 0, 2, 0], [1, 2], 2);
    expect([ours.channels, ours.height, ours.width]).toEqual([6, 1, 8]);
    expectClose(ours.data, ref.data, "conv1d");
    expect(() =>
      conv1d(randomPlanes(2, 2, 5, 1), convWeights(1, 2, 1, 1), {
        stride: 1,
        pads: [0, 0],
        dilation: 1,
        groups: 1,
      }),
    ).toThrow(/height 1/);
  });

  it("rejects mismatched channels, bad groups and bad geometry", () => {
    const x = planes(3, 5, 5);
    const o = {
      strides: [1, 1] as [number, number],
      pads: [0, 0, 0, 0] as Pads2d,
      dilation: [1, 1] as [number, number],
      groups: 1,
    };
    expect(() => conv2d(x, convWeights(2, 2, 3, 3), o)).toThrow(/3 channels/);
    expect(() => conv2d(planes(4, 5, 5), convWeights(3, 2, 3, 3), { ...o, groups: 2 })).toThrow(/groups/);
    expect(() => conv2d(x, convWeights(2, 3, 3, 3), { ...o, strides: [0, 1] })).toThrow(/strides/);
    expect(() => conv2d(x, convWeights(2, 3, 3, 3), { ...o, pads: [-1, 0, 0, 0] })).toThrow(/pads/);
    expect(() => conv2d(x, convWeights(2, 3, 7, 3), o)).toThrow(/output -1×3/);
    expect(() => convWeights(2, 3, 3, 3, new Float32Array(5))).toThrow(/5 values/);
  });
});
