import type { ConvConfig } from "../../model/layer-config.js";
import type { LayerRule } from "../rule.js";
import { checkChannels, convMacs, convParams, convWindow } from "./conv-window.js";
import { assemble, checkRank, done, fail, firstInput, layoutOf } from "./spatial.js";

const CLASS_NAMES = { 1: "Conv1D", 2: "Conv2D", 3: "Conv3D" } as const;

export const convRule: LayerRule<ConvConfig> = {
  kind: "conv",
  infer({ config: c, inputs, framework }) {
    const input = firstInput(inputs);
    const className = CLASS_NAMES[c.rank];
    if (framework === "keras" && Math.max(...c.strides) > 1 && Math.max(...c.dilation) > 1) {
      return fail({ code: "strides_with_dilation", strides: c.strides, dilation: c.dilation });
    }
    if (c.padding === "same_torch" && Math.max(...c.strides) > 1) {
      return fail({ code: "same_padding_strided", strides: c.strides });
    }
    // The rank is checked before the channel checks read the channel axis.
    const rankIssue = checkRank(
      input,
      c.rank + 2,
      framework === "pytorch" || input.length >= c.rank + 2 ? "eq" : "min",
      className,
    );
    if (rankIssue) return fail(rankIssue);
    const { channel } = layoutOf(c.rank, c.dataFormat);
    const inC = input[channel] ?? null;

    const channelIssue = checkChannels(c, input, inC, "conv", [
      c.filters,
      (c.inChannels ?? 0) / c.groups,
      ...c.kernel,
    ]);
    if (channelIssue) return channelIssue;

    const w = convWindow(input, c, framework, className, () => c.filters, framework === "pytorch");
    if (!w.ok) return w.result;
    const { outSpatial, steps, kernelVolume } = w.window;
    steps.push({ code: "conv.channels", inChannels: inC, filters: c.filters, groups: c.groups });

    const { knownC, params, perPosition } = convParams(c, inC, kernelVolume, steps);
    const macs = convMacs(outSpatial, perPosition, steps);
    return done({
      outputs: [assemble(input[0] ?? null, outSpatial, c.filters, c.dataFormat)],
      params: { trainable: params, nonTrainable: params === null ? null : 0 },
      macs,
      geometry: w.window.geometry,
      steps,
      warnings: knownC === null ? [{ code: "channels_unknown", inputShape: input, className }] : [],
    });
  },
};
