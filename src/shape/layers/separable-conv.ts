import type { SeparableConvConfig } from "../../model/layer-config.js";
import type { LayerRule } from "../rule.js";
import { convMacs, convWindow } from "./conv-window.js";
import { assemble, done, firstInput } from "./spatial.js";

/**
 * Keras SeparableConv: depthwise (k·C_in·dm weights, no bias) then a 1×1 pointwise conv
 * (C_in·dm·filters weights + filters biases).
 */
export const separableConvRule: LayerRule<SeparableConvConfig> = {
  kind: "separable_conv",
  infer({ config: c, inputs, framework }) {
    const input = firstInput(inputs);
    const className = c.rank === 1 ? "SeparableConv1D" : "SeparableConv2D";
    const w = convWindow(input, c, framework, className, () => c.filters, false);
    if (!w.ok) return w.result;
    const { inC, outSpatial, steps, kernelVolume } = w.window;
    steps.push({ code: "conv.channels", inChannels: inC, filters: c.filters, groups: 1 });
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
      macs = convMacs(outSpatial, depthwise + pointwise, steps);
    }
    return done({
      outputs: [assemble(input[0] ?? null, outSpatial, c.filters, c.dataFormat)],
      params: { trainable: params, nonTrainable: params === null ? null : 0 },
      macs,
      geometry: w.window.geometry,
      steps,
      warnings: params === null ? [{ code: "channels_unknown", inputShape: input, className }] : [],
    });
  },
};
