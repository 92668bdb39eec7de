import type { ConvTransposeConfig } from "../../model/layer-config.js";
import type { Dim } from "../../model/shape.js";
import { add, mul } from "../../model/symbolic.js";
import type { AxisGeometry, LayerRule } from "../rule.js";
import type { Step } from "../steps.js";
import { checkChannels, convMacs, convParams } from "./conv-window.js";
import { assemble, axisNames, checkRank, done, fail, firstInput, layoutOf, paddingMode } from "./spatial.js";

const CLASS_NAMES = { 1: "Conv1DTranspose", 2: "Conv2DTranspose", 3: "Conv3DTranspose" } as const;

/**
 * Keras: 'valid' (in−1)·s + k_eff + op, op defaulting to max(k_eff, s) − k_eff; 'same' in·s when op
 * is None, else (in−1)·s + k_eff%2 + op (keras/src/backend/common/backend_utils.py).
 * PyTorch: (in−1)·s − 2p + d(k−1) + op + 1.
 */
export const convTransposeRule: LayerRule<ConvTransposeConfig> = {
  kind: "conv_transpose",
  infer({ config: c, inputs, framework }) {
    const input = firstInput(inputs);
    const className = CLASS_NAMES[c.rank];
    const keras = framework === "keras";
    // Keras checks output_padding first (base_conv_transpose.py).
    if (c.outputPadding !== null) {
      for (let i = 0; i < c.rank; i++) {
        const op = c.outputPadding[i] ?? 0;
        const s = c.strides[i] ?? 1;
        const d = c.dilation[i] ?? 1;
        if (keras ? op >= s : op >= Math.max(s, d)) {
          return fail({
            code: "output_padding_too_large",
            framework,
            axis: i,
            outputPadding: c.outputPadding,
            strides: c.strides,
            dilation: c.dilation,
          });
        }
      }
    }
    if (keras && Math.max(...c.strides) > 1 && Math.max(...c.dilation) > 1) {
      return fail({ code: "strides_with_dilation", strides: c.strides, dilation: c.dilation });
    }
    const rankIssue = checkRank(
      input,
      c.rank + 2,
      keras && input.length < c.rank + 2 ? "min" : "eq",
      className,
    );
    if (rankIssue) return fail(rankIssue);

    const { spatial, channel } = layoutOf(c.rank, c.dataFormat);
    const inC = input[channel] ?? null;
    const channelIssue = checkChannels(c, input, inC, "conv_transpose", [
      c.inChannels ?? 0,
      c.filters / c.groups,
      ...c.kernel,
    ]);
    if (channelIssue) return channelIssue;

    const names = axisNames(c.rank);
    const geometry: AxisGeometry[] = [];
    const steps: Step[] = [];
    const mode = paddingMode(c.padding);
    for (let i = 0; i < c.rank; i++) {
      const inDim: Dim = input[spatial[i] ?? 0] ?? null;
      const k = c.kernel[i] ?? 1;
      const s = c.strides[i] ?? 1;
      const d = c.dilation[i] ?? 1;
      const kEff = d * (k - 1) + 1;
      const givenOp = c.outputPadding ? (c.outputPadding[i] ?? 0) : null;
      let out: Dim;
      let pad = 0;
      let op: number | null = givenOp;
      // Keras code never gives explicit amounts; a sentence that does ("padding 1") means PyTorch's formula.
      if (keras && typeof c.padding !== "object") {
        if (c.padding === "same" && givenOp === null) {
          out = mul(inDim, s);
        } else if (c.padding === "same") {
          out = add(mul(add(inDim, -1), s), (kEff % 2) + (givenOp ?? 0));
        } else {
          op = givenOp ?? Math.max(kEff, s) - kEff;
          out = add(mul(add(inDim, -1), s), kEff + op);
        }
      } else {
        pad =
          typeof c.padding === "object" ? (c.padding.explicit[i]?.[0] ?? c.padding.explicit[0]?.[0] ?? 0) : 0;
        op = givenOp ?? 0;
        out = add(mul(add(inDim, -1), s), -2 * pad + d * (k - 1) + op + 1);
      }
      if (typeof out === "number" && out <= 0 && typeof inDim === "number") {
        return fail({
          code: "non_positive_output",
          framework,
          layer: "conv_transpose",
          axis: names[i] ?? `axis ${i}`,
          input: inDim,
          kernel: k,
          dilation: d,
          kEff,
          stride: s,
          padding: c.padding,
          padBefore: pad,
          padAfter: pad,
          output: out,
          inputShape: input,
          kernelShape: null,
          strides: c.strides,
          dilations: c.dilation,
        });
      }
      geometry.push({
        axis: names[i] ?? `axis ${i}`,
        input: inDim,
        kernel: k,
        dilation: d,
        kEff,
        stride: s,
        padBefore: pad,
        padAfter: pad,
        output: out,
      });
      steps.push({
        code: "conv_transpose.axis",
        axis: names[i] ?? `axis ${i}`,
        input: inDim,
        kernel: k,
        dilation: d,
        kEff,
        stride: s,
        padding: mode,
        pad,
        outputPadding: op,
        output: out,
      });
    }
    steps.push({ code: "conv.channels", inChannels: inC, filters: c.filters, groups: c.groups });
    const kernelVolume = c.kernel.reduce((a, b) => a * b, 1);
    const { knownC, params, perPosition } = convParams(c, inC, kernelVolume, steps);
    const inSpatial = spatial.map((ax) => input[ax] ?? null);
    // Each input position scatters C_in × (C_out/groups) × kernel products (fvcore's count).
    const macs = convMacs(inSpatial, perPosition, steps);
    return done({
      outputs: [
        assemble(
          input[0] ?? null,
          geometry.map((g) => g.output),
          c.filters,
          c.dataFormat,
        ),
      ],
      params: { trainable: params, nonTrainable: params === null ? null : 0 },
      macs,
      geometry,
      steps,
      warnings: knownC === null ? [{ code: "channels_unknown", inputShape: input, className }] : [],
    });
  },
};
