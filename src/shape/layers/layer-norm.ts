import type { LayerNormConfig } from "../../model/layer-config.js";
import { torchList } from "../../model/shape.js";
import type { LayerRule } from "../rule.js";
import { done, fail, firstInput } from "./spatial.js";
import { torchFail } from "./torch/torch-dims.js";

/** γ and β each have the size of the normalised axes (Keras 3: the product of input dims at `axis`). */
export const layerNormRule: LayerRule<LayerNormConfig> = {
  kind: "layer_norm",
  infer({ config: c, inputs }) {
    const input = firstInput(inputs);
    const rank = input.length;
    let size = 1;
    let known = true;
    if (c.normalizedShape !== null) {
      const tail = input.slice(rank - c.normalizedShape.length);
      if (
        tail.length !== c.normalizedShape.length ||
        tail.some((d, i) => typeof d === "number" && d !== c.normalizedShape?.[i])
      ) {
        const want = c.normalizedShape;
        return torchFail(
          "LayerNorm",
          `Given normalized_shape=${torchList(want)}, expected input with shape [*, ${want.join(", ")}], but got input of size${torchList(input)}`,
        );
      }
      size = c.normalizedShape.reduce((a, b) => a * b, 1);
    } else {
      for (const a of c.axes) {
        const ax = a < 0 ? rank + a : a;
        if (ax <= 0 || ax >= rank) {
          return fail({
            code: "axis_out_of_range",
            axis: a,
            rank,
            inputShape: input,
            className: "LayerNormalization",
          });
        }
        const d = input[ax] ?? null;
        if (typeof d === "number") size *= d;
        else known = false;
      }
    }
    const total = known ? ((c.scale ? 1 : 0) + (c.center ? 1 : 0)) * size : null;
    return done({
      outputs: [[...input]],
      params: { trainable: total, nonTrainable: total === null ? null : 0 },
      steps:
        total === null ? [] : [{ code: "layer_norm.params", size, gamma: c.scale, beta: c.center, total }],
      warnings:
        total === null
          ? [{ code: "channels_unknown", inputShape: input, className: "LayerNormalization" }]
          : [],
    });
  },
};
