import { formatShape } from "../../../model/shape.js";
import type { ShapeIssue } from "../../../shape/issues.js";
import {
  explicitPads,
  npArray,
  paddingWord,
  pyTuple,
  torchList,
  torchOutputPaddingMessage,
} from "../notation.js";

// English wording of shape issues. Where the framework itself would raise, the message quotes its
// text with the user's numbers (checked against keras/src/ops/operation_utils.py,
// layers/input_spec.py, layers/merging/*.py, layers/convolutional/base_conv*.py, Keras 3.15 run
// locally, and PyTorch's aten/src/ATen/native sources), then says what went wrong in plain words.

function n(x: number): string {
  return x.toLocaleString("en-US");
}

/** PyTorch's own text for pooling padding over half the kernel (MaxPool1d words it its own way). */
function poolPadText(i: Extract<ShapeIssue, { code: "pool_padding_too_large" }>): string {
  return i.op === "max" && i.rank === 1
    ? `max_pool1d() padding should be at most half of kernel size, but got padding=${i.pad} and kernel_size=${i.kernel}`
    : `pad should be at most half of kernel size, but got pad=${i.pad} and kernel_size=${i.kernel}`;
}

function ndimWord(ndim: number): string {
  return `${ndim}-D`;
}

function nonPositive(issue: Extract<ShapeIssue, { code: "non_positive_output" }>): {
  message: string;
  fix: string | null;
} {
  const i = issue;
  const padded = i.input + i.padBefore + i.padAfter;
  const arithmetic = `on the ${i.axis}: ⌊(${n(i.input)} − ${i.kEff}${i.padBefore === i.padAfter ? ` + 2·${i.padBefore}` : ` + ${i.padBefore} + ${i.padAfter}`})/${i.stride}⌋ + 1 = ${i.output}`;
  const what =
    i.layer === "pool" ? "pool window" : i.layer === "conv_transpose" ? "transposed kernel" : "kernel";
  const plain = `the ${what} (${i.kEff}${i.dilation > 1 ? " after dilation" : ""}) is larger than the ${n(padded)} ${padded === i.input ? "" : "padded "}input positions ${arithmetic}`;
  let quote: string;
  if (i.layer === "conv_transpose") {
    quote = `${i.framework === "keras" ? "Keras 3 builds" : "PyTorch computes"} an output size of ${i.output}, which fails as soon as data flows`;
  } else if (i.framework === "keras") {
    const keras3 =
      i.layer === "pool"
        ? `Computed output size would be zero or negative. Received: \`inputs.shape=${npArray(i.inputShape)}\`, \`pool_size=${npArray(i.kernelShape ?? [])}\`, \`strides=${pyTuple(i.strides)}\`, \`padding=${paddingWord(i.padding)}\`.`
        : `Computed output size would be zero or negative. Received \`inputs shape=${pyTuple(i.inputShape)}\`, \`kernel shape=${pyTuple(i.kernelShape ?? [])}\`, \`dilation_rate=${npArray(i.dilations)}\`, \`strides=${pyTuple(i.strides)}\`, \`padding=${paddingWord(i.padding)}\`.`;
    quote = `Keras 3 raises "${keras3}" (TensorFlow / tf.keras: "Negative dimension size caused by subtracting ${i.kEff} from ${n(padded)}")`;
  } else if (i.layer === "pool") {
    const spatial = i.inputShape.slice(2);
    const outs = spatial.map((d, ax) => {
      if (typeof d !== "number") return d;
      const k = (i.dilations[ax] ?? 1) * ((i.kernelShape?.[ax] ?? 1) - 1) + 1;
      const [b, a] = explicitPads(i.padding, ax);
      return Math.floor((d + b + a - k) / (i.strides[ax] ?? 1)) + 1;
    });
    const c = i.inputShape[1] ?? null;
    quote = `PyTorch raises "Given input size: (${[c, ...spatial].map(String).join("x")}). Calculated output size: (${[c, ...outs].map(String).join("x")}). Output size is too small"`;
  } else if (i.layer === "conv") {
    const spatial = i.inputShape.slice(2);
    const paddedAll = spatial.map((d, ax) => {
      const [b, a] = explicitPads(i.padding, ax);
      return typeof d === "number" ? d + b + a : d;
    });
    const kernels = spatial.map((_, ax) => (i.dilations[ax] ?? 1) * ((i.kernelShape?.[ax] ?? 1) - 1) + 1);
    quote = `PyTorch raises "Calculated padded input size per channel: (${paddedAll.map(String).join(" x ")}). Kernel size: (${kernels.join(" x ")}). Kernel size can't be greater than actual input size"`;
  } else {
    quote = `the ${i.layer} output would be ${i.output}`;
  }
  const fix =
    i.layer === "pool"
      ? `the input is already ${n(i.input)} on the ${i.axis}: remove this pooling layer, use padding='same', or a pool size of at most ${n(padded)}`
      : i.layer === "conv_transpose"
        ? i.framework === "keras"
          ? "drop output_padding (Keras 'same' then gives input·stride) or use padding='valid'"
          : "reduce the padding of the transposed conv"
        : `use padding='same', a kernel of at most ${n(padded)} on the ${i.axis}${i.dilation > 1 ? " (counting dilation)" : ""}, fewer downsampling layers before it, or a larger input`;
  return { message: `${quote}: ${plain}.`, fix };
}

