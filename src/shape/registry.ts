import type { Framework, LayerConfig } from "../model/layer-config.js";
import type { Shape } from "../model/shape.js";
import { batchNormRule } from "./layers/batch-norm.js";
import { bidirectionalRule } from "./layers/bidirectional.js";
import { convRule } from "./layers/conv.js";
import { convTransposeRule } from "./layers/conv-transpose.js";
import { croppingRule } from "./layers/cropping.js";
import { denseRule } from "./layers/dense.js";
import { depthwiseConvRule } from "./layers/depthwise-conv.js";
import { elementwiseRule } from "./layers/elementwise.js";
import { embeddingRule } from "./layers/embedding.js";
import { flattenRule } from "./layers/flatten.js";
import { globalPoolRule } from "./layers/global-pool.js";
import { layerNormRule } from "./layers/layer-norm.js";
import { mergeRule } from "./layers/merge.js";
import { opaqueRule } from "./layers/opaque.js";
import { permuteRule } from "./layers/permute.js";
import { poolRule } from "./layers/pool.js";
import { recurrentRule } from "./layers/recurrent.js";
import { repeatVectorRule } from "./layers/repeat-vector.js";
import { reshapeRule } from "./layers/reshape.js";
import { separableConvRule } from "./layers/separable-conv.js";
import { makeTimeDistributedRule } from "./layers/time-distributed.js";
import { adaptivePoolRule } from "./layers/torch/adaptive-pool.js";
import { attentionRule } from "./layers/torch/attention.js";
import { bilinearRule } from "./layers/torch/bilinear.js";
import { groupNormRule } from "./layers/torch/group-norm.js";
import { tensorOpRule } from "./layers/torch/tensor-op.js";
import { torchRnnRule } from "./layers/torch/torch-rnn.js";
import { upsamplingRule } from "./layers/upsampling.js";
import { zeroPaddingRule } from "./layers/zero-padding.js";
import type { LayerRule, RuleResult, RuleTable } from "./rule.js";

export const rules: RuleTable = {
  conv: convRule,
  conv_transpose: convTransposeRule,
  separable_conv: separableConvRule,
  depthwise_conv: depthwiseConvRule,
  pool: poolRule,
  global_pool: globalPoolRule,
  dense: denseRule,
  flatten: flattenRule,
  elementwise: elementwiseRule,
  batch_norm: batchNormRule,
  layer_norm: layerNormRule,
  zero_padding: zeroPaddingRule,
  cropping: croppingRule,
  upsampling: upsamplingRule,
  reshape: reshapeRule,
  permute: permuteRule,
  repeat_vector: repeatVectorRule,
  merge: mergeRule,
  embedding: embeddingRule,
  recurrent: recurrentRule,
  bidirectional: bidirectionalRule,
  time_distributed: makeTimeDistributedRule(inferLayer),
  adaptive_pool: adaptivePoolRule,
  torch_rnn: torchRnnRule,
  attention: attentionRule,
  group_norm: groupNormRule,
  bilinear: bilinearRule,
  tensor_op: tensorOpRule,
  opaque: opaqueRule,
};

/** Runs the rule for the config's kind on the incoming shapes (batch axis first). */
export function inferLayer(config: LayerConfig, inputs: Shape[], framework: Framework): RuleResult {
  // The table is keyed by kind, so the rule found matches the config's own type.
  const rule = rules[config.kind] as LayerRule<LayerConfig>;
  return rule.infer({ config, inputs, framework });
}
