import { formatShape, torchList } from "../../../model/shape.js";
import type { ConceptTexts } from "../locale.js";
import { convClass, kernelArg, product } from "../notation.js";
import { n } from "./common.js";

// Chinese answers to the concept questions, with the user's numbers: the same numbers, shapes and
// code as en/concepts.ts, line for line.

const sizes = (xs: readonly number[]): string => xs.join("×");

export const zhConcepts: ConceptTexts = {
  channels: ({ layer, filters, kernel, inChannels, output }) => {
    const perFilter = product(kernel) * inChannels;
    const each = perFilter + 1;
    const lines =
      inChannels === 1
        ? [
            `${layer} 的 ${n(filters)} 个滤波器每个都是 ${sizes([...kernel, 1])} = ${n(perFilter)} 个权重，作用在这 1 个输入通道上，每个位置得到一个数。`,
          ]
        : [
            `${layer} 的 ${n(filters)} 个滤波器每个都是 ${sizes([...kernel, inChannels])} = ${n(perFilter)} 个权重：它覆盖全部 ${inChannels} 个输入通道，并在每个位置把它们加成一个数。`,
          ];
    lines.push(
      inChannels === 1
        ? `所以输出是每个滤波器一个通道：${formatShape(output)}。`
        : `所以输出是每个滤波器一个通道：${formatShape(output)}，而不是 ${formatShape([...output, inChannels])} 或 ${n(filters)}×${inChannels} 个通道。`,
      `每个输入通道的权重都算在参数里：${sizes([...kernel, inChannels])} + 1 个偏置 = 每个滤波器 ${n(each)} 个 → ${n(filters)} × ${n(each)} = ${n(filters * each)} 个参数。`,
    );
    return lines;
  },

  batchNone: ({ output, framework }) => {
    if (framework === "pytorch") {
      const batch = output?.[0];
      return [
        output && typeof batch === "number"
          ? `PyTorch 没有 None：它的形状带着你给的批量大小，这里是 ${n(batch)}：${formatShape(output)}。`
          : "PyTorch 没有 None：它的形状带着你给的批量大小，放在第一个轴。",
        "Keras 把同一个轴写成 None：批量大小，在喂入数据之前不确定。",
      ];
    }
    const lines = [
      "None 是批量大小（batch_size）：Keras 在你喂入数据之前不确定它，所以同一个模型可以接收任意批量。",
    ];
    if (output && output.length > 1) {
      const rest = output.slice(1);
      lines.push(
        `${formatShape(output)} 表示任意多个样本，每个样本是 ${formatShape(rest)}：喂入一批 32 个，就得到 ${formatShape([32, ...rest])}。`,
      );
    }
    return lines;
  },

  padding: ({ input, kernel, stride, dilation, valid, same, padBefore, padAfter, framework }) => {
    const kEff = dilation * (kernel - 1) + 1;
    const lines: string[] = [];
    if (dilation !== 1) lines.push(`空洞卷积核：k_eff = ${dilation}·(${kernel} − 1) + 1 = ${kEff}。`);
    lines.push(
      valid === null
        ? `'valid'（不填充）：大小为 ${kEff} 的卷积核放不进 ${n(input)}，所以没有输出。`
        : `'valid'（不填充）：⌊(${n(input)} − ${kEff})/${stride}⌋ + 1 = ${n(valid)}。`,
    );
    const total = padBefore + padAfter;
    lines.push(
      total === 0
        ? `'same'：⌈${n(input)}/${stride}⌉ = ${n(same)}，不需要填充。`
        : `'same'：⌈${n(input)}/${stride}⌉ = ${n(same)}，共填充 ${total} 个零：前面 ${padBefore} 个，后面 ${padAfter} 个。`,
    );
    if (padAfter > padBefore) {
      lines.push("总数是奇数：TensorFlow/Keras 把多出的那个像素补在下方/右侧。");
    }
    if (framework === "pytorch") {
      lines.push(
        stride === 1
          ? "PyTorch：padding='same' 的填充方式相同（多出的那个也在右侧），但只支持步长 1。"
          : `PyTorch：padding='same' 只支持步长 1；步长为 ${stride} 时请把填充写成数字，例如 padding=${Math.floor(kEff / 2)}。`,
      );
    }
    return lines;
  },

  paramsVsInput: ({ conv, convParams, kernel, inChannels, filters, dense, units }) => {
    const lines = [
      `${conv}：参数 = filters·(${kernel.map(() => "k").join("·")}·C_in + 1) = ${n(filters)}·(${kernel.join("·")}·${inChannels} + 1) = ${n(convParams)}，与图像大小无关：同一个 ${sizes([...kernel, inChannels])} 卷积核在每个位置上滑动。`,
    ];
    if (dense.length > 0) {
      lines.push(`Flatten 之后的 Dense(${n(units)}) 有 特征数·units + units 个参数，而特征数随 H×W 增长：`);
      for (const d of dense) {
        lines.push(`  ${d.input} → ${n(d.features)}·${n(units)} + ${n(units)} = ${n(d.params)} 个参数`);
      }
      lines.push("用 GlobalAveragePooling2D 代替 Flatten，后面的层就与输入大小无关。");
    }
    return lines;
  },

  filtersVsKernel: ({ filters, kernel, inChannels, output }) => {
    const perFilter = product(kernel) * inChannels;
    return [
      `filters=${n(filters)} 是输出多少个特征图：${formatShape(output)} 的通道轴就是 ${n(filters)}。`,
      `kernel_size=${kernelArg(kernel)} 是每个滤波器看的窗口；输入有 ${inChannels} 个通道，所以每个滤波器是 ${sizes([...kernel, inChannels])} = ${n(perFilter)} 个权重。`,
      `参数：${n(filters)} × (${n(perFilter)} + 1) = ${n(filters * (perFilter + 1))}。`,
    ];
  },

  weights: ({ framework, layers }) => {
    const lines = [
      framework === "keras"
        ? "Keras 布局下的权重张量（kernel：空间轴…, C_in, C_out）："
        : "PyTorch 布局下的权重张量（weight：C_out, C_in, 空间轴…）：",
    ];
    for (const layer of layers) {
      if (layer.tensors.length === 0) {
        lines.push(`  ${layer.name}（${layer.className}）：没有权重`);
        continue;
      }
      const total = layer.tensors.reduce((s, t) => s + product(t.shape), 0);
      const tensors = layer.tensors
        .map((t) => `${t.name} ${formatShape(t.shape)}`)
        .join(framework === "keras" ? " + " : ", ");
      lines.push(`  ${layer.name}（${layer.className}）：${tensors} = ${n(total)} 个参数`);
    }
    return lines;
  },

  layerVsOp: ({ filters, kernel, inChannels, framework }) => {
    const params = filters * (product(kernel) * inChannels + 1);
    const rank = kernel.length;
    if (framework === "pytorch") {
      return [
        `${convClass(kernel, framework)}(${inChannels}, ${n(filters)}, ${kernelArg(kernel)}) 是一个模块：它创建并持有 weight ${formatShape([filters, inChannels, ...kernel])} + bias (${filters},) = ${n(params)} 个参数。`,
        `F.conv${rank}d(x, weight) 只做计算：weight（和 bias）由你自己传入；它没有 out_channels 参数（就是 weight.shape[0]），除非你把它做成 nn.Parameter，否则没有要训练的东西。`,
      ];
    }
    return [
      `${convClass(kernel, framework)}(${n(filters)}, ${kernelArg(kernel)}) 是一个层：它创建并持有自己的卷积核 ${formatShape([...kernel, inChannels, filters])} + 偏置 (${filters},) = ${n(params)} 个参数，会显示在 model.summary() 里。`,
      `K.conv${rank}d(x, kernel) / tf.nn.conv${rank}d 只做计算（Keras 3 中是 keras.ops.conv）：卷积核张量由你传入；没有 filters 参数（它就是卷积核的最后一个轴），没有偏置，摘要里也没有参数。`,
    ];
  },

  stridedVsPool: ({ input, stride, strided, conv, pooled, params, macsStrided, macsConvPool }) => {
    const ratio = macsStrided > 0 ? macsConvPool / macsStrided : null;
    const times =
      ratio === null ? "更多" : Number.isInteger(ratio) ? `${ratio} 倍` : `约 ${ratio.toFixed(1)} 倍`;
    return [
      `步长 ${stride} 的卷积：${input} → ${strided}，${n(params)} 个参数，${n(macsStrided)} 次 MACs。`,
      `步长 1 的卷积再接 ${stride}×${stride} 池化：${input} → ${conv} → ${pooled}，参数同样是 ${n(params)} 个，${n(macsConvPool)} 次 MACs（计算量是 ${times}：卷积在每个位置都算一遍，池化之后只保留 ${stride * stride} 个中的 1 个）。`,
      "带步长的卷积会学习怎样下采样；池化是固定的规则，没有权重。",
    ];
  },

  inFeatures: ({ framework, layer, features, source, declared, units }) => {
    const show = (s: readonly (number | string | null)[]) =>
      framework === "pytorch" ? torchList(s) : formatShape([...s]);
    if (typeof features !== "number") {
      return [
        `${layer} 收到 ${features ?? "?"} 个特征：这取决于输入尺寸，所以没有一个 in_features 适合所有输入（下方的说明给出可用的尺寸）。`,
      ];
    }
    const lines: string[] = [];
    const per = source ? source.shape.slice(1) : [];
    lines.push(
      source && per.every((d) => typeof d === "number")
        ? `${layer} 每个样本收到 ${n(features)} 个特征：${source.name} 输出 ${show(source.shape)}，展平 ${(per as number[]).join("×")} 得到 ${n(features)}。`
        : `${layer} 每个样本收到 ${n(features)} 个特征。`,
    );
    if (framework === "pytorch")
      lines.push(
        declared === features
          ? `你的 in_features=${n(declared)} 是对的：nn.Linear(${n(features)}, ${n(units)})。`
          : `所以 in_features 必须是 ${n(features)}：nn.Linear(${features}, ${units})${declared === null ? "" : `（代码里写的是 ${n(declared)}）`}。也可以用 nn.LazyLinear(${units})，它会从第一个批次读出这个数。`,
      );
    else lines.push(`Keras 的 Dense 会自己读出输入大小：Dense(${units}) 得到 ${n(features)} 个输入。`);
    return lines;
  },
  chooseFilters: ({ filters }) => {
    const lines = [
      "没有公式：滤波器个数是一个超参数。",
      "常见做法：前几层用 32 或 64 个，取 2 的幂，空间尺寸每减半一次就翻一倍（32 → 64 → 128 → 256），再在验证集上调。",
    ];
    lines.push(
      filters === null
        ? "滤波器越多，参数和 MACs 越多：两者都和滤波器个数成正比。"
        : `滤波器越多，参数和 MACs 越多：从 ${n(filters)} 个增加到 ${n(2 * filters)} 个，这一层的参数和 MACs 翻倍，下一个卷积层的也翻倍（它的输入通道数翻倍了）。`,
    );
    return lines;
  },
};
