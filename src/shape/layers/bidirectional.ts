import type { BidirectionalConfig } from "../../model/layer-config.js";
import type { Shape } from "../../model/shape.js";
import type { LayerRule } from "../rule.js";
import { inferRecurrent } from "./recurrent.js";
import { done, firstInput } from "./spatial.js";

/** Two copies of the wrapped RNN; merge_mode 'concat' doubles the features, sum/mul/ave keep them. */
export const bidirectionalRule: LayerRule<BidirectionalConfig> = {
  kind: "bidirectional",
  infer({ config: c, inputs, framework }) {
    const input = firstInput(inputs);
    const inner = inferRecurrent(c.layer, input, framework);
    if (!inner.ok) return inner;
    const r = inner.record;
    const units = c.layer.units;
    const outputUnits = c.mergeMode === "concat" ? 2 * units : units;
    const [main, ...states] = r.outputs;
    const merged: Shape = main ? [...main.slice(0, -1), outputUnits] : [];
    // merge_mode=None returns the two directions separately.
    const outs: Shape[] = c.mergeMode === null ? [main ?? [], main ?? []] : [merged];
    const perDirection = r.params.trainable;
    const total = perDirection === null ? null : 2 * perDirection;
    return done({
      outputs: [...outs, ...states, ...states],
      params: { trainable: total, nonTrainable: total === null ? null : 0 },
      macs: r.macs === null ? null : 2 * r.macs,
      steps: [
        ...r.steps,
        {
          code: "bidirectional",
          mergeMode: c.mergeMode,
          perDirection: perDirection ?? 0,
          total: total ?? 0,
          units,
          outputUnits,
        },
      ],
      warnings: r.warnings,
    });
  },
};
