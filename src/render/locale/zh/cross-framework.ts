import type { Caveat, Translation } from "../../../translate/layer-translation.js";
import type { CrossNote } from "../../../translate/model-notes.js";
import type { WeightTensor } from "../../../translate/weight-layouts.js";
import type { CrossFrameworkTexts } from "../locale.js";
import { CELL, GATES, PERMUTE, TORCH_CELL } from "../notation.js";
import { n } from "./common.js";

// Keras ↔ PyTorch 的说明和单层翻译（中文）。代码、数字和形状与英文版相同（见 en/cross-framework.ts）。

const AXES: Record<number, string[]> = { 1: ["长度"], 2: ["高度", "宽度"], 3: ["深度", "高度", "宽度"] };

const tuple = (xs: readonly number[]): string => (xs.length === 1 ? `(${xs[0]},)` : `(${xs.join(", ")})`);
const tensors = (ws: readonly WeightTensor[]): string =>
  ws.map((w) => `${w.name} ${tuple(w.shape)}`).join("、");
const names = (xs: string[]): string =>
  xs.length <= 3 ? xs.join("、") : `${xs.slice(0, 3).join("、")} 等 ${xs.length} 层`;
const strideArg = (s: number[]): string => (s.every((x) => x === s[0]) ? `${s[0]}` : tuple(s));

function padsText(pads: [number, number][]): string {
  const axes = AXES[pads.length] ?? pads.map((_, i) => `第 ${i + 1} 轴`);
  const first = pads[0] as [number, number];
  if (pads.every(([b, a]) => b === first[0] && a === first[1]))
    return `${axes.join("和")}各填充 (${first[0]}, ${first[1]})`;
  return pads.map(([b, a], i) => `${axes[i]}填充 (${b}, ${a})`).join("，");
}

function poolAdvice(pads: [number, number][], fPad: string, pool: "max" | "avg"): string {
  if (pool === "max")
    return `先 \`F.pad(x, ${fPad}, value=float('-inf'))\` 再用 padding=0（TF 的最大池化不会取到填充的位置）`;
  const before = pads.map(([b]) => b);
  const extra = before.some((b) => b > 0)
    ? `padding=${strideArg(before)}, ceil_mode=True, count_include_pad=False`
    : "ceil_mode=True";
  return `用 ${extra}：TF 只对落在输入内的位置求平均，PyTorch 越过末尾的最后一个窗口也是如此（用 F.pad 补的零会被算进平均）`;
}

