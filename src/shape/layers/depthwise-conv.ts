import type { DepthwiseConvConfig } from "../../model/layer-config.js";
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

/** Keras DepthwiseConv: each input channel gets its own depth_multiplier filters; params kh·kw·C_in·dm + C_in·dm. */
export const depthwiseConvRule: LayerRule<DepthwiseConvConfig> = {
  kind: "depthwise_conv",
  infer({ config: c, inputs, framework }) {
    const input = firstInput(inputs);
    const className = c.rank === 1 ? "DepthwiseConv1D" : "DepthwiseConv2D";
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
      kernelShape: typeof inC === "number" ? [...c.kernel, inC, c.depthMultiplier] : null,
    });
    if (!geo.ok) return fail(geo.issue);
    const outSpatial = geo.axes.map((a) => a.geometry.output);
    const steps: Step[] = geo.axes.map((a) => windowStep("conv.axis", a, false));
    const kernelVolume = c.kernel.reduce((a, b) => a * b, 1);
    let params: number | null = null;
    let macs: number | null = null;
    let outC: number | null = null;
    if (typeof inC === "number") {
      outC = inC * c.depthMultiplier;
      params = kernelVolume * outC + (c.useBias ? outC : 0);
      steps.push({
        code: "depthwise.params",
        kernel: c.kernel,
        kernelVolume,
        inChannels: inC,
        depthMultiplier: c.depthMultiplier,
        bias: c.useBias,
        total: params,
      });
      macs = macsOf(outSpatial, kernelVolume * outC);
      steps.push({
        code: "macs",
        positions: positionsOf(outSpatial),
        perPosition: kernelVolume * outC,
        total: macs,
        note: "conv",
      });
    }
    return done({
      outputs: [assemble(input[0] ?? null, outSpatial, outC, c.dataFormat)],
      params: { trainable: params, nonTrainable: params === null ? null : 0 },
      macs,
      geometry: geo.axes.map((a) => a.geometry),
      steps,
      warnings: outC === null ? [{ code: "channels_unknown", inputShape: input, className }] : [],
    });
  },
};
