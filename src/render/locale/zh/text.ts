import type { LayerConfig } from "../../../model/layer-config.js";
import type { BuildIssue } from "../../../model/problems.js";
import type { Shape } from "../../../model/shape.js";
import type { EvalNote } from "../../../parse/eval-notes.js";
import type { LocaleCommonTexts, Worded } from "../locale.js";
import { channelsKept, shapeIn } from "../notation.js";
import { paddingWords } from "../padding-words.js";
import { hasEnglishProse, list, n } from "./common.js";

// Chinese wording of everything but the steps, shape issues, concepts and plain-language notes.

/**
 * Technical texts made elsewhere in English (a parser's reason, an argument's expected type): the
 * known phrasings in Chinese; anything else is quoted as the original English rather than mixed.
 */
function translated(text: string, rules: [RegExp, string][]): string {
  let out = text;
  for (const [pattern, replacement] of rules) out = out.replace(pattern, replacement);
  return hasEnglishProse(out) ? `“${text}”` : out;
}

const EXPECTED: [RegExp, string][] = [
  [/^an int, (\d+) ints, or (\d+) \(before, after\) pairs$/, "一个整数、$1 个整数或 $2 对 (before, after)"],
  [/^a recurrent layer \((.*)\)$/, "循环层（$1）"],
  [/^a layer, e\.g\. (.*)$/, "一个层，例如 $1"],
  [/^an integer or a tuple of (\d+) integers$/, "整数或 $1 个整数组成的元组"],
  [/^an integer from (\d+) to ([\d,]+)$/, "$1 到 $2 之间的整数"],
  [/^a positive integer up to ([\d,]+)$/, "不超过 $1 的正整数"],
  [/^(\d+) positive integers$/, "$1 个正整数"],
  [/^positive integers$/, "正整数"],
  [/^a shape tuple such as (.*)$/, "形状元组，例如 $1"],
  [/^a shape of at most (\d+) axes$/, "最多 $1 个轴的形状"],
  [/^sizes that are positive integers or None$/, "正整数或 None 组成的尺寸"],
  [/^a tuple of integers$/, "整数元组"],
  [/^an integer$/, "整数"],
  [/^a number$/, "数字"],
  [/^a string$/, "字符串"],
  [/^True or False$/, "True 或 False"],
  [/ or /g, " 或 "],
];

