import type { Framework, LayerConfig, TimeDistributedConfig } from "../../model/layer-config.js";
import type { Shape } from "../../model/shape.js";
import type { LayerRule, RuleResult } from "../rule.js";
import { done, fail, firstInput } from "./spatial.js";

export type Dispatch = (config: LayerConfig, inputs: Shape[], framework: Framework) => RuleResult;

/** Applies the wrapped layer to every time step: (batch, T, …) → (batch, T, inner output…). Built with the registry's dispatcher. */
export function makeTimeDistributedRule(dispatch: Dispatch): LayerRule<TimeDistributedConfig> {
  return {
    kind: "time_distributed",
    infer({ config: c, inputs, framework }) {
      const input = firstInput(inputs);
      if (input.length < 3) return fail({ code: "time_distributed_rank", inputShape: input });
      const timesteps = input[1] ?? null;
      const inner = dispatch(c.layer, [[input[0] ?? null, ...input.slice(2)]], framework);
      if (!inner.ok) return inner;
      const r = inner.record;
      const innerOut = r.outputs[0] ?? [];
      const output: Shape = [input[0] ?? null, timesteps, ...innerOut.slice(1)];
      return done({
        ...r,
        outputs: [output],
        macs: r.macs !== null && typeof timesteps === "number" ? r.macs * timesteps : null,
        steps: [...r.steps, { code: "time_distributed", timesteps, inner: innerOut, output }],
      });
    },
  };
}
