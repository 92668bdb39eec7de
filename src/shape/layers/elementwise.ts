import type { ElementwiseConfig } from "../../model/layer-config.js";
import type { LayerRule } from "../rule.js";
import { done, firstInput } from "./spatial.js";

/** Activations, dropout and friends keep the shape; PReLU-style ops own paramsPerChannel weights per channel. */
export const elementwiseRule: LayerRule<ElementwiseConfig> = {
  kind: "elementwise",
  infer({ config: c, inputs }) {
    const input = firstInput(inputs);
    const channels = input[input.length - 1] ?? null;
    let params: number | null = 0;
    if (c.fixedParams !== undefined) params = c.fixedParams;
    else if (c.paramsPerChannel > 0)
      params = typeof channels === "number" ? c.paramsPerChannel * channels : null;
    return done({
      outputs: [[...input]],
      params: { trainable: params, nonTrainable: params === null ? null : 0 },
      steps: [{ code: "elementwise", op: c.op, shape: input, params: params ?? 0 }],
    });
  },
};
