import type { SeparableConvConfig } from "../../model/layer-config.js";
import type { LayerRule } from "../rule.js";
import type { Step } from "../steps.js";
import {
  assemble,
  checkRank,
  done,
  fail,
  firstInput,
  layoutOf,
  macsOf,
  positionsOf,
  windowGeometry,
  windowStep,
} from "./spatial.js";

/**
 * Keras SeparableConv: depthwise (k·C_in·dm weights, no bias) then a 1×1 pointwise conv
 * (C_in·dm·filters weights + filters biases).
 */
export const separableConvRule: LayerRule<SeparableConvConfig> = {
  kind: "separable_conv",
  infer({ config: c, inputs, framework }) {
    const input = firstInput(inputs);
    const className = c.rank === 1 ? "SeparableConv1D" : "SeparableConv2D";
    const rankIssue = checkRank(input, c.rank + 2, input.length < c.rank + 2 ? "min" : "eq", className);
    if (rankIssue) return fail(rankIssue);
    const { channel } = layoutOf(c.rank, c.dataFormat);
    const inC = input[channel] ?? null;
    const geo = windowGeometry(input, {
      framework,
      layer: "conv",
      rank: c.rank,
      kernel: c.kernel,
      strides: c.strides,
      dilation: c.dilation,
      padding: c.padding,
      ceilMode: false,
      dataFormat: c.dataFormat,
      kernelShape: typeof inC === "number" ? [...c.kernel, inC, c.filters] : null,
    });
    if (!geo.ok) return fail(geo.issue);
    const outSpatial = geo.axes.map((a) => a.geometry.output);
    const steps: Step[] = geo.axes.map((a) => windowStep("conv.axis", a, false));
    steps.push({ code: "conv.channels", inChannels: inC, filters: c.filters, groups: 1 });
    const kernelVolume = c.kernel.reduce((a, b) => a * b, 1);
    let params: number | null = null;
    let macs: number | null = null;
    if (typeof inC === "number") {
      const depthwise = kernelVolume * inC * c.depthMultiplier;
      const pointwise = inC * c.depthMultiplier * c.filters;
      params = depthwise + pointwise + (c.useBias ? c.filters : 0);
      steps.push({
        code: "separable.params",
        kernel: c.kernel,
        kernelVolume,
        inChannels: inC,
        depthMultiplier: c.depthMultiplier,
        filters: c.filters,
        depthwise,
        pointwise,
        bias: c.useBias,
        total: params,
      });
      macs = macsOf(outSpatial, depthwise + pointwise);
      steps.push({
        code: "macs",
        positions: positionsOf(outSpatial),
        perPosition: depthwise + pointwise,
        total: macs,
        note: "conv",
      });
    }
    return done({
      outputs: [assemble(input[0] ?? null, outSpatial, c.filters, c.dataFormat)],
      params: { trainable: params, nonTrainable: params === null ? null : 0 },
      macs,
      geometry: geo.axes.map((a) => a.geometry),
      steps,
      warnings: params === null ? [{ code: "channels_unknown", inputShape: input, className }] : [],
    });
  },
};
