import type { OpaqueConfig } from "../../model/layer-config.js";
import type { LayerRule } from "../rule.js";
import { done, fail, firstInput } from "./spatial.js";

/** Lambda or an unknown class: only an explicit output_shape lets the shapes flow on. */
export const opaqueRule: LayerRule<OpaqueConfig> = {
  kind: "opaque",
  infer({ config: c, inputs }) {
    const input = firstInput(inputs);
    if (c.outputShape === null) {
      return fail({ code: "unknown_output_shape", className: c.className, reason: c.reason });
    }
    return done({
      outputs: [[input[0] ?? null, ...c.outputShape]],
      params: { trainable: c.reason === "lambda" ? 0 : null, nonTrainable: c.reason === "lambda" ? 0 : null },
      macs: null,
      steps: [{ code: "opaque", className: c.className, reason: c.reason }],
    });
  },
};
