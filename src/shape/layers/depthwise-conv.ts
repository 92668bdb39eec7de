import type { DepthwiseConvConfig } from "../../model/layer-config.js";
import type { LayerRule } from "../rule.js";
import { convMacs, convWindow } from "./conv-window.js";
import { assemble, done, firstInput } from "./spatial.js";

/** Keras DepthwiseConv: each input channel gets its own depth_multiplier filters; params kh·kw·C_in·dm + C_in·dm. */
export const depthwiseConvRule: LayerRule<DepthwiseConvConfig> = {
  kind: "depthwise_conv",
  infer({ config: c, inputs, framework }) {
    const input = firstInput(inputs);
    const className = c.rank === 1 ? "DepthwiseConv1D" : "DepthwiseConv2D";
    const w = convWindow(input, c, framework, className, (inC) => inC * c.depthMultiplier, false);
    if (!w.ok) return w.result;
    const { inC, outSpatial, steps, kernelVolume } = w.window;
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
      macs = convMacs(outSpatial, kernelVolume * outC, steps);
    }
    return done({
      outputs: [assemble(input[0] ?? null, outSpatial, outC, c.dataFormat)],
      params: { trainable: params, nonTrainable: params === null ? null : 0 },
      macs,
      geometry: w.window.geometry,
      steps,
      warnings: outC === null ? [{ code: "channels_unknown", inputShape: input, className }] : [],
    });
  },
};
