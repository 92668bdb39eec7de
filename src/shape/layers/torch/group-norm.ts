import type { GroupNormConfig } from "../../../model/layer-config.js";
import { torchList } from "../../../model/shape.js";
import type { LayerRule } from "../../rule.js";
import { done, firstInput } from "../spatial.js";
import { dimOutOfRange, numel, torchFail } from "./torch-dims.js";

/** GroupNorm / InstanceNorm keep the shape; γ and β (C each) only when affine. */
export const groupNormRule: LayerRule<GroupNormConfig> = {
  kind: "group_norm",
  infer({ config: c, inputs }) {
    const input = firstInput(inputs);
    if (c.ranks !== null && !c.ranks.includes(input.length)) {
      const want = c.ranks.map((r) => `${r}D`).join(" or ");
      return torchFail(c.className, `expected ${want} input (got ${input.length}D input)`);
    }
    // GroupNorm reads input.size(1) first, which a 1-D input does not have.
    if (c.ranks === null && input.length < 2) return dimOutOfRange(c.className, 1, input.length);
    const unbatched = c.ranks !== null && input.length === Math.min(...c.ranks);
    const channels = unbatched ? input[0] : input[1];
    if (c.groups === null && c.affine && typeof channels === "number" && channels !== c.channels) {
      // InstanceNorm runs batch_norm on (1, N·C, …) with γ repeated N times (N = 1 unbatched).
      const batch = unbatched ? 1 : (input[0] ?? "N");
      return torchFail(
        c.className,
        `weight should contain ${numel([batch, channels])} elements not ${numel([batch, c.channels])}`,
      );
    }
    if (c.groups !== null && typeof channels === "number") {
      if (channels % c.groups !== 0)
        return torchFail(
          c.className,
          `Expected number of channels in input to be divisible by num_groups, but got input of shape ${torchList(input)} and num_groups=${c.groups}`,
        );
      if (c.affine && channels !== c.channels)
        return torchFail(
          c.className,
          `Expected weight to be a vector of size equal to the number of channels in input, but got weight of shape [${c.channels}] and input of shape ${torchList(input)}`,
        );
    }
    const total = c.affine ? 2 * c.channels : 0;
    return done({
      outputs: [[...input]],
      params: { trainable: total, nonTrainable: 0 },
      steps: c.affine
        ? [
            {
              code: "params_sum",
              parts: [
                { name: "weight (γ)", formula: `${c.channels}`, count: c.channels },
                { name: "bias (β)", formula: `${c.channels}`, count: c.channels },
              ],
              total,
            },
          ]
        : [{ code: "elementwise", op: c.className, shape: input, params: 0 }],
    });
  },
};
