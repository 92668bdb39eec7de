import type { InverseTexts } from "../locale.js";
import { kerasPad, rangeText as rangeTextIn } from "../notation.js";
import { n } from "./common.js";

// Chinese answers to inverse questions: the same numbers, formulas and code as en/inverse.ts,
// line for line.

function list(xs: readonly string[], last = "或"): string {
  if (xs.length <= 1) return xs.join("");
  return `${xs.slice(0, -1).join("、")} ${last} ${xs[xs.length - 1]}`;
}

const rangeText = (r: [number, number]): string => rangeTextIn(r, n);

/** "卷积核 ≤ 11、步长 ≤ 4"，用户给定的写成 "卷积核 3"。 */
function ranges(x: {
  maxKernel: number;
  maxStride: number;
  fixed: { kernel: boolean; stride: boolean };
}): string {
  return `卷积核 ${x.fixed.kernel ? "" : "≤ "}${x.maxKernel}、步长 ${x.fixed.stride ? "" : "≤ "}${x.maxStride}`;
}

export const zhInverse: InverseTexts = {
  paddingHeader: ({ from, to, kernel, stride, dilation, pool }) => {
    const what = from === to ? `保持 ${from}` : `把 ${from} 变成 ${to}`;
    const window = pool ? `${kernel}×${kernel} 池化窗口` : `${kernel}×${kernel} 卷积核`;
    const extra = [`步长 ${stride}`, ...(dilation > 1 ? [`膨胀率 ${dilation}`] : [])].join("，");
    return `用 ${window}（${extra}）${what} 所需的填充：`;
  },
  torchPadding: ({ pads, formula, code }) =>
    `PyTorch：padding=${list(pads.map(String))}——${formula}，即 ${code}。`,
  torchSame: ({ before, after }) =>
    `  padding='same' 效果相同（PyTorch 只在步长为 1 时允许）：前面填 ${before}，后面填 ${after}。`,
  torchUneven: (x) =>
    x === null
      ? "PyTorch：不超过卷积核大小的填充都得不到这个尺寸。"
      : `PyTorch：两边相同的 padding=p 都得不到这个尺寸；先在前面填 ${x.before}、后面填 ${x.after}：F.pad(x, (${x.before}, ${x.after}, ${x.before}, ${x.after}))，再用 padding=0——${x.formula}，即 ${x.code}。`,
  kerasPadding: ({ same, valid, uneven, rank }) => {
    if (same.ok) return [`Keras：${same.formula}。`, `  （'valid' 会得到 ${valid.formula}。）`];
    if (valid.ok) return [`Keras：padding='valid'——${valid.formula}。`];
    const pad =
      uneven === null
        ? ""
        : `可以在 'valid' 层前面加 ${kerasPad(rank)}(${rank === 1 ? `(${uneven.before}, ${uneven.after})` : `((${uneven.before}, ${uneven.after}), (${uneven.before}, ${uneven.after}))`})。`;
    return [`Keras：两个填充词都不行：'same' 得到 ${same.formula}；'valid' 得到 ${valid.formula}。${pad}`];
  },
  searchHeader: ({ from, to, count, pool, ...x }) =>
    `在${ranges(x)} 的范围内，有 ${n(count)} 种${pool ? "池化" : "卷积"}设置能把 ${from} 正好变成 ${to}${count > 1 ? "，常用的排在前面" : ""}：`,
  windowSolution: ({ kernel, stride, padding, formula, tiled }) =>
    `  • 卷积核 ${kernel}，步长 ${stride}，填充 ${padding}：${formula}${tiled ? `（步长 ${stride} 的 ${kernel}×${kernel} 池化效果相同，而且没有权重）` : ""}`,
  more: ({ count, examples }) => `  … 另外还有 ${n(count)} 种，例如 ${examples.join("；")}。`,
  settingShort: ({ kernel, stride, padding, outputPadding }) =>
    `卷积核 ${kernel} 步长 ${stride} 填充 ${padding}${outputPadding === undefined ? "" : ` output_padding ${outputPadding}`}`,
  kerasSearch: ({ stride, formula, valid }) => {
    const same =
      stride === null || formula === null
        ? "Keras：步长 ≤ 4 配 padding='same' 都得不到"
        : `Keras：strides=${stride}，卷积核大小任意——${formula}`;
    const v =
      valid === null
        ? "."
        : valid.length === 0
          ? "；用 'valid' 时上面没有一种可行。"
          : `；用 'valid' 时：${list(valid.map((x) => `卷积核 ${x.kernel} strides ${x.stride}`))}。`;
    return `${same}${v}`;
  },
  torchCode: ({ code }) => `PyTorch 写法：${list(code)}。`,
  noWindow: ({ from, to, grow, ...x }) =>
    grow
      ? `${ranges(x)} 的转置卷积都不能把 ${from} 正好变成 ${to}。`
      : `${ranges(x)}（填充不超过卷积核的一半）的卷积或池化都不能把 ${from} 正好变成 ${to}。`,
  growHeader: ({ from, to, count, maxKernel, maxStride }) =>
    `有 ${n(count)} 种转置卷积设置（PyTorch ConvTranspose，卷积核 ≤ ${maxKernel}，步长 ≤ ${maxStride}）能把 ${from} 正好变成 ${to}${count > 1 ? "，常用的排在前面" : ""}：`,
  transposeSolution: ({ kernel, stride, padding, outputPadding, formula }) =>
    `  • 卷积核 ${kernel}，步长 ${stride}，填充 ${padding}${outputPadding > 0 ? `，output_padding ${outputPadding}` : ""}：${formula}`,
  kerasGrow: ({ stride, formula, rank }) =>
    `Keras：Conv${rank}DTranspose(filters, kernel_size, strides=${stride}, padding='same')，卷积核大小任意：${formula}。`,
  upsample: ({ factor, from, to, rank }) =>
    `不用权重：nn.Upsample(scale_factor=${factor}) 或 UpSampling${rank}D(${factor}) 把 ${from} 变成 ${to}（×${factor}）；后面接一个 'same' 卷积尺寸不变。`,
  tooLarge: ({ size, window, stride }) =>
    `这些数字超出了我的搜索范围：尺寸最多 ${n(size)}，卷积核（含膨胀）最多覆盖 ${n(window)} 个位置，步长最多 ${n(stride)}。请用小一些的数字再问，或者说出这一层和它的输入，我来算它的输出。`,
  needModel: (kind) =>
    kind === "input_sizes"
      ? "这取决于模型：把代码贴上来（或者描述各层，例如“卷积 5x5 然后最大池化 2”），我来算出哪些输入尺寸可用。"
      : "这取决于模型：把代码贴上来（或者给出输入尺寸和各层），我来算出怎样得到这个尺寸。",
  inputSizes: ({ ranges, open, smallest }) => {
    const shown = ranges.slice(0, 6).map(rangeText);
    if (open && ranges.length === 1)
      return `可用的输入尺寸（H = W = s）：所有 s ≥ ${n(smallest)}。最小是 ${n(smallest)}×${n(smallest)}。`;
    return `可用的输入尺寸（H = W = s）：s = ${shown.join("、")}${ranges.length > 6 ? "、…" : ""}${open ? " 及以上" : ""}。最小是 ${n(smallest)}×${n(smallest)}。`;
  },
  noInputSize: ({ limit }) => `不超过 ${n(limit)}×${n(limit)} 的正方形输入都不适用于这个模型。`,
  smallestBecause: ({ layer, expr, at, value }) =>
    `再小的话 ${layer} 就什么都不剩了：s = ${n(at)} 时 ${expr} = ${n(value)}`,
  constraint: ({ layer, what, expr, equals }) =>
    `${layer} 要求 ${expr} = ${n(equals)}${what === "in_features" ? "（它的 in_features）" : what === "view" ? "（view 的大小）" : ""}`,
  exactSizes: ({ sizes, more }) =>
    `没有任何带步长的层丢掉最后一行或一列的尺寸：${sizes.map(n).join("、")}${more ? "、…" : ""}。每一级都需要：`,
  exactCondition: ({ layer, expr, stride }) => `${layer}：(${expr}) 能被 ${stride} 整除`,
  independentAxes: (vars) => `${list(vars, "和")} 互不影响：各自遵循同样的规则，所以非正方形的输入也可以。`,
  targetInput: ({ to, sizes, chain }) => [
    `要得到 ${to} 的输出，输入必须是 H = W = ${sizes.map(rangeText).join(" 或 ")}。`,
    `  ${chain.join(" → ")}`,
  ],
  noTargetInput: ({ to, limit, nearest }) =>
    `不超过 ${n(limit)} 的正方形输入都得不到正好 ${to}${
      nearest.length === 0
        ? "。"
        : `；最接近的：${nearest.map((x) => `输入 ${n(x.input)} → ${x.output}`).join("，")}。`
    }`,
  targetChange: ({ to, layer, className, now, input }) =>
    `代码固定了输入，所以要改最后一个决定尺寸的层：${layer}（${className}）把 ${input} 变成 ${now}。能得到 ${to} 的设置，改动最小的在前：`,
  targetSetting: ({ change, formula }) => `  • ${change}：${formula}`,
  noTargetChange: ({ to, layer }) =>
    `  ${layer} 的卷积核 ≤ 8、步长 ≤ 4 和各种填充都得不到 ${to}；需要改前面的层或输入尺寸。`,
};
