import type { EmbeddingConfig } from "../../model/layer-config.js";
import type { LayerRule } from "../rule.js";
import { done, firstInput } from "./spatial.js";

/**
 * Appends output_dim to whatever index shape comes in. Keras 3 ignores Keras 2's input_length
 * (keras/src/layers/core/embedding.py pops it with a warning), so it never shapes the output here.
 * A lookup is not a multiply-accumulate: MACs 0.
 */
export const embeddingRule: LayerRule<EmbeddingConfig> = {
  kind: "embedding",
  infer({ config: c, inputs }) {
    const input = firstInput(inputs);
    const total = c.inputDim * c.outputDim;
    return done({
      outputs: [[...input, c.outputDim]],
      params: { trainable: total, nonTrainable: 0 },
      steps: [
        { code: "embedding.shape", input, outputDim: c.outputDim },
        { code: "embedding.params", inputDim: c.inputDim, outputDim: c.outputDim, total },
      ],
    });
  },
};
