import { thousands } from "../../format.js";
import type { PastedErrorTexts } from "../locale.js";
import { pyTuple } from "../notation.js";

// 粘贴的框架报错是什么意思，用报错里的数字说明（中文）。

const n = thousands;
const shape = pyTuple;
/** A Python list of sizes as PyTorch prints it: [32, 3, 3, 3]. */
const list = (s: readonly (number | null)[]) => `[${s.join(", ")}]`;
const PASTE = "把模型代码一起贴上来，我会指出是哪一层，在你的模型上验证修改，并给出完整的表格。";

export const pastedErrors: PastedErrorTexts = {
  lines(e, facts) {
    switch (e.kind) {
      case "matmul": {
        const [batch, got] = e.a as [number, number];
        const [want, out] = e.b as [number, number];
        const made = facts.factorizations.map(([c, s]) => `${c}·${s}·${s}`).join("、");
        return [
          `PyTorch：一个 Linear（或矩阵乘法）每个样本收到 ${n(got)} 个特征，但它按 ${n(want)} 个建的。`,
          `  • 输入是 ${batch} × ${n(got)}（batch 为 ${batch}）；nn.Linear(${want}, ${out}) 要乘以转置后的权重 ${n(want)} × ${n(out)}：中间的尺寸必须相等，而 ${n(got)} ≠ ${n(want)}。`,
          ...(made
            ? [`  • ${n(got)} 是前一层每个样本的输出；若是通道 × 高 × 宽展平而来，可能是 ${made}。`]
            : []),
          `解决办法：nn.Linear(${got}, ${out})，或者 nn.LazyLinear(${out})（第一次调用时自动确定输入尺寸）。`,
          PASTE,
        ];
      }
      case "channels": {
        const [filters, perGroup, ...kernel] = e.weight;
        const conv = `Conv${kernel.length}d`;
        return [
          `PyTorch：${conv} 按 ${e.expected} 个输入通道建的，但输入只有 ${e.got} 个通道。`,
          `  • 权重 ${list(e.weight)} 表示 ${filters} 个 ${kernel.join("×")} 的滤波器，每个覆盖 ${perGroup} 个通道${e.groups > 1 ? `（每组，groups=${e.groups}）` : ""}。`,
          `  • 输入 ${list(e.input)} 的布局是 (N, C, …)：通道在第 1 维，是 ${e.input[1]}。`,
          `解决办法：nn.${conv}(${e.got}, ${filters}, kernel_size=${kernel[0]})，或者给模型 ${e.expected} 通道的输入${e.got === 1 && e.expected === 3 ? "（x.repeat(1, 3, 1, 1)，或 transforms.Grayscale(num_output_channels=3)）" : ""}。`,
          PASTE,
        ];
      }
      case "view": {
        const fixed = e.target.filter((d): d is number => d !== null && d !== -1).reduce((a, b) => a * b, 1);
        return [
          e.target.includes(-1)
            ? `PyTorch：view/reshape 成 ${list(e.target)} 需要把 ${n(e.size)} 个值按每组 ${n(fixed)} 个分开，而 ${n(e.size)} / ${n(fixed)} = ${+(e.size / fixed).toFixed(3)} 不是整数。`
            : `PyTorch：view/reshape 成 ${list(e.target)} 正好需要 ${n(fixed)} 个值，但张量有 ${n(e.size)} 个。`,
          `  • 也就是说 view 之前的张量形状和代码假设的不一样（在它前面 print(x.shape) 看看）。${facts.splits.length > 0 ? `${n(e.size)} = ${facts.splits.map(([b, v]) => `${b} × ${n(v)}`).join(" = ")}：batch 为 ${facts.splits.map(([b]) => b).join("、")} 时，每个样本分别有 ${facts.splits.map(([, v]) => n(v)).join("、")} 个值。` : ""}`,
          "解决办法：x.view(x.size(0), -1) 保留 batch、展平其余各维；后面的 Linear 的 in_features 就是每个样本的值的个数（或用 nn.LazyLinear）。",
          PASTE,
        ];
      }
      case "ndim":
        return [
          `Keras：这一层要 ${e.expected} 维输入，却收到 ${e.found} 维${e.shape ? ` ${shape(e.shape)}` : ""}。`,
          ...(e.expected === 3 && e.found === 2
            ? [
                "  • 循环层（LSTM、GRU、SimpleRNN）和 Conv1D 读的是 (batch, timesteps, features)；前一层每个样本只给了一个向量。",
                `解决办法：如果前一层是 LSTM/GRU，给它加 return_sequences=True；否则在这一层前加 Reshape((${e.shape?.[1] ?? "timesteps"}, 1))（或 RepeatVector(n)）。`,
              ]
            : [`解决办法：让前一层输出 ${e.expected} 维（Flatten、Reshape，或循环层的 return_sequences）。`]),
          PASTE,
        ];
      case "negdim":
        return [
          `TensorFlow：大小为 ${e.kernel} 的窗口放不进 ${e.size} 个位置：'valid' 填充下输出是 ${e.size} − ${e.kernel} + 1 = ${e.size - e.kernel + 1}。`,
          "  • 到这一层特征图已经缩得太小：对这个输入尺寸来说池化或步长太多，或者输入比模型设计的小。",
          "解决办法：这一层用 padding='same'，减少池化层，或者用更大的输入。",
          PASTE,
        ];
      case "computed": {
        const spatial = e.input ? e.input.slice(1, -1) : null;
        const kernel = e.kernel ? e.kernel.slice(0, -2) : null;
        return [
          `Keras：某一层的输出没有位置了${spatial && kernel ? `：${kernel.join("×")} 的卷积核比它收到的 ${spatial.join("×")} 特征图还大（${spatial[0]} − ${kernel[0]} + 1 = ${(spatial[0] ?? 0) - (kernel[0] ?? 0) + 1}）` : ""}。`,
          "  • 到这一层特征图已经缩得太小：对这个输入尺寸来说池化或步长太多，或者输入比模型设计的小。",
          "解决办法：这一层用 padding='same'，减少池化层，或者用更大的输入。",
          PASTE,
        ];
      }
      case "toosmall":
        return [
          `PyTorch：一个池化（或卷积）层收到 ${e.input[0]} 个通道的 ${e.input.slice(1).join("×")} 特征图，输出会是 ${e.output.slice(1).join("×")}：什么都不剩。`,
          "解决办法：去掉一个池化层，加填充，或者用更大的输入。",
          PASTE,
        ];
      case "axis":
        return [
          `Keras：这一层在第 ${e.axis} 维上要 ${n(e.expected)} 个值，却收到 ${shape(e.shape)}，最后一维是 ${e.shape.at(-1)}。`,
          ...(facts.flattens
            ? [
                `  • ${e.shape.slice(1).join(" × ")} = ${n(e.expected)}：数据没错，只是没有展平。Dense 只作用在最后一维上。`,
                "解决办法：在这一层前加 layers.Flatten()。",
              ]
            : [`解决办法：让前一层每个样本输出 ${n(e.expected)} 个值，或者改这一层的输入尺寸。`]),
          PASTE,
        ];
      case "running":
        return [
          `PyTorch：BatchNorm 按 num_features=${e.declared} 建的，但输入有 ${e.actual} 个通道。`,
          `解决办法：nn.BatchNorm2d(${e.actual})——num_features 就是前一层的 out_channels。`,
          PASTE,
        ];
      case "rnn":
        return [
          `PyTorch：LSTM/GRU/RNN 按 input_size=${e.declared} 建的，但每个时间步有 ${e.actual} 个特征（输入的最后一维）。`,
          `解决办法：nn.LSTM(${e.actual}, hidden_size, …)——input_size 是嵌入维度或前一层的特征数。`,
          PASTE,
        ];
      case "cat":
        return [
          `PyTorch：torch.cat 沿第 ${e.dim} 维拼接时其他各维必须相等，但一个是 ${e.expected}，第 ${e.tensor} 个张量是 ${e.got}。`,
          "  • 在 U-Net 或跳跃连接里，这通常是奇数尺寸差一个像素：步长 2 的卷积或池化向下取整，转置卷积放大回去时不会补回来。",
          "解决办法：ConvTranspose2d 加 output_padding=1，或者裁剪/缩放其中一个：F.interpolate(x, size=skip.shape[2:])。",
          PASTE,
        ];
      case "kernel":
        return [
          `PyTorch：卷积的 ${e.kernel.join("×")} 卷积核比它收到的（加上填充后）${e.input.join("×")} 特征图还大：${e.input[0]} − ${e.kernel[0]} + 1 = ${(e.input[0] ?? 0) - (e.kernel[0] ?? 0) + 1} 个位置。`,
          "解决办法：这个卷积用 padding=kernel_size // 2，减少池化层，或者用更大的输入。",
          PASTE,
        ];
      case "broadcast":
        return [
          `PyTorch：逐元素运算（x + y、x * y）要求每一维相等（或为 1）：第 ${e.dim} 维一个是 ${e.a}，另一个是 ${e.b}。`,
          ...(e.dim === 1
            ? [
                `解决办法：让分支最后输出 ${e.a} 个通道，或者用 1×1 卷积投影捷径：nn.Conv2d(${e.a}, ${e.b}, 1)。`,
              ]
            : ["解决办法：让两个张量在这一维上一样大（填充、步长或池化），或者改变其中一个的形状。"]),
          PASTE,
        ];
    }
  },
  tied: (line, layer) => `这就是第 ${line} 行（${layer}）的错误：见下方 ✗。`,
};
