import type { LayerConfig } from "../../model/layer-config.js";
import { attentionParams } from "../../shape/layers/torch/attention.js";
import { torchRnnParams } from "../../shape/layers/torch/torch-rnn.js";

/**
 * A PyTorch module's parameters from its constructor arguments alone: every size is declared
 * (in_channels, in_features…), so model.parameters() is known before any input flows. Null for
 * Lazy modules, which learn their input size at the first call.
 */
export function declaredParams(c: LayerConfig): number | null {
  const product = (xs: number[]) => xs.reduce((a, b) => a * b, 1);
  switch (c.kind) {
    case "conv":
      return c.inChannels === null
        ? null
        : c.filters * (c.inChannels / c.groups) * product(c.kernel) + (c.useBias ? c.filters : 0);
    case "conv_transpose":
      return c.inChannels === null
        ? null
        : c.inChannels * (c.filters / c.groups) * product(c.kernel) + (c.useBias ? c.filters : 0);
    case "dense":
      return c.inFeatures === null ? null : c.inFeatures * c.units + (c.useBias ? c.units : 0);
    case "batch_norm":
      return c.numFeatures === null ? null : ((c.scale ? 1 : 0) + (c.center ? 1 : 0)) * c.numFeatures;
    case "layer_norm":
      return c.normalizedShape === null
        ? null
        : ((c.scale ? 1 : 0) + (c.center ? 1 : 0)) * product(c.normalizedShape);
    case "group_norm":
      return c.affine ? 2 * c.channels : 0;
    case "embedding":
      return c.inputDim * c.outputDim;
    case "tensor_op":
      return 0;
    case "torch_rnn":
      return torchRnnParams(c).total;
    case "attention":
      return attentionParams(c).total;
    case "bilinear":
      return c.out * c.in1 * c.in2 + (c.bias ? c.out : 0);
    case "elementwise":
      return c.fixedParams ?? 0;
    case "opaque":
      return null;
    default:
      return 0;
  }
}