const REASONS: [RegExp, string][] = [
  [/^the message is too long to analyse; I stopped reading here$/, "消息太长，无法分析；我在这里停止读取"],
  [/^the message is too long; I stopped reading here$/, "消息太长；我在这里停止读取"],
  [
    /^this looks like program output \(a summary table or a traceback\), not code$/,
    "这看起来是程序输出（摘要表或 traceback），不是代码",
  ],
  [
    /^brackets are nested more than (\d+) deep; I did not read this line$/,
    "括号嵌套超过 $1 层；这一行没有读取",
  ],
  [/^this line is too complex for me to analyse$/, "这一行太复杂，无法分析"],
  [
    /^this line nests more than (\d+) operations inside each other; I did not read it$/,
    "这一行嵌套了超过 $1 层运算；没有读取",
  ],
  [/^this line is not Python code$/, "这一行不是 Python 代码"],
  [/^this string is never closed$/, "这个字符串没有闭合"],
  [/^the character (.+) is not valid in Python$/, "字符 $1 在 Python 中无效"],
  [/^('[^']*') was never closed$/, "$1 没有闭合"],
  [/^('[^']*') without a matching statement$/, "$1 没有匹配的语句"],
  [/^('[^']*') without a matching ('?[\w ]+'?)$/, "$1 没有匹配的 $2"],
  [/^expected /, "应为 "],
  [/^unexpected /, "意外的 "],
  [/, found /, "，却遇到 "],
  [/an expression/g, "表达式"],
  [/the end of the line/g, "行尾"],
  [/a name/g, "名称"],
  [/ or /g, " 或 "],
];

const reason = (text: string): string => translated(text, REASONS);

export function buildIssue(issue: BuildIssue): Worded {
  switch (issue.code) {
    case "missing_arg":
      return {
        message: `${issue.className}() 需要参数 '${issue.arg}'。`,
        fix: `给 ${issue.className} 加上 ${issue.arg}。`,
      };
    case "bad_arg":
      return {
        message: `${issue.className}(${issue.arg}=${issue.got})：应为${translated(issue.expected, EXPECTED)}。`,
        fix: null,
      };
    case "unknown_layer":
      return {
        message: `${issue.className} 不是我认识的${issue.framework === "pytorch" ? " torch.nn 模块" : " Keras 层"}（自定义层？）：它的输出形状未知；假定它保持输入形状不变。`,
        fix: null,
      };
    case "lambda_layer":
      return {
        message: "Lambda 层：不运行它就无法知道输出形状；假定它保持输入形状不变。",
        fix: "给 Lambda 传入 output_shape=…，结果就是精确的。",
      };
    case "old_model_kwargs":
      return {
        message: `Model(${issue.used.map((k) => `${k}=`).join(", ")}) 是 Keras 1 的写法；按 inputs=/outputs= 作答。Keras 3 只接受 inputs= 和 outputs=。`,
        fix: "写成 Model(inputs=…, outputs=…)。",
      };
    case "input_length_keras2":
      return {
        message: `Embedding(input_length=${issue.length})：Keras 2 在 (None, ${issue.length}) 上构建模型；Keras 3 会忽略 input_length。这里按 Keras 2 的方式作答。`,
        fix: `在 Keras 3 中先写 keras.Input(shape=(${issue.length},))。`,
      };
    case "no_input_shape":
      return {
        message: `代码没有给出输入形状，所以尺寸用符号表示：假定输入为 ${issue.assumed}。`,
        fix: "在第一层加 input_shape=(…)、以 keras.Input(shape=(…)) 开头，或者传入 --input。",
      };
    case "input_override":
      return {
        message: `按你给出的输入形状 ${issue.given} 作答${issue.code_shape ? `，而不是代码里的 ${issue.code_shape}` : ""}。`,
        fix: null,
      };
    case "other_models":
      return {
        message: `代码还构建了其他模型（${list(issue.names)}）；这里回答的是最后构建或打印摘要的那个模型。`,
        fix: null,
      };
    case "too_many_layers":
      return { message: `模型的层调用超过 ${n(issue.limit)} 次；在那里停止。`, fix: null };
    case "torch_unknown_op":
      return { message: `${issue.name} 不是我能跟踪的张量操作：依赖它的形状未知。`, fix: null };
    case "smallest_input":
      return {
        message: `当 ${issue.vars.join(" = ")} ≥ ${issue.side} 时每一层都有输出；更小的输入会让某个轴缩成零。`,
        fix: null,
      };
    case "torch_input": {
      const how = {
        code: "代码里创建的输入",
        torchsummary: "torchsummary 的 summary() 输入（它以批大小 2 运行并显示为 -1）",
        torchinfo: "torchinfo 的 summary() 输入",
        prose: "你给出的输入尺寸",
        option: "你传入的 --input",
        symbolic: "符号尺寸，因为代码没有给出输入（N = 批大小；H、W = 图像尺寸）",
      }[issue.source];
      return {
        message: `用${how}追踪了 forward()：${issue.shape}。`,
        fix:
          issue.source === "symbolic"
            ? "请说明输入尺寸（例如“输入是 1x3x32x32”），或加上 x = torch.randn(…) 和 model(x)，或传入 --input。"
            : null,
      };
    }
  }
}

export function evalNote(note: EvalNote): string {
  switch (note.code) {
    case "unknown_condition":
      return "某个条件取决于我无法得知的值；假定它为真。";
    case "unknown_loop":
      return "某个循环遍历的是我无法得知的值（数据、文件…）；跳过了它的循环体。";
    case "step_budget":
      return `读取代码 ${n(note.steps)} 步后停止（循环太长，无法跟踪）。`;
    case "depth_budget":
      return `在 ${note.depth} 层深的调用链处停止（递归？）。`;
    case "collection_budget":
      return `在超过 ${n(note.size)} 项的列表处停止。`;
    case "python_error":
      return `Python 在这里会出错：${translated(note.detail, [
        [/^index (-?\d+) out of range for (\d+) items$/, "下标 $1 超出了 $2 个元素的范围"],
      ])}。`;
    case "layer_budget":
      return `代码创建了 ${n(note.limit)} 个层后停止读取。`;
  }
}

function settings(c: LayerConfig): string {
  const size = (xs: number[]) => xs.join("×");
  const same = (xs: number[]) => (xs.every((x) => x === xs[0]) ? String(xs[0]) : xs.join("×"));
  const window = (w: { strides: number[]; padding: unknown; dilation?: number[] }) => {
    const parts = [`步长 ${same(w.strides)}`, paddingWords(w.padding, "填充")];
    if (w.dilation?.some((d) => d !== 1)) parts.push(`空洞率 ${same(w.dilation)}`);
    return parts.join("，");
  };
  switch (c.kind) {
    case "conv":
    case "conv_transpose":
    case "separable_conv":
      return `${n(c.filters)} 个滤波器 ${size(c.kernel)}，${window(c)}`;
    case "depthwise_conv":
      return `${size(c.kernel)}，${window(c)}`;
    case "pool":
      return `${c.op === "max" ? "最大池化" : "平均池化"} ${size(c.pool)}，${window(c)}`;
    case "dense":
      return `${n(c.units)} 个单元`;
    default:
      return "";
  }
}

function channelStory(
  layer: string,
  filters: number,
  inChannels: number,
  output: Shape,
  framework: "keras" | "pytorch" = "keras",
): string {
  const show = (x: Shape) => shapeIn(x, framework);
  const naive = channelsKept(output, inChannels, framework);
  const f = n(filters);
  if (inChannels === 1)
    return `${f} 个滤波器都只看这 1 个输入通道，每个滤波器产生一个输出通道，所以通道轴变成滤波器的个数：${layer} 输出 ${show(output)}`;
  return `${f} 个滤波器中的每一个都覆盖全部 ${inChannels} 个输入通道，并在每个位置把它们加成一个数，所以通道轴变成滤波器的个数：${layer} 输出 ${show(output)}，而不是 ${show(naive)} 或 ${f}×${inChannels}`;
}

export const zhText: LocaleCommonTexts = {
  list,
  buildIssue,
  evalNote,
  skippedLine: (why, text) => `跳过了一行无法按 Python 读取的代码（${reason(why)}）：${text}`,
  proseSkipped: (lines) => `代码前后的 ${n(lines)} 行文字按说明文字读取，不当作代码。`,
  explain: {
    groupHeader: (names, className, s) => `${list(names)}（${className}${s ? `，${s}` : ""}）：`,
    settings,
    channelStory,
    moreGroups: (count) => `……还有 ${n(count)} 组层（可以按名字单独问其中一组）。`,
    macsTotal: (total) => `MACs（每个样本的乘加次数，不计偏置）：共 ${n(total)}`,
    macsShownOf: (shown, all) => `（${all} 层中最大的 ${shown} 层）`,
    activations: (values, size, largest, largestValues) =>
      `激活值：每个样本 ${n(values)} 个值（float32 下为 ${size}）；最大的输出：${largest}（${n(largestValues)}）。`,
  },
  reply: {
    headline: (input, output, params, layers) =>
      `${input} → ${output} · ${params === null ? "?" : n(params)} 个参数 · ${n(layers)} 层`,
    headlineStopped: (input, layer, className, line) =>
      `${input} → 在 ${layer}（${className}）处停止，第 ${line} 行：见下方 ✗。`,
    where: (line, column) =>
      line === null ? "" : `第 ${line} 行${column !== null ? `，第 ${column} 列` : ""}`,
    fixLabel: "解决办法：",
    noteLabel: "注：",
    checkedFix: "解决办法（已验证：改后每一层都成立）：",
    alsoChecked: "同样验证可行：",
    alternative: ({ kind, line, code }) =>
      kind === "replace"
        ? `第 ${line} 行改为 \`${code}\``
        : kind === "insert"
          ? `在第 ${line} 行前加 \`${code}\``
          : `删去第 ${line} 行（\`${code}\`）`,
    minInput: (side, shape) =>
      `每一层都能接受的最小输入是 ${side}×${side}：${shape}（逐个尺寸分析模型验证）。`,
    totalsBeforeError: "（出错之前的层）",
    totalsUnknown: (label, known, size, unknownLayers) =>
      ` ${label}: ${known} + ?（已知 ${known} = ${size}；${unknownLayers.join("、")} 未知）`,
  },
  messages: {
    empty:
      "消息是空的。请粘贴你的模型代码（Keras 的 Sequential、函数式 API 或 model.add；PyTorch 的 nn.Module 或 nn.Sequential），也可以附上它报的错误，我会给出各层的形状、参数和计算过程。",
    tooLong: (size, limit) =>
      `这条消息有 ${size}；我最多读取 ${limit}。只粘贴模型部分（构建模型的类或函数）和报错（如果有）即可。`,
    tooSlow: (seconds) =>
      `读这条消息花了我超过 ${seconds} 秒，所以停下了。只贴模型（或其中一部分），我会马上回答。`,
    internalError:
      "抱歉，我在读这条消息时遇到了自己的一个 bug，不是你的代码的问题。试试只贴模型代码，或者用一句话提问。",
    binary: "这看起来不是文本（含有控制字符或无效字节）。请把模型代码作为文本粘贴。",
    badInputOption: (text, part) =>
      part === null
        ? `--input ${JSON.stringify(text)}：应为 128,128,3 或 (None, 128, 128, 3) 这样的尺寸`
        : `--input ${JSON.stringify(text)}：'${part}' 不是尺寸（应为正整数或 None）`,
    noTorchModel:
      "我读了代码，但没有找到 PyTorch 模型：没有 nn.Module 子类、没有 nn.Sequential(...)，也没有在张量上调用的模块。请粘贴构建模型的代码（带 __init__ 和 forward 的类，或 nn.Sequential）。",
    noPython: (line, column, why) =>
      `我无法把任何代码读成 Python。第一个问题：第 ${line} 行，第 ${column} 列：${reason(why)}。`,
    noModelCode:
      "我在这条消息里没有找到模型代码。请粘贴模型代码（Keras：`model = Sequential([...])` 或构建模型的函数；PyTorch：nn.Module 类或 nn.Sequential），或者直接用一句话问，例如“卷积 24 个 8x8 滤波器，步长 2，输入 128x128x3”，我会给出表格和计算过程。",
    noKerasModel:
      "我读了代码，但没有找到 Keras 模型：没有 Sequential(...)、没有 Model(inputs, outputs)，也没有在 Input 上调用的层。请粘贴构建模型的代码（暂时还不能读取继承 keras.Model 的子类）。",
  },
};
