import type { TensorOpConfig } from "../../../model/layer-config.js";
import type { LayerRule, RuleResult } from "../../rule.js";
import { firstInput } from "../spatial.js";
import { inferPermute, inferReduce, inferSqueeze, inferTranspose, inferUnsqueeze } from "./axes.js";
import { inferBroadcast, inferCat, inferMatmul } from "./broadcast.js";
import { inferExpand, inferRepeat } from "./expand.js";
import { inferIndex } from "./index.js";
import { inferPad, inferPixelShuffle, inferResize, inferUnpool } from "./resize.js";
import { inferAttention, inferSplit } from "./split.js";
import { inferUnflatten, inferView } from "./view.js";

/** PyTorch tensor operations (not modules): one row each in the table, no params. */
export const tensorOpRule: LayerRule<TensorOpConfig> = {
  kind: "tensor_op",
  infer({ config: { op }, inputs }): RuleResult {
    const input = firstInput(inputs);
    switch (op.name) {
      case "view":
        return inferView(op, input);
      case "unflatten":
        return inferUnflatten(op, input);
      case "permute":
        return inferPermute(op, input);
      case "transpose":
        return inferTranspose(op, input);
      case "squeeze":
        return inferSqueeze(op, input);
      case "unsqueeze":
        return inferUnsqueeze(op, input);
      case "reduce":
        return inferReduce(op, input);
      case "index":
        return inferIndex(op.items, input);
      case "broadcast":
        return inferBroadcast(op.fn, inputs);
      case "matmul":
        return inferMatmul(op.fn, inputs);
      case "cat":
        return inferCat(op.fn, op.dim, inputs);
      case "pad":
        return inferPad(op, input);
      case "resize":
        return inferResize(op, input);
      case "pixel_shuffle":
        return inferPixelShuffle(op, input);
      case "expand":
        return inferExpand(op.sizes, input);
      case "repeat":
        return inferRepeat(op.times, input);
      case "unpool":
        return inferUnpool(op, input);
      case "split":
        return inferSplit(op, input);
      case "sdpa":
        return inferAttention(inputs);
    }
  },
};
