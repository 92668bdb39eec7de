import type { BatchNormConfig } from "../../model/layer-config.js";
import type { LayerRule } from "../rule.js";
import { done, fail, firstInput } from "./spatial.js";
import { torchFail } from "./torch/torch-dims.js";

/**
 * Keras: γ and β are trainable (C each), the moving mean and variance are non-trainable weights
 * (C each) — 4C params, 2C non-trainable. PyTorch: γ and β are params (2C); running stats are
 * buffers, not params.
 */
export const batchNormRule: LayerRule<BatchNormConfig> = {
  kind: "batch_norm",
  infer({ config: c, inputs, framework }) {
    const input = firstInput(inputs);
    const rank = input.length;
    if (c.torchRanks && !c.torchRanks.ranks.includes(rank)) {
      const want = c.torchRanks.ranks.map((r) => `${r}D`).join(" or ");
      return torchFail(c.torchRanks.className, `expected ${want} input (got ${rank}D input)`);
    }
    const axis = c.axis < 0 ? rank + c.axis : c.axis;
    if (axis <= 0 || axis >= rank) {
      return fail({
        code: "axis_out_of_range",
        axis: c.axis,
        rank,
        inputShape: input,
        className: "BatchNormalization",
      });
    }
    const channels = input[axis] ?? null;
    if (c.numFeatures !== null && typeof channels === "number" && channels !== c.numFeatures) {
      return fail({
        code: "channel_mismatch",
        layer: "batch_norm",
        declared: c.numFeatures,
        actual: channels,
        groups: 1,
        inputShape: input,
        weightShape: [c.numFeatures],
      });
    }
    const C = typeof channels === "number" ? channels : c.numFeatures;
    if (C === null) {
      return done({
        outputs: [[...input]],
        params: { trainable: null, nonTrainable: null },
        warnings: [{ code: "channels_unknown", inputShape: input, className: "BatchNormalization" }],
      });
    }
    const trainable = ((c.scale ? 1 : 0) + (c.center ? 1 : 0)) * C;
    const nonTrainable = framework === "keras" ? 2 * C : 0;
    return done({
      outputs: [[...input]],
      params: { trainable, nonTrainable },
      steps: [
        {
          code: "batch_norm.params",
          framework,
          channels: C,
          gamma: c.scale,
          beta: c.center,
          trainable,
          nonTrainable,
        },
      ],
    });
  },
};
