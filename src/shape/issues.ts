import type { Framework, Padding } from "../model/layer-config.js";
import type { Dim, Shape } from "../model/shape.js";

// Coded shape problems: numbers only, worded by src/render/shape-issue-text.ts.

export type ShapeIssue =
  | {
      /** A window layer (conv, pool, cropping) would produce a size ≤ 0 on an axis. */
      code: "non_positive_output";
      framework: Framework;
      layer: "conv" | "pool" | "conv_transpose" | "cropping";
      axis: string;
      input: number;
      kernel: number;
      dilation: number;
      kEff: number;
      stride: number;
      padding: Padding;
      padBefore: number;
      padAfter: number;
      output: number;
      inputShape: Shape;
      /** Keras' kernel shape (spatial…, C_in, C_out) for conv; pool size for pooling. */
      kernelShape: number[] | null;
      strides: number[];
      dilations: number[];
    }
  | {
      code: "ndim_mismatch";
      /** Keras' InputSpec: ndim (exact) or min_ndim. */
      relation: "eq" | "min" | "max";
      expected: number;
      found: number;
      shape: Shape;
      /** Keras layer class, e.g. "LSTM"; used for the fix. */
      className: string;
    }
  | { code: "merge_shape_mismatch"; op: string; shapes: Shape[]; axis: number | null }
  | { code: "merge_input_count"; op: string; expected: number; found: number; shapes: Shape[] }
  | {
      /** PyTorch conv/batch-norm declared channels differ from the input's channels. */
      code: "channel_mismatch";
      layer: "conv" | "conv_transpose" | "batch_norm";
      declared: number;
      actual: number;
      groups: number;
      inputShape: Shape;
      weightShape: number[];
    }
  | {
      /** PyTorch Linear: in_features differs from the input's last axis. */
      code: "in_features_mismatch";
      rows: Dim;
      actual: number;
      declared: number;
      units: number;
    }
  | { code: "reshape_invalid"; framework: Framework; target: number[]; inputSize: number; inputShape: Shape }
  /** Keras Reshape: more than one -1, or a size below -1, in target_shape (checked before any size). */
  | { code: "reshape_target_invalid"; target: number[]; reason: "several_unknown" | "negative" }
  | { code: "strides_with_dilation"; strides: number[]; dilation: number[] }
  | { code: "same_padding_strided"; strides: number[] }
  | {
      code: "output_padding_too_large";
      framework: Framework;
      axis: number;
      outputPadding: number[];
      strides: number[];
      dilation: number[];
    }
  | { code: "groups_mismatch"; groups: number; inChannels: Dim; filters: number; inputShape: Shape }
  /**
   * PyTorch pooling: padding more than half the kernel (the kernel itself, not the dilated one).
   * MaxPool1d words it differently from the others, hence `op` and `rank`.
   */
  | { code: "pool_padding_too_large"; op: "max" | "avg"; rank: 1 | 2 | 3; pad: number; kernel: number }
  | { code: "cropping_too_large"; inputShape: Shape; cropping: [number, number][] }
  | { code: "axis_out_of_range"; axis: number; rank: number; inputShape: Shape; className: string }
  | { code: "permute_invalid"; dims: number[] }
  | { code: "channels_unknown"; inputShape: Shape; className: string }
  | { code: "time_distributed_rank"; inputShape: Shape }
  | { code: "dense_on_high_rank"; shape: Shape; units: number }
  | { code: "unknown_output_shape"; className: string; reason: "lambda" | "unknown_layer" }
  /**
   * No input size was given: a layer needs a symbolic size to equal a number (Linear's in_features
   * after a flatten). `sizes` are the square input sides (ranges) for which it does.
   */
  | {
      code: "symbolic_constraint";
      className: string;
      what: "in_features" | "view" | "input_size";
      expr: string;
      equals: number;
      vars: string[];
      sizes: [number, number][];
    }
  /**
   * PyTorch would raise here. `message` is PyTorch's own text with the user's numbers, as PyTorch
   * 1.13 words it (the version every fixture and hand-checked row was run with). Where another
   * version words the same failure differently, `other` carries that version and its text
   * (e.g. { version: "2.x", message: "LSTM: Expected input to be 2D or 3D, got 4D instead" });
   * it is worded as: PyTorch raises "<message>" (PyTorch 2.x: "<other>").
   */
  | {
      code: "torch_error";
      op: string;
      message: string;
      other?: { version: string; message: string };
    };

export type ShapeIssueCode = ShapeIssue["code"];