export const zhCrossFramework: CrossFrameworkTexts = {
  notesHeader: "Keras ↔ PyTorch：",

  note: (x: CrossNote) => {
    switch (x.code) {
      case "same_asymmetric": {
        const what = `${names(x.layers)}（${x.className}，strides=${strideArg(x.stride)}，padding='same'）`;
        const head = `${what}：Keras 在这里${padsText(x.pads)}——TF 把多出的一个像素放在下方/右侧。PyTorch 的 padding= 两侧相同，无法表达：`;
        return x.pool === null
          ? `${head}先 \`F.pad(x, ${x.fPad})\` 再用 padding=0。`
          : `${head}${poolAdvice(x.pads, x.fPad, x.pool)}。`;
      }
      case "transpose_same": {
        const crop = x.kernel.map(() => ":-1").join(", ");
        return `${names(x.layers)}（${x.className}，kernel ${strideArg(x.kernel)}，strides=${strideArg(x.stride)}，padding='same'）：TF 把多出的那个位置从末尾裁掉；PyTorch 的 padding= 两端裁得一样多，所以 padding=${strideArg(x.padding.map((p) => p + 1))}, output_padding=1 形状对了，但整体错开一个像素。应当用 padding=${strideArg(x.padding)}，再去掉最后一个位置：\`x[..., ${crop}]\`。`;
      }
      case "rnn_bias": {
        const g = GATES[x.cell];
        const per = x.copies > 1 ? (x.from === "keras" ? "，每个方向" : `，${x.copies} 个层×方向各一份`) : "";
        if (x.from === "keras") {
          const label = `${x.layer}（${CELL[x.cell]}，${n(x.units)} 个单元）`;
          if (x.cell === "gru" && !x.resetBefore)
            return `${label}：reset_after=True 有两个偏置向量，和 PyTorch 的 nn.GRU 一样（2·3·${n(x.units)} = ${n(6 * x.units)}${per}）：两边都是 ${n(x.keras)} 个参数。`;
          if (x.resetBefore)
            return `${label}：reset_after=False 只有一个偏置（3·${n(x.units)} = ${n(3 * x.units)}${per}）：${n(x.keras)} 个参数。PyTorch 的 nn.GRU 总是在循环矩阵乘之后再乘重置门，有两个偏置：${n(x.pytorch)} 个参数（多 ${n(x.pytorch - x.keras)}），也没有 reset_after=False 的开关。`;
          return `${label}：PyTorch 的 ${TORCH_CELL[x.cell]} 每个门有两个偏置向量（bias_ih 和 bias_hh，2·${g === 1 ? "" : `${g}·`}${n(x.units)} = ${n(2 * g * x.units)}${per}），Keras 只有一个（${g === 1 ? "" : `${g}·`}${n(x.units)} = ${n(g * x.units)}${per}）：Keras ${n(x.keras)} 个参数，PyTorch ${n(x.pytorch)} 个（多 ${n(x.pytorch - x.keras)}）。`;
        }
        const label = `${x.layer}（${TORCH_CELL[x.cell]}，hidden ${n(x.units)}）`;
        if (x.cell === "gru")
          return `${label}：Keras 的 GRU（默认 reset_after=True）同样有两个偏置向量：两边都是 ${n(x.pytorch)} 个参数。`;
        return `${label}：两个偏置向量（bias_ih + bias_hh${per}）比只有一个偏置的 Keras ${CELL[x.cell]} 多 ${n(x.pytorch - x.keras)} 个参数：这里 ${n(x.pytorch)} 个，Keras 中 ${n(x.keras)} 个。`;
      }
      case "batch_norm": {
        const which = names(x.layers);
        if (x.from === "keras")
          return `${which}：Keras 把移动均值和方差（2·${n(x.channels)} = ${n(x.stats)}）算作不可训练参数。PyTorch 的 nn.BatchNorm 把它们存为缓冲区（running_mean、running_var），不在 parameters() 里：torchinfo 会少算 ${n(x.stats)} 个参数，并显示 Non-trainable params: 0。`;
        return `${which}：running_mean 和 running_var 是缓冲区，torchinfo 只统计 weight 和 bias（Non-trainable params: 0）。Keras 的 BatchNormalization 把移动均值和方差算作不可训练参数：model.summary() 会多出 ${n(x.stats)} 个（2·${n(x.channels)}），全部不可训练。`;
      }
    }
  },

  translationHeader: ({ layer, className, line, to }) =>
    `${layer ? `${layer}（${className}${line !== null ? `，第 ${line} 行` : ""}）` : `${className} `}用 ${to === "keras" ? "Keras" : "PyTorch"} 写：`,

  weights: (t: Translation) => {
    if (!t.weights || !t.params) return [];
    const { keras, pytorch, buffers } = t.weights;
    if (keras.length === 0 && pytorch.length === 0) return ["两个框架里都没有权重。"];
    const lines = [`权重——Keras：${tensors(keras)}；PyTorch：${tensors(pytorch)}。`];
    const p = t.params;
    if (p.kerasNonTrainable > 0) {
      lines.push(
        `参数：Keras ${n(p.keras)} 个（其中 ${n(p.kerasNonTrainable)} 个不可训练：移动统计量）；PyTorch ${n(p.pytorch)} 个——${tensors(buffers.filter((b) => b.shape.length > 0))} 和 num_batches_tracked 是缓冲区，不是参数。`,
      );
    } else if (p.keras === p.pytorch) lines.push(`参数：两边都是 ${n(p.keras)} 个。`);
    else
      lines.push(
        `参数：Keras ${n(p.keras)} 个，PyTorch ${n(p.pytorch)} 个（两个偏置向量：多 ${n(p.pytorch - p.keras)}）。`,
      );
    return lines;
  },

  caveat: (c: Caveat) => {
    switch (c.code) {
      case "same_asymmetric":
        return c.pool === "avg"
          ? `Keras 的 'same' 在这里${padsText(c.pads)}（多出的在下方/右侧）：${poolAdvice(c.pads, c.fPad, "avg")}。`
          : `Keras 的 'same' 在这里${padsText(c.pads)}（TF 把多出的像素放在下方/右侧）；PyTorch 的 padding= 两侧相同，所以要 \`F.pad(x, ${c.fPad}${c.pool === "max" ? ", value=float('-inf')" : ""})\` 再用 padding=0。`;
      case "same_unknown_size":
        return `strides=${strideArg(c.stride)} 时，Keras 'same' 的填充取决于输入大小（奇数的那个像素在下方/右侧）：给出输入大小才能确定是否需要 F.pad；只有两侧填充相同时 padding=k//2 才等价。`;
      case "causal":
        return `Keras 的 'causal' 只在开头补 ${c.pad} 个零：在该层之前 \`F.pad(x, ${c.fPad})\`。`;
      case "transpose_crop":
        return `TF 把多出的那个位置从末尾裁掉；PyTorch 的 padding= 两端裁得一样多，所以每个轴末尾多出 ${c.crop} 个——按上面去掉。（padding 加 1 再配 output_padding=1 形状对，但错开一个像素。）`;
      case "in_channels_unknown":
        return c.lazy
          ? `从你的消息看不出输入通道数：${c.lazy} 会在第一次调用时推断（或者把 Lazy 类换成普通类并写上你的通道数）。`
          : "从你的消息看不出输入通道数/特征数：把占位符换成你的数字。";
      case "layout": {
        const p = PERMUTE[c.rank] ?? PERMUTE[2];
        if (!p) return "";
        return c.to === "pytorch"
          ? `PyTorch 是通道在前：输入 ${p.torch}——用 \`${p.toTorch}\` 把 Keras 的 ${p.keras} 转过来。`
          : `Keras 默认通道在后：输入 ${p.keras}（\`${p.toKeras}\`），或者传 data_format='channels_first'。`;
      }
      case "flatten_order":
        return c.to === "pytorch"
          ? "Flatten 的展开顺序不同——Keras 是 (H, W, C)，PyTorch 是 (C, H, W)：大小一样，但其后训练好的 Dense/Linear 权重要重新排列。"
          : "Flatten 的展开顺序不同——PyTorch 是 (C, H, W)，Keras 是 (H, W, C)：大小一样，但其后训练好的 Linear/Dense 权重要重新排列。";
      case "batch_norm_defaults":
        return c.to === "pytorch"
          ? "Keras 的默认值 momentum=0.99、epsilon=1e-3 对应 PyTorch 的 momentum=0.01、eps=1e-3（PyTorch 的 momentum 是新批次的权重：1 − 0.99）；PyTorch 自己的默认值是 momentum=0.1、eps=1e-5。"
          : "PyTorch 的默认值 momentum=0.1、eps=1e-5 对应 Keras 的 momentum=0.9、epsilon=1e-5；axis=1 是因为 PyTorch 的张量通道在前。";
      case "rnn_output":
        if (c.to === "pytorch")
          return c.returnSequences
            ? "batch_first=True 保持 Keras 的 (N, T, features) 顺序；out 含每个时间步，等于 return_sequences=True。"
            : "PyTorch 的循环层返回每个时间步（以及状态）：out[:, -1] 才是 Keras return_sequences=False 的输出；batch_first=True 保持 Keras 的 (N, T, features) 顺序。";
        return c.batchFirst
          ? "Keras 层加 return_sequences=True 才返回每个时间步，和 PyTorch 的 out 一样；最后一层去掉它就只取最后一步。"
          : "Keras 要 (N, T, features)：你的 batch_first=False 输入 (T, N, features) 需要 x.transpose(1, 0, 2)。return_sequences=True 返回每个时间步，和 PyTorch 的 out 一样。";
      case "rnn_bias":
        return "";
      case "gru_reset_before":
        return "reset_after=False 在 PyTorch 里没有对应：nn.GRU 总是在循环矩阵乘之后再乘重置门（即 Keras 的 reset_after=True），有两个偏置向量。";
      case "max_pool_padding":
        return "PyTorch 的最大池化用 −∞ 填充；ZeroPadding 用 0 填充，遇到负数输入时 0 会胜出（ReLU 之后则一样）。";
      case "torch_padding_to_keras":
        return "PyTorch 的平均池化把填充的零算进平均（count_include_pad=True），ZeroPadding 再 AveragePooling 也是这样。";
      case "ceil_mode":
        return "Keras 没有 ceil_mode：padding='same'（⌈in/s⌉ 个位置）常常得到相同的大小，但填充方式不同——请对照形状。";
      case "unsupported":
        return `还不会翻译 ${c.className}。`;
    }
  },

  noSuchLayer: (className, found) =>
    found.length > 0
      ? `你的代码里没有 ${className}（有 ${found.join("、")}）；下面逐层给出。`
      : `你的代码里没有 ${className}。`,

  nothingToTranslate: (to) =>
    `没有找到要用 ${to === "keras" ? "Keras" : "PyTorch"} 改写的层。请贴出层的调用，例如 \`Conv2D(24, 8, strides=2)\` 或 \`nn.Conv2d(3, 24, 8, stride=2)\`，并说明要转成哪个框架。`,

  moreLayers: (count) => `……还有 ${count} 层：按类名单独问即可。`,
};
