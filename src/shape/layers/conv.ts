import type { ConvConfig } from "../../model/layer-config.js";
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
    const rankIssue =
      input.length < c.rank + 2
        ? checkRank(input, c.rank + 2, framework === "keras" ? "min" : "eq", className)
        : checkRank(input, c.rank + 2, "eq", className);
    if (rankIssue) return fail(rankIssue);

    const { channel } = layoutOf(c.rank, c.dataFormat);
    const inC = input[channel] ?? null;
    const kernelVolume = c.kernel.reduce((a, b) => a * b, 1);

    if (c.inChannels !== null && typeof inC === "number" && inC !== c.inChannels) {
      return fail({
        code: "channel_mismatch",
        layer: "conv",
        declared: c.inChannels,
        actual: inC,
        groups: c.groups,
        inputShape: input,
        weightShape: [c.filters, c.inChannels / c.groups, ...c.kernel],
      });
    }
    if (c.filters % c.groups !== 0 || (typeof inC === "number" && inC % c.groups !== 0)) {
      return fail({
        code: "groups_mismatch",
        groups: c.groups,
        inChannels: inC,
        filters: c.filters,
        inputShape: input,
      });
    }

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
    steps.push({ code: "conv.channels", inChannels: inC, filters: c.filters, groups: c.groups });

    // PyTorch's declared in_channels fixes the weights even when the input size is symbolic.
    const knownC = typeof inC === "number" ? inC : c.inChannels;
    let params: number | null = null;
    let perPosition: number | null = null;
    if (knownC !== null) {
      const weightsPerFilter = kernelVolume * (knownC / c.groups);
      params = c.filters * (weightsPerFilter + (c.useBias ? 1 : 0));
      perPosition = c.filters * weightsPerFilter;
      steps.push({
        code: "conv.params",
        kernel: c.kernel,
        filters: c.filters,
        kernelVolume,
        inChannels: knownC,
        groups: c.groups,
        weightsPerFilter,
        bias: c.useBias,
        total: params,
      });
    }
    const macs = macsOf(outSpatial, perPosition);
    if (perPosition !== null) {
      steps.push({
        code: "macs",
        positions: positionsOf(outSpatial),
        perPosition,
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
      warnings: knownC === null ? [{ code: "channels_unknown", inputShape: input, className }] : [],
    });
  },
};