function ndimFix(i: Extract<ShapeIssue, { code: "ndim_mismatch" }>): string | null {
  const rnn = ["LSTM", "GRU", "SimpleRNN"].includes(i.className);
  if (rnn && i.found === 2) {
    return "a recurrent layer needs (batch, timesteps, features): if the layer before is an LSTM/GRU, set return_sequences=True on it; otherwise Reshape((timesteps, features)) or RepeatVector(n) first";
  }
  if (rnn && i.found > 3) {
    return "flatten each time step first: TimeDistributed(Flatten()) or Reshape((timesteps, features))";
  }
  if (i.className === "RepeatVector" && i.found > 2) {
    return "RepeatVector takes (batch, features): set return_sequences=False on the previous recurrent layer or add Flatten() first";
  }
  if (i.className === "Dense") return "Dense needs at least (batch, features); give the input a feature axis";
  if (i.className === "TimeDistributed") return null;
  const spatial = i.expected - 2;
  if (spatial >= 1 && i.found < i.expected) {
    const last = i.shape.slice(1);
    return i.found === i.expected - 1
      ? `add the channel axis: Input(shape=${pyTuple([...last, 1])}) or Reshape(${pyTuple([...last, 1])}) before ${i.className}`
      : `${i.className} needs ${ndimWord(i.expected)} input (batch, ${spatial === 1 ? "steps" : spatial === 2 ? "height, width" : "depth, height, width"}, channels); Reshape the ${ndimWord(i.found)} tensor first or use a layer made for it`;
  }
  if (spatial >= 1 && i.found > i.expected) {
    return `${i.className} takes ${ndimWord(i.expected)} input; use the ${spatial + 1 <= 3 ? `${i.found - 2}D` : ""} variant of the layer, or Reshape to ${ndimWord(i.expected)} first`;
  }
  return null;
}

