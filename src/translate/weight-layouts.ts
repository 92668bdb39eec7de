import type { LayerConfig } from "../model/layer-config.js";

// Each layer's weight tensors as each framework stores them (checked against Keras 3 and PyTorch
// by scripts/gen-cross-framework-fixtures.py): Keras puts the kernel's window first and the
// channels last — conv (k…, C_in/groups, C_out), transposed conv (k…, C_out, C_in), Dense (in, out);
// PyTorch puts the output channels first — conv (C_out, C_in/groups, k…), ConvTranspose
// (C_in, C_out/groups, k…), Linear (out, in). Recurrent layers: Keras kernel (in, gates·h) and one
// bias (two rows for a GRU with reset_after=True); PyTorch weight_ih (gates·h, in) and two biases.

export interface WeightTensor {
  name: string;
  shape: number[];
  /** Keras: counted as trainable; PyTorch tensors here are all parameters. */
  trainable: boolean;
}

const w = (name: string, shape: number[], trainable = true): WeightTensor => ({ name, shape, trainable });

const GATES = { lstm: 4, gru: 3, simple: 1 } as const;

/** The Keras weights of a layer given its input channels (features); null when a size is unknown. */
export function kerasWeights(c: LayerConfig, inC: number | null): WeightTensor[] | null {
  switch (c.kind) {
    case "conv":
      if (inC === null) return null;
      return withBias([w("kernel", [...c.kernel, inC / c.groups, c.filters])], c.useBias, c.filters);
    case "conv_transpose":
      if (inC === null) return null;
      return withBias([w("kernel", [...c.kernel, c.filters, inC])], c.useBias, c.filters);
    case "depthwise_conv":
      if (inC === null) return null;
      return withBias(
        [w("kernel", [...c.kernel, inC, c.depthMultiplier])],
        c.useBias,
        inC * c.depthMultiplier,
      );
    case "dense":
      if (inC === null) return null;
      return withBias([w("kernel", [inC, c.units])], c.useBias, c.units);
    case "batch_norm":
      if (inC === null) return null;
      return [
        ...(c.scale ? [w("gamma", [inC])] : []),
        ...(c.center ? [w("beta", [inC])] : []),
        w("moving_mean", [inC], false),
        w("moving_variance", [inC], false),
      ];
    case "recurrent": {
      if (inC === null) return null;
      const g = GATES[c.cell] * c.units;
      const bias = c.cell === "gru" && c.resetAfter ? [2, g] : [g];
      return [
        w("kernel", [inC, g]),
        w("recurrent_kernel", [c.units, g]),
        ...(c.useBias ? [w("bias", bias)] : []),
      ];
    }
    case "torch_rnn": {
      // The Keras layers a translation stacks: one per PyTorch layer (and direction), one bias each.
      const g = GATES[c.cell] * c.hiddenSize;
      const dirs = c.bidirectional ? 2 : 1;
      const out: WeightTensor[] = [];
      for (let l = 0; l < c.numLayers; l++) {
        const i = l === 0 ? c.inputSize : dirs * c.hiddenSize;
        for (let d = 0; d < dirs; d++) {
          const suffix = `${c.numLayers > 1 ? `_${l}` : ""}${dirs > 1 ? (d === 0 ? "_forward" : "_backward") : ""}`;
          out.push(w(`kernel${suffix}`, [i, g]), w(`recurrent_kernel${suffix}`, [c.hiddenSize, g]));
          if (c.bias) out.push(w(`bias${suffix}`, c.cell === "gru" ? [2, g] : [g]));
        }
      }
      return out;
    }
    case "embedding":
      return [w("embeddings", [c.inputDim, c.outputDim])];
    case "pool":
    case "global_pool":
    case "flatten":
    case "elementwise":
      return c.kind === "elementwise" && c.paramsPerChannel > 0 ? null : [];
    default:
      return null;
  }
}

/** The PyTorch parameters (named as named_parameters() names them); null when a size is unknown. */
export function torchWeights(c: LayerConfig, inC: number | null): WeightTensor[] | null {
  switch (c.kind) {
    case "conv":
      if (inC === null) return null;
      return withBias([w("weight", [c.filters, inC / c.groups, ...c.kernel])], c.useBias, c.filters, "bias");
    case "conv_transpose":
      if (inC === null) return null;
      return withBias([w("weight", [inC, c.filters / c.groups, ...c.kernel])], c.useBias, c.filters, "bias");
    case "depthwise_conv":
      if (inC === null) return null;
      return withBias(
        [w("weight", [inC * c.depthMultiplier, 1, ...c.kernel])],
        c.useBias,
        inC * c.depthMultiplier,
        "bias",
      );
    case "dense":
      if (inC === null) return null;
      return withBias([w("weight", [c.units, inC])], c.useBias, c.units, "bias");
    case "batch_norm":
      if (inC === null) return null;
      return c.center && c.scale ? [w("weight", [inC]), w("bias", [inC])] : [];
    case "recurrent": {
      if (inC === null) return null;
      return torchRnnWeights(c.cell, inC, c.units, 1, false, c.useBias);
    }
    case "torch_rnn":
      return torchRnnWeights(c.cell, c.inputSize, c.hiddenSize, c.numLayers, c.bidirectional, c.bias);
    case "embedding":
      return [w("weight", [c.inputDim, c.outputDim])];
    case "pool":
    case "global_pool":
    case "flatten":
    case "elementwise":
      return c.kind === "elementwise" && c.paramsPerChannel > 0 ? null : [];
    default:
      return null;
  }
}

/** Buffers: saved in the state_dict, not returned by parameters() (nor counted by torchinfo). */
export function torchBuffers(c: LayerConfig, inC: number | null): WeightTensor[] | null {
  if (c.kind !== "batch_norm") return [];
  if (inC === null) return null;
  return [
    w("running_mean", [inC], false),
    w("running_var", [inC], false),
    w("num_batches_tracked", [], false),
  ];
}

function torchRnnWeights(
  cell: "lstm" | "gru" | "simple",
  inputSize: number,
  hidden: number,
  layers: number,
  bidirectional: boolean,
  bias: boolean,
): WeightTensor[] {
  const g = GATES[cell] * hidden;
  const dirs = bidirectional ? 2 : 1;
  const out: WeightTensor[] = [];
  for (let l = 0; l < layers; l++) {
    const i = l === 0 ? inputSize : dirs * hidden;
    for (let d = 0; d < dirs; d++) {
      const suffix = `_l${l}${d === 1 ? "_reverse" : ""}`;
      out.push(w(`weight_ih${suffix}`, [g, i]), w(`weight_hh${suffix}`, [g, hidden]));
      if (bias) out.push(w(`bias_ih${suffix}`, [g]), w(`bias_hh${suffix}`, [g]));
    }
  }
  return out;
}

function withBias(weights: WeightTensor[], useBias: boolean, size: number, name = "bias"): WeightTensor[] {
  return useBias ? [...weights, w(name, [size])] : weights;
}

/** Values in a tensor list. */
export function countOf(ws: readonly WeightTensor[]): number {
  return ws.reduce((s, t) => s + t.shape.reduce((p, d) => p * d, 1), 0);
}
