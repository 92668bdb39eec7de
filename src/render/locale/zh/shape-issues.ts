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
import { axisWord, n } from "./common.js";

// Chinese wording of shape issues. The framework's own error text stays verbatim in English inside
// “…” (people search for it), with the user's numbers, exactly as en/shape-issues.ts quotes it;
// the explanation and the fix are in Chinese.

/** PyTorch's own text for pooling padding over half the kernel (MaxPool1d words it its own way). */
function poolPadText(i: Extract<ShapeIssue, { code: "pool_padding_too_large" }>): string {
  return i.op === "max" && i.rank === 1
    ? `max_pool1d() padding should be at most half of kernel size, but got padding=${i.pad} and kernel_size=${i.kernel}`
    : `pad should be at most half of kernel size, but got pad=${i.pad} and kernel_size=${i.kernel}`;
}

function ndimWord(ndim: number): string {
  return `${ndim} 维`;
}

function nonPositive(issue: Extract<ShapeIssue, { code: "non_positive_output" }>): {
  message: string;
  fix: string | null;
} {
  const i = issue;
  const axis = axisWord(i.axis);
  const padded = i.input + i.padBefore + i.padAfter;
  const arithmetic = `${axis}上：⌊(${n(i.input)} − ${i.kEff}${i.padBefore === i.padAfter ? ` + 2·${i.padBefore}` : ` + ${i.padBefore} + ${i.padAfter}`})/${i.stride}⌋ + 1 = ${i.output}`;
  const what = i.layer === "pool" ? "池化窗口" : i.layer === "conv_transpose" ? "转置卷积核" : "卷积核";
  const plain = `${what}（${i.kEff}${i.dilation > 1 ? "，含空洞" : ""}）比 ${n(padded)} 个${padded === i.input ? "" : "填充后的"}输入位置还大，${arithmetic}`;
  let quote: string;
  if (i.layer === "conv_transpose") {
    quote = `${i.framework === "keras" ? "Keras 3 构建出" : "PyTorch 算出"}的输出尺寸是 ${i.output}，一有数据流过就会出错`;
  } else if (i.framework === "keras") {
    const keras3 =
      i.layer === "pool"
        ? `Computed output size would be zero or negative. Received: \`inputs.shape=${npArray(i.inputShape)}\`, \`pool_size=${npArray(i.kernelShape ?? [])}\`, \`strides=${pyTuple(i.strides)}\`, \`padding=${paddingWord(i.padding)}\`.`
        : `Computed output size would be zero or negative. Received \`inputs shape=${pyTuple(i.inputShape)}\`, \`kernel shape=${pyTuple(i.kernelShape ?? [])}\`, \`dilation_rate=${npArray(i.dilations)}\`, \`strides=${pyTuple(i.strides)}\`, \`padding=${paddingWord(i.padding)}\`.`;
    quote = `Keras 3 报错 “${keras3}”（TensorFlow / tf.keras：“Negative dimension size caused by subtracting ${i.kEff} from ${n(padded)}”）`;
  } else if (i.layer === "pool") {
    const spatial = i.inputShape.slice(2);
    const outs = spatial.map((d, ax) => {
      if (typeof d !== "number") return d;
      const k = (i.dilations[ax] ?? 1) * ((i.kernelShape?.[ax] ?? 1) - 1) + 1;
      const [b, a] = explicitPads(i.padding, ax);
      return Math.floor((d + b + a - k) / (i.strides[ax] ?? 1)) + 1;
    });
    const c = i.inputShape[1] ?? null;
    quote = `PyTorch 报错 “Given input size: (${[c, ...spatial].map(String).join("x")}). Calculated output size: (${[c, ...outs].map(String).join("x")}). Output size is too small”`;
  } else if (i.layer === "conv") {
    const spatial = i.inputShape.slice(2);
    const paddedAll = spatial.map((d, ax) => {
      const [b, a] = explicitPads(i.padding, ax);
      return typeof d === "number" ? d + b + a : d;
    });
    const kernels = spatial.map((_, ax) => (i.dilations[ax] ?? 1) * ((i.kernelShape?.[ax] ?? 1) - 1) + 1);
    quote = `PyTorch 报错 “Calculated padded input size per channel: (${paddedAll.map(String).join(" x ")}). Kernel size: (${kernels.join(" x ")}). Kernel size can't be greater than actual input size”`;
  } else {
    quote = `${i.layer} 的输出将是 ${i.output}`;
  }
  const fix =
    i.layer === "pool"
      ? `${axis}上的输入已经只有 ${n(i.input)}：去掉这个池化层、改用 padding='same'，或把池化窗口设为不超过 ${n(padded)}`
      : i.layer === "conv_transpose"
        ? i.framework === "keras"
          ? "去掉 output_padding（此时 Keras 的 'same' 给出 输入·步长），或改用 padding='valid'"
          : "减小转置卷积的填充"
        : `改用 padding='same'、${axis}上不超过 ${n(padded)} 的卷积核${i.dilation > 1 ? "（含空洞）" : ""}、在它之前少做几次下采样，或者用更大的输入`;
  return { message: `${quote}：${plain}。`, fix };
}

