import type { Step, WindowAxisStep } from "../../../shape/steps.js";
import { inNotation, stepShape } from "../notation.js";
import { axisWord, dim, list, n, sizes } from "./common.js";

// Chinese wording of the coded steps: the same formulas and numbers as en/steps.ts ("·" multiplies
// inside a formula, "×" sits between sizes, ⌊ ⌋ / ⌈ ⌉ mark floor and ceiling, "4,632").

/** "k_eff = 2·(3 − 1) + 1 = 5；" when the kernel is dilated. */
function effective(s: { kernel: number; dilation: number; kEff: number }): string {
  return s.dilation === 1 ? "" : `k_eff = ${s.dilation}·(${s.kernel} − 1) + 1 = ${s.kEff}；`;
}

function padTerm(before: number, after: number): string {
  if (before === after) return ` + 2·${before}`;
  return ` + ${before} + ${after}`;
}

function windowAxis(s: WindowAxisStep): string {
  const k = s.dilation === 1 ? String(s.kernel) : String(s.kEff);
  const head = `${axisWord(s.axis)}：${effective(s)}`;
  if (s.input === null) return `${head}输入尺寸是 None，所以输出仍是 None`;
  if (s.padding === "same") {
    const pads =
      s.padBefore === null || s.padAfter === null
        ? ""
        : s.padBefore + s.padAfter === 0
          ? "（无需填充）"
          : `（前面填充 ${s.padBefore}，后面填充 ${s.padAfter}${s.padAfter > s.padBefore ? "——多出的那一个补在下方/右侧" : ""}）`;
    return `${head}'same' 填充得到 ⌈${dim(s.input)}/${s.stride}⌉ = ${dim(s.output)}${pads}`;
  }
  const before = s.padBefore ?? 0;
  const after = s.padAfter ?? 0;
  const ceil = s.ceilMode ? ` + (${s.stride} − 1)` : "";
  const formula = `⌊(${dim(s.input)} − ${k}${padTerm(before, after)}${ceil})/${s.stride}⌋ + 1 = ${dim(s.output)}`;
  if (s.padding === "causal") return `${head}因果（causal）填充只在左侧补 ${before}：${formula}`;
  if (s.padding === "same_torch")
    return `${head}padding='same' 在前面填充 ${before}、后面填充 ${after}：${formula}`;
  const note = s.ceilMode
    ? "（ceil_mode：最后一个不完整的窗口只要起点落在输入或左侧填充之内，也算一个输出）"
    : "";
  return `${head}${formula}${note}`;
}

const shape = stepShape;

export function describeStep(step: Step, framework: "keras" | "pytorch" = "keras"): string {
  return inNotation(framework, () => describe(step));
}

