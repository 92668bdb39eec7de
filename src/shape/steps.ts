import type { Framework } from "../model/layer-config.js";
import type { Dim, Shape } from "../model/shape.js";

// Coded explanation steps: numbers only, worded by src/render/explain-steps.ts.

/** How a window layer's padding was given; 'explicit' covers PyTorch `padding=n` and tuples. */
export type PaddingMode = "valid" | "same" | "causal" | "explicit" | "same_torch";

/** One spatial axis of a conv or pooling window: out = ⌊(in + before + after − kEff)/stride⌋ + 1. */
export interface WindowAxisStep {
  code: "conv.axis" | "pool.axis";
  axis: string;
  input: Dim;
  kernel: number;
  dilation: number;
  kEff: number;
  stride: number;
  padding: PaddingMode;
  /** null when the input size is unknown and 'same' padding depends on it. */
  padBefore: number | null;
  padAfter: number | null;
  ceilMode: boolean;
  output: Dim;
}

export type Step =
  | WindowAxisStep
  | {
      code: "conv_transpose.axis";
      axis: string;
      input: Dim;
      kernel: number;
      dilation: number;
      kEff: number;
      stride: number;
      padding: PaddingMode;
      /** Explicit padding per side (PyTorch), 0 for Keras. */
      pad: number;
      outputPadding: number | null;
      output: Dim;
    }
  | {
      code: "conv.params";
      filters: number;
      kernel: number[];
      kernelVolume: number;
      inChannels: number;
      groups: number;
      weightsPerFilter: number;
      bias: boolean;
      total: number;
    }
  | { code: "conv.channels"; inChannels: Dim; filters: number; groups: number }
  | {
      code: "depthwise.params";
      kernel: number[];
      kernelVolume: number;
      inChannels: number;
      depthMultiplier: number;
      bias: boolean;
      total: number;
    }
  | {
      code: "separable.params";
      kernel: number[];
      kernelVolume: number;
      inChannels: number;
      depthMultiplier: number;
      filters: number;
      depthwise: number;
      pointwise: number;
      bias: boolean;
      total: number;
    }
  | { code: "pool.channels"; channels: Dim }
  | { code: "global_pool"; op: "max" | "avg"; axes: Dim[]; channels: Dim; keepdims: boolean }
  | { code: "dense.params"; inFeatures: number; units: number; bias: boolean; total: number }
  | { code: "dense.last_axis"; input: Shape; units: number }
  | { code: "flatten"; dims: Dim[]; product: Dim }
  | { code: "elementwise"; op: string; shape: Shape; params: number }
  | {
      code: "batch_norm.params";
      framework: Framework;
      channels: number;
      gamma: boolean;
      beta: boolean;
      trainable: number;
      nonTrainable: number;
    }
  | { code: "layer_norm.params"; size: number; gamma: boolean; beta: boolean; total: number }
  | {
      code: "pad.axis";
      op: "zero_padding" | "cropping";
      axis: string;
      input: Dim;
      before: number;
      after: number;
      output: Dim;
    }
  | { code: "upsampling.axis"; axis: string; input: Dim; factor: number; output: Dim }
  | {
      code: "reshape";
      inputSize: Dim;
      target: number[];
      knownProduct: number;
      inferred: Dim | null;
      output: Shape;
    }
  | { code: "permute"; dims: number[]; input: Shape; output: Shape }
  | { code: "repeat_vector"; n: number; features: Dim }
  | { code: "merge.elementwise"; op: string; shapes: Shape[]; output: Shape }
  | { code: "merge.concat"; axis: number; sizes: Dim[]; total: Dim }
  | { code: "embedding.params"; inputDim: number; outputDim: number; total: number }
  | { code: "embedding.shape"; input: Shape; outputDim: number }
  | {
      code: "rnn.params";
      framework: Framework;
      cell: "simple" | "lstm" | "gru";
      gates: number;
      units: number;
      inputSize: number;
      kernel: number;
      recurrent: number;
      /** Bias vectors of `units` per gate: 1 usually, 2 for PyTorch and Keras GRU reset_after. */
      biasVectors: number;
      bias: number;
      total: number;
    }
  | { code: "rnn.output"; units: number; timesteps: Dim; returnSequences: boolean; returnState: number }
  | {
      code: "bidirectional";
      mergeMode: string | null;
      perDirection: number;
      total: number;
      units: number;
      outputUnits: number;
    }
  | { code: "time_distributed"; timesteps: Dim; inner: Shape; output: Shape }
  | {
      code: "macs";
      positions: Dim;
      perPosition: number;
      total: number | null;
      note: "conv" | "dense" | "rnn";
    }
  | { code: "opaque"; className: string; reason: "lambda" | "unknown_layer" }
  /** PyTorch RNN outputs: out carries every step (both directions side by side), h_n the last of each layer. */
  | {
      code: "torch_rnn.output";
      cell: "simple" | "lstm" | "gru";
      batchFirst: boolean;
      directions: number;
      layers: number;
      hidden: number;
      out: Shape;
      state: Shape;
    }
  /** A tensor operation (view, permute, cat, +, @, indexing…): the shapes in and out. */
  | { code: "op_shape"; op: string; inputs: Shape[]; output: Shape }
  /** Params as named weight tensors with their formulas ("4·20·(10+20)"), for layers with several. */
  | { code: "params_sum"; parts: { name: string; formula: string; count: number }[]; total: number };

export type StepCode = Step["code"];
