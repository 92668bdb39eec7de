import type { DenseConfig } from "../../model/layer-config.js";
import type { Dim } from "../../model/shape.js";
import type { ShapeIssue } from "../issues.js";
import type { LayerRule } from "../rule.js";
import type { Step } from "../steps.js";
import { checkRank, done, fail, firstInput, macsOf, positionsOf } from "./spatial.js";
import { symbolicConstraint } from "./torch/torch-dims.js";

/** Dense/Linear acts on the last axis; every other axis is carried through (Keras and PyTorch alike). */
export const denseRule: LayerRule<DenseConfig> = {
  kind: "dense",
  infer({ config: c, inputs, framework }) {
    const input = firstInput(inputs);
    if (framework === "keras") {
      const rankIssue = checkRank(input, 2, "min", "Dense");
      if (rankIssue) return fail(rankIssue);
    }
    const last = input[input.length - 1] ?? null;
    const leading = input.slice(1, -1);
    if (c.inFeatures !== null && typeof last === "number" && last !== c.inFeatures) {
      // PyTorch folds every leading axis (batch included) into the rows of mat1.
      const rows: Dim = positionsOf(input.slice(0, -1));
      return fail({
        code: "in_features_mismatch",
        rows,
        actual: last,
        declared: c.inFeatures,
        units: c.units,
      });
    }
    const inFeatures = typeof last === "number" ? last : c.inFeatures;
    const steps: Step[] = [];
    const warnings: ShapeIssue[] = [];
    if (typeof last === "string" && c.inFeatures !== null)
      warnings.push(symbolicConstraint("Linear", "in_features", last, c.inFeatures));
    if (input.length > 2) {
      steps.push({ code: "dense.last_axis", input, units: c.units });
      // On (batch, steps, features) Dense per time step is a common, deliberate pattern (Dense
      // before an LSTM); on an image-like 4-D+ tensor Flatten was almost always intended.
      if (framework === "keras" && input.length >= 4)
        warnings.push({ code: "dense_on_high_rank", shape: input, units: c.units });
    }
    let params: number | null = null;
    let macs: number | null = null;
    if (inFeatures !== null) {
      params = inFeatures * c.units + (c.useBias ? c.units : 0);
      steps.push({ code: "dense.params", inFeatures, units: c.units, bias: c.useBias, total: params });
      macs = macsOf(leading, inFeatures * c.units);
      steps.push({
        code: "macs",
        positions: positionsOf(leading),
        perPosition: inFeatures * c.units,
        total: macs,
        note: "dense",
      });
    } else {
      warnings.push({ code: "channels_unknown", inputShape: input, className: "Dense" });
    }
    return done({
      outputs: [[...input.slice(0, -1), c.units]],
      params: { trainable: params, nonTrainable: params === null ? null : 0 },
      macs,
      steps,
      warnings,
    });
  },
};