export function describeIssue(issue: ShapeIssue, layerName: string): { message: string; fix: string | null } {
  switch (issue.code) {
    case "non_positive_output":
      return nonPositive(issue);
    case "ndim_mismatch": {
      const want =
        issue.relation === "eq" ? `ndim=${issue.expected}` : `${issue.relation}_ndim=${issue.expected}`;
      const full = formatShape(issue.shape);
      const tail = `is incompatible with the layer: expected ${want}, found ndim=${issue.found}. Full shape received: ${full}`;
      return {
        message: `Keras raises: Input 0 of layer "${layerName}" ${tail} (Keras 3 words it "Input 0 with name 'None' of layer '${layerName}' ${tail}"): ${issue.className} takes ${ndimWord(issue.expected)}${issue.relation === "min" ? " or higher" : ""} input, but ${full} is ${ndimWord(issue.found)}.`,
        fix: ndimFix(issue),
      };
    }
    case "merge_shape_mismatch": {
      const shapes = issue.shapes;
      if (issue.op === "concat") {
        return {
          message: `Keras raises "A \`Concatenate\` layer requires inputs with matching shapes except for the concatenation axis. Received: input_shape=[${shapes.map(formatShape).join(", ")}]": every axis but axis ${issue.axis} must agree.`,
          fix: "crop, pad or resize the inputs so they agree on every other axis (or concatenate along the axis that differs)",
        };
      }
      const a = shapes[0] ?? [];
      const b = shapes.find((s, k) => k > 0 && s.slice(1).join() !== a.slice(1).join()) ?? shapes[1] ?? [];
      return {
        message: `Keras raises "Inputs have incompatible shapes. Received shapes ${formatShape(a.slice(1))} and ${formatShape(b.slice(1))}": an element-wise ${issue.op} needs equal sizes on every axis (or 1, which broadcasts).`,
        fix: "make both branches end in the same shape (same filters, strides and padding), or project one with a 1×1 conv / Dense",
      };
    }
    case "merge_input_count":
      return {
        message: `Keras raises "A \`Subtract\` layer should be called on exactly ${issue.expected} inputs. Received: input_shape=[${issue.shapes.map(formatShape).join(", ")}]".`,
        fix: `pass exactly ${issue.expected} inputs`,
      };
    case "channel_mismatch": {
      if (issue.layer === "batch_norm") {
        return {
          message: `PyTorch raises "running_mean should contain ${issue.actual} elements not ${issue.declared}": num_features=${issue.declared}, but the input ${torchList(issue.inputShape)} has ${issue.actual} channels.`,
          fix: `set num_features=${issue.actual}`,
        };
      }
      const transposed = issue.layer === "conv_transpose";
      const lead = transposed
        ? `Given transposed=1, weight of size ${torchList(issue.weightShape)}`
        : `Given groups=${issue.groups}, weight of size ${torchList(issue.weightShape)}`;
      return {
        message: `PyTorch raises "${lead}, expected input${torchList(issue.inputShape)} to have ${issue.declared} channels, but got ${issue.actual} channels instead": in_channels=${issue.declared} does not match the ${issue.actual} channels coming in.`,
        fix: `set in_channels=${issue.actual} on this layer (or feed it ${issue.declared}-channel input)`,
      };
    }
    case "in_features_mismatch": {
      const rows = issue.rows === null ? "N" : String(issue.rows);
      return {
        message: `PyTorch raises "mat1 and mat2 shapes cannot be multiplied (${rows}x${issue.actual} and ${issue.declared}x${issue.units})": the input has ${n(issue.actual)} features but in_features=${n(issue.declared)}.`,
        fix: `use nn.Linear(${issue.actual}, ${issue.units})`,
      };
    }
    case "reshape_target_invalid":
      return issue.reason === "several_unknown"
        ? {
            message: `Keras raises "There must be at most one unknown dimension (-1) in \`target_shape\`. Received: target_shape=${pyTuple(issue.target)}."`,
            fix: "write -1 for one size at most; give the others as numbers",
          }
        : {
            message: `Keras raises "Each dimension in \`target_shape\` must be a non-negative integer, or \`-1\` for a single unknown dimension. Received: target_shape=${pyTuple(issue.target)}."`,
            fix: "sizes are 0 or more, or -1 once for the size Keras works out",
          };
    case "reshape_invalid": {
      const size = issue.inputSize;
      const last = issue.target[issue.target.length - 1];
      const suggestion =
        last !== undefined && last > 0 && size % last === 0 && issue.target.length > 1
          ? `(-1, ${last})`
          : `(${size},)`;
      if (issue.framework === "pytorch") {
        return {
          message: `PyTorch raises "shape '${torchList(issue.target)}' is invalid for input of size ${size}": ${n(size)} values cannot be arranged that way.`,
          fix: `make the sizes multiply to ${n(size)}, e.g. view${suggestion}`,
        };
      }
      const hasInfer = issue.target.includes(-1);
      const received = `Received: input_shape=${formatShape(issue.inputShape.slice(1))}, target_shape=${pyTuple(issue.target)}`;
      const text = hasInfer
        ? `The total size of the tensor must be unchanged, however, the input size cannot by divided by the specified dimensions in target_shape. ${received}`
        : `The total size of the tensor must be unchanged. ${received}`;
      return {
        message: `Keras raises "${text}": each sample has ${n(size)} values.`,
        fix: `make the target multiply to ${n(size)}, e.g. Reshape(${suggestion})`,
      };
    }
    case "strides_with_dilation":
      return {
        message: `Keras raises "\`strides > 1\` not supported in conjunction with \`dilation_rate > 1\`. Received: strides=${pyTuple(issue.strides)} and dilation_rate=${pyTuple(issue.dilation)}".`,
        fix: "keep strides=1 with the dilation and downsample with a pooling layer after it, or drop the dilation",
      };
    case "same_padding_strided":
      return {
        message: `PyTorch raises "padding='same' is not supported for strided convolutions" (stride ${torchList(issue.strides)}).`,
        fix: "use an explicit padding (kernel_size // 2 for odd kernels) with the stride",
      };
    case "output_padding_too_large": {
      const op = issue.outputPadding[issue.axis] ?? 0;
      if (issue.framework === "keras") {
        return {
          message: `Keras raises "\`output_padding\` must be strictly less than \`strides\` for all dimensions. At dimension ${issue.axis}, \`output_padding\` is ${op} but \`strides\` is ${issue.strides[issue.axis] ?? 1}. Received: output_padding=${pyTuple(issue.outputPadding)}, strides=${pyTuple(issue.strides)}".`,
          fix: `use output_padding below ${issue.strides[issue.axis] ?? 1}`,
        };
      }
      return {
        message: `PyTorch raises "${torchOutputPaddingMessage(issue.outputPadding, issue.strides, issue.dilation)}": output_padding=${op} must be smaller than either the stride (${issue.strides[issue.axis] ?? 1}) or the dilation (${issue.dilation[issue.axis] ?? 1}).`,
        fix: `use output_padding below ${Math.max(issue.strides[issue.axis] ?? 1, issue.dilation[issue.axis] ?? 1)}`,
      };
    }
    case "groups_mismatch": {
      if (issue.filters % issue.groups !== 0) {
        return {
          message: `Keras raises "The number of filters must be evenly divisible by the number of groups. Received: groups=${issue.groups}, filters=${issue.filters}."`,
          fix: `use a filter count divisible by ${issue.groups}`,
        };
      }
      return {
        message: `Keras raises "The number of input channels must be evenly divisible by the number of groups. Received groups=${issue.groups}, but the input has ${issue.inChannels} channels (full input shape is ${formatShape(issue.inputShape)})."`,
        fix: `use groups that divide ${issue.inChannels}`,
      };
    }
    case "pool_padding_too_large":
      return {
        message: `PyTorch raises "${poolPadText(issue)}": the padding on each side may be at most half the kernel (${issue.kernel}, dilation not counted).`,
        fix: `use padding ≤ ${Math.floor(issue.kernel / 2)}`,
      };
    case "cropping_too_large":
      return {
        message: `Keras raises "Values in \`cropping\` argument should be smaller than the corresponding spatial dimension of the input. Received: input_shape=${formatShape(issue.inputShape)}, cropping=(${issue.cropping.map((p) => pyTuple(p)).join(", ")})".`,
        fix: "crop less than the input size on every axis",
      };
    case "axis_out_of_range":
      return {
        message: `${issue.className}: axis ${issue.axis} does not exist in the ${ndimWord(issue.rank)} input ${formatShape(issue.inputShape)}.`,
        fix: `use an axis between 1 and ${issue.rank - 1} (or -1 for the last)`,
      };
    case "permute_invalid":
      return {
        message: `Keras raises "Invalid permutation argument \`dims\` for Permute Layer. The set of indices in \`dims\` must be consecutive and start from 1. Received dims=${pyTuple(issue.dims)}".`,
        fix: "list every axis after the batch exactly once, counting from 1",
      };
    case "channels_unknown":
      return {
        message: `${layerName}: the input ${formatShape(issue.inputShape)} has an unknown size on the axis ${issue.className} learns from, so its parameters cannot be counted.`,
        fix: "give the input a concrete size (e.g. Input(shape=(…)))",
      };
    case "time_distributed_rank":
      return {
        message: `Keras raises "\`TimeDistributed\` Layer should be passed an \`input_shape\` with at least 3 dimensions, received: ${formatShape(issue.inputShape)}".`,
        fix: "TimeDistributed needs (batch, timesteps, …); on a 2-D input use the layer directly",
      };
    case "dense_on_high_rank": {
      const out = [...issue.shape.slice(0, -1), issue.units];
      return {
        message: `Dense on the ${ndimWord(issue.shape.length)} input ${formatShape(issue.shape)} acts on the last axis only and gives ${formatShape(out)}. Keras allows it, but before a classifier it is rarely what was meant.`,
        fix: "add Flatten() (or a global pooling layer) before Dense",
      };
    }
    case "symbolic_constraint": {
      const lead = {
        in_features: `${issue.className}(in_features=${n(issue.equals)}) needs the flattened size ${issue.expr} to be ${n(issue.equals)}`,
        view: `.${issue.className}(-1, …) keeps the batch N only when ${issue.expr} = ${n(issue.equals)}`,
        input_size: `${issue.className}(input_size=${n(issue.equals)}) needs the last axis ${issue.expr} to be ${n(issue.equals)}`,
      }[issue.what];
      const side = issue.vars.join(" = ") || "the size";
      const where =
        issue.sizes.length === 0
          ? `no input up to 2,048 gives that (with ${side}), so every input size fails here`
          : `it holds for ${side} = ${issue.sizes.map(([a, b]) => (a === b ? `${a}` : `${a}–${b}`)).join(", ")}; ${issue.what === "view" ? "other sizes give a wrong batch or fail" : "other sizes fail"}`;
      return { message: `${lead}: ${where}.`, fix: null };
    }
    case "torch_error":
      return {
        message: `PyTorch raises "${issue.message}"${issue.other ? ` (PyTorch ${issue.other.version}: "${issue.other.message}")` : ""} in ${issue.op}.`,
        fix: null,
      };
    case "unknown_output_shape":
      return {
        message:
          issue.reason === "lambda"
            ? `${layerName}: the output shape of a Lambda cannot be known without running it.`
            : `${layerName}: ${issue.className} is not a layer shapebot knows, so its output shape is unknown.`,
        fix: issue.reason === "lambda" ? "pass output_shape=… to the Lambda" : null,
      };
  }
}
