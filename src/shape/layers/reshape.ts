import type { ReshapeConfig } from "../../model/layer-config.js";
import type { Dim } from "../../model/shape.js";
import { floorDiv } from "../../model/symbolic.js";
import type { LayerRule } from "../rule.js";
import { done, fail, firstInput, positionsOf } from "./spatial.js";

/** The per-sample size must be unchanged; one −1 is inferred as size / (product of the others). */
export const reshapeRule: LayerRule<ReshapeConfig> = {
  kind: "reshape",
  infer({ config: c, inputs, framework }) {
    const input = firstInput(inputs);
    if (c.targetShape.filter((d) => d === -1).length > 1)
      return fail({ code: "reshape_target_invalid", target: c.targetShape, reason: "several_unknown" });
    if (c.targetShape.some((d) => d < -1))
      return fail({ code: "reshape_target_invalid", target: c.targetShape, reason: "negative" });
    const inputSize = positionsOf(input.slice(1));
    const inferAt = c.targetShape.indexOf(-1);
    const knownProduct = c.targetShape.reduce((a, b) => (b === -1 ? a : a * b), 1);
    let inferred: Dim | null = null;
    if (typeof inputSize === "number") {
      const valid =
        inferAt === -1 ? knownProduct === inputSize : knownProduct > 0 && inputSize % knownProduct === 0;
      if (!valid) {
        return fail({
          code: "reshape_invalid",
          framework,
          target: c.targetShape,
          inputSize,
          inputShape: input,
        });
      }
      if (inferAt !== -1) inferred = inputSize / knownProduct;
    } else if (inferAt !== -1) {
      inferred = inputSize === null ? null : floorDiv(inputSize, knownProduct);
    }
    const output = [input[0] ?? null, ...c.targetShape.map((d, i) => (i === inferAt ? inferred : d))];
    return done({
      outputs: [output],
      steps: [{ code: "reshape", inputSize, target: c.targetShape, knownProduct, inferred, output }],
    });
  },
};