function ndimFix(i: Extract<ShapeIssue, { code: "ndim_mismatch" }>): string | null {
  const rnn = ["LSTM", "GRU", "SimpleRNN"].includes(i.className);
  if (rnn && i.found === 2) {
    return "循环层需要 (批量, 时间步, 特征)：如果前一层是 LSTM/GRU，给它设 return_sequences=True；否则先加 Reshape((timesteps, features)) 或 RepeatVector(n)";
  }
  if (rnn && i.found > 3) {
    return "先把每个时间步展平：TimeDistributed(Flatten()) 或 Reshape((timesteps, features))";
  }
  if (i.className === "RepeatVector" && i.found > 2) {
    return "RepeatVector 接收 (批量, 特征)：在前一个循环层设 return_sequences=False，或先加 Flatten()";
  }
  if (i.className === "Dense") return "Dense 至少需要 (批量, 特征)；给输入加上特征轴";
  if (i.className === "TimeDistributed") return null;
  const spatial = i.expected - 2;
  if (spatial >= 1 && i.found < i.expected) {
    const last = i.shape.slice(1);
    return i.found === i.expected - 1
      ? `加上通道轴：Input(shape=${pyTuple([...last, 1])})，或在 ${i.className} 之前加 Reshape(${pyTuple([...last, 1])})`
      : `${i.className} 需要 ${ndimWord(i.expected)}输入 (批量, ${spatial === 1 ? "步数" : spatial === 2 ? "高, 宽" : "深, 高, 宽"}, 通道)；先把这个 ${ndimWord(i.found)}张量 Reshape，或换用适合它的层`;
  }
  if (spatial >= 1 && i.found > i.expected) {
    return `${i.className} 接收 ${ndimWord(i.expected)}输入；改用该层的 ${spatial + 1 <= 3 ? `${i.found - 2}D ` : ""}版本，或先 Reshape 成 ${ndimWord(i.expected)}`;
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
        message: `Keras 报错 “Input 0 of layer "${layerName}" ${tail}”（Keras 3 的措辞是 “Input 0 with name 'None' of layer '${layerName}' ${tail}”）：${issue.className} 需要 ${ndimWord(issue.expected)}${issue.relation === "min" ? "或更高维" : ""}的输入，但 ${full} 是 ${ndimWord(issue.found)}。`,
        fix: ndimFix(issue),
      };
    }
    case "merge_shape_mismatch": {
      const shapes = issue.shapes;
      if (issue.op === "concat") {
        return {
          message: `Keras 报错 “A \`Concatenate\` layer requires inputs with matching shapes except for the concatenation axis. Received: input_shape=[${shapes.map(formatShape).join(", ")}]”：除了轴 ${issue.axis} 以外，其余各轴都必须一致。`,
          fix: "裁剪、填充或缩放输入，让其余各轴一致（或者沿不一致的那个轴拼接）",
        };
      }
      const a = shapes[0] ?? [];
      const b = shapes.find((s, k) => k > 0 && s.slice(1).join() !== a.slice(1).join()) ?? shapes[1] ?? [];
      return {
        message: `Keras 报错 “Inputs have incompatible shapes. Received shapes ${formatShape(a.slice(1))} and ${formatShape(b.slice(1))}”：逐元素的 ${issue.op} 要求每个轴的大小都相同（或为 1，可以广播）。`,
        fix: "让两个分支输出相同的形状（相同的滤波器数、步长和填充），或用 1×1 卷积 / Dense 把其中一个投影过去",
      };
    }
    case "merge_input_count":
      return {
        message: `Keras 报错 “A \`Subtract\` layer should be called on exactly ${issue.expected} inputs. Received: input_shape=[${issue.shapes.map(formatShape).join(", ")}]”。`,
        fix: `正好传入 ${issue.expected} 个输入`,
      };
    case "channel_mismatch": {
      if (issue.layer === "batch_norm") {
        return {
          message: `PyTorch 报错 “running_mean should contain ${issue.actual} elements not ${issue.declared}”：num_features=${issue.declared}，但输入 ${torchList(issue.inputShape)} 有 ${issue.actual} 个通道。`,
          fix: `设 num_features=${issue.actual}`,
        };
      }
      const transposed = issue.layer === "conv_transpose";
      const lead = transposed
        ? `Given transposed=1, weight of size ${torchList(issue.weightShape)}`
        : `Given groups=${issue.groups}, weight of size ${torchList(issue.weightShape)}`;
      return {
        message: `PyTorch 报错 “${lead}, expected input${torchList(issue.inputShape)} to have ${issue.declared} channels, but got ${issue.actual} channels instead”：in_channels=${issue.declared} 与输入的 ${issue.actual} 个通道不符。`,
        fix: `在这一层设 in_channels=${issue.actual}（或者给它 ${issue.declared} 通道的输入）`,
      };
    }
    case "in_features_mismatch": {
      const rows = issue.rows === null ? "N" : String(issue.rows);
      return {
        message: `PyTorch 报错 “mat1 and mat2 shapes cannot be multiplied (${rows}x${issue.actual} and ${issue.declared}x${issue.units})”：输入有 ${n(issue.actual)} 个特征，但 in_features=${n(issue.declared)}。`,
        fix: `改用 nn.Linear(${issue.actual}, ${issue.units})`,
      };
    }
    case "reshape_target_invalid":
      return issue.reason === "several_unknown"
        ? {
            message: `Keras 报错 “There must be at most one unknown dimension (-1) in \`target_shape\`. Received: target_shape=${pyTuple(issue.target)}.”`,
            fix: "-1 最多只能写一个，其余尺寸写成数字",
          }
        : {
            message: `Keras 报错 “Each dimension in \`target_shape\` must be a non-negative integer, or \`-1\` for a single unknown dimension. Received: target_shape=${pyTuple(issue.target)}.”`,
            fix: "尺寸只能是 0 或更大，或者写一次 -1 让 Keras 推算",
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
          message: `PyTorch 报错 “shape '${torchList(issue.target)}' is invalid for input of size ${size}”：${n(size)} 个值无法排成这个形状。`,
          fix: `让各尺寸相乘等于 ${n(size)}，例如 view${suggestion}`,
        };
      }
      const hasInfer = issue.target.includes(-1);
      const received = `Received: input_shape=${formatShape(issue.inputShape.slice(1))}, target_shape=${pyTuple(issue.target)}`;
      const text = hasInfer
        ? `The total size of the tensor must be unchanged, however, the input size cannot by divided by the specified dimensions in target_shape. ${received}`
        : `The total size of the tensor must be unchanged. ${received}`;
      return {
        message: `Keras 报错 “${text}”：每个样本有 ${n(size)} 个值。`,
        fix: `让目标形状相乘等于 ${n(size)}，例如 Reshape(${suggestion})`,
      };
    }
    case "strides_with_dilation":
      return {
        message: `Keras 报错 “\`strides > 1\` not supported in conjunction with \`dilation_rate > 1\`. Received: strides=${pyTuple(issue.strides)} and dilation_rate=${pyTuple(issue.dilation)}”。`,
        fix: "空洞卷积保持 strides=1，在它后面用池化层下采样；或者去掉空洞",
      };
    case "same_padding_strided":
      return {
        message: `PyTorch 报错 “padding='same' is not supported for strided convolutions”（步长 ${torchList(issue.strides)}）。`,
        fix: "带步长时改用显式填充（奇数卷积核用 kernel_size // 2）",
      };
    case "output_padding_too_large": {
      const op = issue.outputPadding[issue.axis] ?? 0;
      if (issue.framework === "keras") {
        return {
          message: `Keras 报错 “\`output_padding\` must be strictly less than \`strides\` for all dimensions. At dimension ${issue.axis}, \`output_padding\` is ${op} but \`strides\` is ${issue.strides[issue.axis] ?? 1}. Received: output_padding=${pyTuple(issue.outputPadding)}, strides=${pyTuple(issue.strides)}”。`,
          fix: `output_padding 要小于 ${issue.strides[issue.axis] ?? 1}`,
        };
      }
      return {
        message: `PyTorch 会报错“${torchOutputPaddingMessage(issue.outputPadding, issue.strides, issue.dilation)}”：output_padding=${op} 必须小于步长（${issue.strides[issue.axis] ?? 1}）或空洞率（${issue.dilation[issue.axis] ?? 1}）之一。`,
        fix: `output_padding 要小于 ${Math.max(issue.strides[issue.axis] ?? 1, issue.dilation[issue.axis] ?? 1)}`,
      };
    }
    case "groups_mismatch": {
      if (issue.filters % issue.groups !== 0) {
        return {
          message: `Keras 报错 “The number of filters must be evenly divisible by the number of groups. Received: groups=${issue.groups}, filters=${issue.filters}.”`,
          fix: `滤波器数要能被 ${issue.groups} 整除`,
        };
      }
      return {
        message: `Keras 报错 “The number of input channels must be evenly divisible by the number of groups. Received groups=${issue.groups}, but the input has ${issue.inChannels} channels (full input shape is ${formatShape(issue.inputShape)}).”`,
        fix: `groups 要能整除 ${issue.inChannels}`,
      };
    }
    case "pool_padding_too_large":
      return {
        message: `PyTorch 报错 “${poolPadText(issue)}”：每侧填充最多为窗口大小（${issue.kernel}，不计膨胀）的一半。`,
        fix: `使用 padding ≤ ${Math.floor(issue.kernel / 2)}`,
      };
    case "cropping_too_large":
      return {
        message: `Keras 报错 “Values in \`cropping\` argument should be smaller than the corresponding spatial dimension of the input. Received: input_shape=${formatShape(issue.inputShape)}, cropping=(${issue.cropping.map((p) => pyTuple(p)).join(", ")})”。`,
        fix: "每个轴上裁剪的量都要小于输入尺寸",
      };
    case "axis_out_of_range":
      return {
        message: `${issue.className}：轴 ${issue.axis} 在 ${ndimWord(issue.rank)}输入 ${formatShape(issue.inputShape)} 中不存在。`,
        fix: `使用 1 到 ${issue.rank - 1} 之间的轴（或用 -1 表示最后一个轴）`,
      };
    case "permute_invalid":
      return {
        message: `Keras 报错 “Invalid permutation argument \`dims\` for Permute Layer. The set of indices in \`dims\` must be consecutive and start from 1. Received dims=${pyTuple(issue.dims)}”。`,
        fix: "批量轴之后的每个轴都恰好列出一次，从 1 开始数",
      };
    case "channels_unknown":
      return {
        message: `${layerName}：输入 ${formatShape(issue.inputShape)} 在 ${issue.className} 要学习的那个轴上尺寸未知，所以无法计算它的参数。`,
        fix: "给输入一个具体的尺寸（例如 Input(shape=(…))）",
      };
    case "time_distributed_rank":
      return {
        message: `Keras 报错 “\`TimeDistributed\` Layer should be passed an \`input_shape\` with at least 3 dimensions, received: ${formatShape(issue.inputShape)}”。`,
        fix: "TimeDistributed 需要 (批量, 时间步, …)；对 2 维输入直接使用该层即可",
      };
    case "dense_on_high_rank": {
      const out = [...issue.shape.slice(0, -1), issue.units];
      return {
        message: `Dense 用在 ${ndimWord(issue.shape.length)}输入 ${formatShape(issue.shape)} 上时只作用于最后一个轴，得到 ${formatShape(out)}。Keras 允许这样做，但放在分类器之前，这通常不是本意。`,
        fix: "在 Dense 之前加 Flatten()（或全局池化层）",
      };
    }
    case "symbolic_constraint": {
      const lead = {
        in_features: `${issue.className}(in_features=${n(issue.equals)}) 要求展平后的大小 ${issue.expr} 等于 ${n(issue.equals)}`,
        view: `.${issue.className}(-1, …) 只有在 ${issue.expr} = ${n(issue.equals)} 时才保持批大小 N`,
        input_size: `${issue.className}(input_size=${n(issue.equals)}) 要求最后一维 ${issue.expr} 等于 ${n(issue.equals)}`,
      }[issue.what];
      const side = issue.vars.join(" = ") || "尺寸";
      const where =
        issue.sizes.length === 0
          ? `在 2,048 以内没有满足的输入（${side}），所以任何输入尺寸在这里都会出错`
          : `当 ${side} = ${issue.sizes.map(([a, b]) => (a === b ? `${a}` : `${a}–${b}`)).join("、")} 时成立；${issue.what === "view" ? "其他尺寸会得到错误的批大小或出错" : "其他尺寸会出错"}`;
      return { message: `${lead}：${where}。`, fix: null };
    }
    case "torch_error":
      return {
        message: `PyTorch 在 ${issue.op} 处会报错“${issue.message}”${issue.other ? `（PyTorch ${issue.other.version}：“${issue.other.message}”）` : ""}。`,
        fix: null,
      };
    case "unknown_output_shape":
      return {
        message:
          issue.reason === "lambda"
            ? `${layerName}：Lambda 的输出形状不运行就无法得知。`
            : `${layerName}：${issue.className} 不是 shapebot 认识的层，所以它的输出形状未知。`,
        fix: issue.reason === "lambda" ? "给 Lambda 传入 output_shape=…" : null,
      };
  }
}