function describe(step: Step): string {
  switch (step.code) {
    case "conv.axis":
    case "pool.axis":
      return windowAxis(step);
    case "conv_transpose.axis": {
      const head = `${axisWord(step.axis)}：${effective(step)}`;
      const k = step.kEff;
      if (step.input === null) return `${head}输入尺寸是 None，所以输出仍是 None`;
      if (step.pad > 0 || step.padding === "explicit") {
        return `${head}(${dim(step.input)} − 1)·${step.stride} − 2·${step.pad} + ${step.dilation}·(${step.kernel} − 1) + ${step.outputPadding ?? 0} + 1 = ${dim(step.output)}`;
      }
      if (step.padding === "same" && step.outputPadding === null) {
        return `${head}'same' 转置卷积把尺寸乘以步长：${dim(step.input)}·${step.stride} = ${dim(step.output)}`;
      }
      if (step.padding === "same") {
        return `${head}(${dim(step.input)} − 1)·${step.stride} + ${k} mod 2 + ${step.outputPadding} = ${dim(step.output)}`;
      }
      return `${head}(${dim(step.input)} − 1)·${step.stride} + ${k} + ${step.outputPadding ?? 0}（output_padding）= ${dim(step.output)}`;
    }
    case "conv.channels": {
      if (step.groups > 1) {
        const per =
          typeof step.inChannels === "number"
            ? n(step.inChannels / step.groups)
            : `${dim(step.inChannels)}/${step.groups}`;
        return `groups=${step.groups} 时，每个滤波器只覆盖本组的 ${per} 个输入通道；输出仍是每个滤波器一个通道：${n(step.filters)}`;
      }
      return `每个滤波器覆盖全部 ${dim(step.inChannels)} 个输入通道并对它们求和，所以输出是每个滤波器一个通道：${n(step.filters)}（不是 ${n(step.filters)}×${dim(step.inChannels)}）`;
    }
    case "conv.params": {
      const inPerGroup = step.inChannels / step.groups;
      const bias = step.bias ? ` + 1 个偏置 = ${n(step.weightsPerFilter + 1)}` : "（无偏置）";
      const each = step.weightsPerFilter + (step.bias ? 1 : 0);
      const who = step.filters === 1 ? "这 1 个滤波器是" : `${n(step.filters)} 个滤波器每个都是`;
      return `${who} ${sizes([...step.kernel, inPerGroup])} = ${n(step.weightsPerFilter)} 个权重${bias} → ${n(step.filters)} × ${n(each)} = ${n(step.total)} 个参数`;
    }
    case "depthwise.params": {
      const out = step.inChannels * step.depthMultiplier;
      const weights = `${sizes(step.kernel)}·${step.inChannels}·${step.depthMultiplier} = ${n(step.kernelVolume * out)} 个权重`;
      const bias = step.bias ? ` + ${step.inChannels}·${step.depthMultiplier} = ${n(out)} 个偏置` : "";
      return `${n(step.inChannels)} 个输入通道各有自己的 ${n(step.depthMultiplier)} 个 ${sizes(step.kernel)} 滤波器（不跨通道求和）：${weights}${bias} = ${n(step.total)} 个参数，${n(out)} 个输出通道`;
    }
    case "separable.params": {
      const bias = step.bias ? ` + ${n(step.filters)} 个偏置` : "";
      return `深度卷积 ${sizes(step.kernel)}·${step.inChannels}·${step.depthMultiplier} = ${n(step.depthwise)} 个权重，再接 1×1 逐点卷积 ${step.inChannels}·${step.depthMultiplier}·${n(step.filters)} = ${n(step.pointwise)} 个权重${bias} → ${n(step.total)} 个参数`;
    }
    case "pool.channels":
      return `池化对每个通道分别进行，所以 ${dim(step.channels)} 个通道仍是 ${dim(step.channels)} 个；池化层没有权重`;
    case "global_pool":
      return `全局${step.op === "max" ? "最大" : "平均"}池化对每个通道的全部 ${sizes(step.axes)} 个位置取${step.op === "max" ? "最大值" : "平均值"}：${dim(step.channels)} 个值${step.keepdims ? "（keepdims 把空间轴保留为 1）" : ""}`;
    case "dense.params": {
      const bias = step.bias ? ` + ${n(step.units)} 个偏置` : "";
      return `${n(step.inFeatures)} 个输入 × ${n(step.units)} 个单元 = ${n(step.inFeatures * step.units)} 个权重${bias} = ${n(step.total)} 个参数`;
    }
    case "dense.last_axis":
      return `Dense 只作用在最后一个轴上（${dim(step.input[step.input.length - 1] ?? null)} → ${n(step.units)}），前面的轴保持不变：${shape(step.input)} → ${shape([...step.input.slice(0, -1), step.units])}`;
    case "flatten":
      return step.dims.length === 0
        ? "对单个轴展平会补上一个大小为 1 的轴"
        : `展平把各维相乘：${sizes(step.dims)} = ${dim(step.product)}`;
    case "elementwise":
      return `${step.op} 逐元素计算，所以形状保持 ${shape(step.shape)}${step.params > 0 ? `（${n(step.params)} 个参数）` : ""}`;
    case "batch_norm.params": {
      const parts = [step.gamma ? "γ（缩放）" : "", step.beta ? "β（偏移）" : ""].filter((p) => p !== "");
      if (step.framework === "keras") {
        return `${n(step.channels)} 个通道：${parts.join("和") || "没有参数"}可训练（${n(step.trainable)}），另有移动均值和方差（${n(step.channels)} + ${n(step.channels)} = ${n(step.nonTrainable)} 个不可训练）= ${n(step.trainable + step.nonTrainable)} 个参数`;
      }
      return `${n(step.channels)} 个通道：${parts.join("和") || "没有"}权重 = ${n(step.trainable)} 个参数；running_mean 和 running_var 是缓冲区（buffer），不是参数`;
    }
    case "layer_norm.params": {
      const parts = (step.gamma ? 1 : 0) + (step.beta ? 1 : 0);
      return `对 ${n(step.size)} 个归一化的值各有 γ 和 β：${parts} × ${n(step.size)} = ${n(step.total)} 个参数`;
    }
    case "pad.axis":
      return step.op === "zero_padding"
        ? `${axisWord(step.axis)}：${dim(step.input)} + ${step.before} + ${step.after} = ${dim(step.output)}`
        : `${axisWord(step.axis)}：${dim(step.input)} − ${step.before} − ${step.after} = ${dim(step.output)}`;
    case "upsampling.axis":
      return `${axisWord(step.axis)}：${dim(step.input)}·${step.factor} = ${dim(step.output)}`;
    case "reshape": {
      const target = `(${step.target.join(", ")})`;
      if (step.inferred === null && !step.target.includes(-1)) {
        return `每个样本的 ${dim(step.inputSize)} 个值重新排成 ${target} = ${n(step.knownProduct)}`;
      }
      return `每个样本 ${dim(step.inputSize)} 个值；其余目标尺寸相乘为 ${n(step.knownProduct)}，所以 −1 变成 ${dim(step.inputSize)}/${n(step.knownProduct)} = ${dim(step.inferred)}`;
    }
    case "permute":
      return `按 (${step.dims.join(", ")}) 重排批量轴之后的各轴：${shape(step.input)} → ${shape(step.output)}`;
    case "repeat_vector":
      return `长度为 ${dim(step.features)} 的向量重复 ${n(step.n)} 次：(${n(step.n)}, ${dim(step.features)})`;
    case "merge.elementwise":
      return `${step.op} 把 ${list(step.shapes.map(shape))} 逐元素合并（大小为 1 的轴会广播）→ ${shape(step.output)}`;
    case "merge.concat":
      return `沿轴 ${step.axis} 拼接，尺寸相加：${step.sizes.map(dim).join(" + ")} = ${dim(step.total)}`;
    case "embedding.params":
      return `一张 ${n(step.inputDim)} 行 × ${n(step.outputDim)} 列的表 = ${n(step.total)} 个参数`;
    case "embedding.shape":
      return `每个整数索引被替换成它的 ${n(step.outputDim)} 维向量：${shape(step.input)} → ${shape([...step.input, step.outputDim])}`;
    case "rnn.params": {
      const name = step.cell === "lstm" ? "LSTM" : step.cell === "gru" ? "GRU" : "SimpleRNN";
      const h = step.units;
      const i = step.inputSize;
      const gates = step.gates === 1 ? "" : `${step.gates} 个门 × `;
      const biasWord =
        step.biasVectors === 2
          ? step.framework === "pytorch"
            ? "两个偏置向量（bias_ih 和 bias_hh）"
            : "两个偏置向量（reset_after=True）"
          : "一个偏置向量";
      const biasTerm = step.biasVectors === 0 ? "" : ` + ${step.biasVectors === 2 ? "2·" : ""}${h}`;
      return `${name}：${gates}(${h}·(${i} + ${h})${biasTerm}) = ${gates}(${n(h * (i + h))}${step.biasVectors === 0 ? "" : ` + ${n(step.biasVectors * h)}`}) = ${n(step.total)} 个参数——输入权重 ${n(step.kernel)}，循环权重 ${n(step.recurrent)}，${step.biasVectors === 0 ? "无偏置" : `${biasWord}：${n(step.bias)}`}`;
    }
    case "rnn.output": {
      const seq = step.returnSequences
        ? `return_sequences=True 保留全部 ${dim(step.timesteps)} 个时间步，每步 ${n(step.units)} 维`
        : `只输出最后一个时间步的 ${n(step.units)} 个值（return_sequences=False）`;
      return step.returnState > 0
        ? `${seq}；return_state 另外返回 ${n(step.returnState)} 个长度为 ${n(step.units)} 的状态`
        : seq;
    }
    case "bidirectional": {
      const merge =
        step.mergeMode === "concat"
          ? `拼接：${n(step.units)} + ${n(step.units)} = ${n(step.outputUnits)}`
          : step.mergeMode === null
            ? "分别返回"
            : `用 ${step.mergeMode} 合并：${n(step.outputUnits)}`;
      return `前向和后向两份，每份 ${n(step.perDirection)} 个参数 = ${n(step.total)}；两者的输出${merge}`;
    }
    case "time_distributed":
      return `被包装的层以共享权重作用在 ${dim(step.timesteps)} 个时间步的每一步上：每步 ${shape(step.inner)} → ${shape(step.output)}`;
    case "macs": {
      const what =
        step.note === "rnn"
          ? `${dim(step.positions)} 个时间步 × 每步 ${n(step.perPosition)}`
          : `${dim(step.positions)} 个输出位置 × 每个位置 ${n(step.perPosition)}`;
      return `MACs（乘加次数，不计偏置）：${what} = ${step.total === null ? "未知" : n(step.total)}`;
    }
    case "torch_rnn.output": {
      const order =
        step.out.length === 2
          ? "(L, 特征)"
          : step.batchFirst
            ? "(N, L, 特征)"
            : "(L, N, 特征)——batch_first=False 时序列在前";
      const feat =
        step.directions > 1
          ? `${step.directions} 个方向 × ${n(step.hidden)} = ${n(step.directions * step.hidden)}`
          : `${n(step.hidden)}`;
      const states = step.cell === "lstm" ? "h_n 和 c_n" : "h_n";
      return `输出 ${shape(step.out)} 含每一步 ${order}，特征 ${feat}；${states} ${shape(step.state)} 是 ${step.layers} 层${step.directions > 1 ? " × 2 个方向" : ""}各自的最后一步，无论 batch_first 如何批维都在中间`;
    }
    case "op_shape":
      return `${step.op}：${step.inputs.map(shape).join(" 和 ")} → ${shape(step.output)}`;
    case "params_sum":
      return `参数：${step.parts.map((p) => `${p.name} ${p.formula} = ${n(p.count)}`).join("；")}；共 ${n(step.total)} 个`;
    case "opaque":
      return step.reason === "lambda"
        ? `${step.className}：输出形状来自它的 output_shape 参数`
        : `${step.className}：未知的层；输出形状是给定的`;
  }
}
