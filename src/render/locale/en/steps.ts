import type { Dim } from "../../../model/shape.js";
import type { Step, WindowAxisStep } from "../../../shape/steps.js";
import { thousands } from "../../format.js";
import { inNotation, stepShape } from "../notation.js";

// English wording of the coded steps, with the user's numbers: "·" multiplies inside a formula,
// "×" sits between sizes, ⌊ ⌋ / ⌈ ⌉ mark floor and ceiling, thousands take commas.

const n = thousands;

function dim(d: Dim): string {
  if (d === null) return "None";
  return typeof d === "number" ? n(d) : d;
}

function sizes(ds: readonly (Dim | number)[]): string {
  return ds.map(dim).join("×");
}

function plural(count: number, word: string): string {
  return `${n(count)} ${word}${count === 1 ? "" : "s"}`;
}

/** "k_eff = 2·(3 − 1) + 1 = 5, " when the kernel is dilated. */
function effective(s: { kernel: number; dilation: number; kEff: number }): string {
  return s.dilation === 1 ? "" : `k_eff = ${s.dilation}·(${s.kernel} − 1) + 1 = ${s.kEff}; `;
}

function padTerm(before: number, after: number): string {
  if (before === after) return ` + 2·${before}`;
  return ` + ${before} + ${after}`;
}

function windowAxis(s: WindowAxisStep): string {
  const k = s.dilation === 1 ? String(s.kernel) : String(s.kEff);
  const head = `${axisWord(s.axis)}: ${effective(s)}`;
  if (s.input === null) return `${head}the input size is None, so the output stays None`;
  if (s.padding === "same") {
    const pads =
      s.padBefore === null || s.padAfter === null
        ? ""
        : s.padBefore + s.padAfter === 0
          ? " (no padding needed)"
          : ` (pads ${s.padBefore} before, ${s.padAfter} after${s.padAfter > s.padBefore ? " — the extra one goes bottom/right" : ""})`;
    return `${head}'same' padding gives ⌈${dim(s.input)}/${s.stride}⌉ = ${dim(s.output)}${pads}`;
  }
  const before = s.padBefore ?? 0;
  const after = s.padAfter ?? 0;
  const ceil = s.ceilMode ? ` + (${s.stride} − 1)` : "";
  const formula = `⌊(${dim(s.input)} − ${k}${padTerm(before, after)}${ceil})/${s.stride}⌋ + 1 = ${dim(s.output)}`;
  if (s.padding === "causal") return `${head}causal padding adds ${before} on the left only: ${formula}`;
  if (s.padding === "same_torch")
    return `${head}padding='same' pads ${before} before and ${after} after: ${formula}`;
  const note = s.ceilMode
    ? " (ceil_mode: a last partial window counts if it starts inside the input or left padding)"
    : "";
  return `${head}${formula}${note}`;
}

/** Axis names as steps carry them; "height_width" is two axes with the same arithmetic. */
function axisWord(axis: string): string {
  return axis === "height_width" ? "height and width" : axis;
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
      const head = `${axisWord(step.axis)}: ${effective(step)}`;
      const k = step.kEff;
      if (step.input === null) return `${head}the input size is None, so the output stays None`;
      if (step.pad > 0 || step.padding === "explicit") {
        return `${head}(${dim(step.input)} − 1)·${step.stride} − 2·${step.pad} + ${step.dilation}·(${step.kernel} − 1) + ${step.outputPadding ?? 0} + 1 = ${dim(step.output)}`;
      }
      if (step.padding === "same" && step.outputPadding === null) {
        return `${head}'same' transposed conv multiplies by the stride: ${dim(step.input)}·${step.stride} = ${dim(step.output)}`;
      }
      if (step.padding === "same") {
        return `${head}(${dim(step.input)} − 1)·${step.stride} + ${k} mod 2 + ${step.outputPadding} = ${dim(step.output)}`;
      }
      return `${head}(${dim(step.input)} − 1)·${step.stride} + ${k} + ${step.outputPadding ?? 0} (output_padding) = ${dim(step.output)}`;
    }
    case "conv.channels": {
      if (step.groups > 1) {
        const per =
          typeof step.inChannels === "number"
            ? n(step.inChannels / step.groups)
            : `${dim(step.inChannels)}/${step.groups}`;
        return `with groups=${step.groups}, each filter spans only the ${per} input channels of its group; the output still has one channel per filter: ${n(step.filters)}`;
      }
      return `each filter spans all ${dim(step.inChannels)} input channels and sums over them, so the output has one channel per filter: ${n(step.filters)} (not ${n(step.filters)}×${dim(step.inChannels)})`;
    }
    case "conv.params": {
      const inPerGroup = step.inChannels / step.groups;
      const bias = step.bias ? ` + 1 bias = ${n(step.weightsPerFilter + 1)}` : " (no bias)";
      const each = step.weightsPerFilter + (step.bias ? 1 : 0);
      const who = step.filters === 1 ? "the 1 filter" : `each of the ${n(step.filters)} filters`;
      return `${who} is ${sizes([...step.kernel, inPerGroup])} = ${n(step.weightsPerFilter)} weights${bias} → ${n(step.filters)} × ${n(each)} = ${n(step.total)} params`;
    }
    case "depthwise.params": {
      const out = step.inChannels * step.depthMultiplier;
      const weights = `${sizes(step.kernel)}·${step.inChannels}·${step.depthMultiplier} = ${n(step.kernelVolume * out)} weights`;
      const bias = step.bias ? ` + ${step.inChannels}·${step.depthMultiplier} = ${n(out)} biases` : "";
      return `each of the ${plural(step.inChannels, "input channel")} gets its own ${plural(step.depthMultiplier, "filter")} of ${sizes(step.kernel)} (no summing across channels): ${weights}${bias} = ${n(step.total)} params, ${n(out)} output channels`;
    }
    case "separable.params": {
      const bias = step.bias ? ` + ${n(step.filters)} biases` : "";
      return `depthwise ${sizes(step.kernel)}·${step.inChannels}·${step.depthMultiplier} = ${n(step.depthwise)} weights, then a 1×1 pointwise conv ${step.inChannels}·${step.depthMultiplier}·${n(step.filters)} = ${n(step.pointwise)} weights${bias} → ${n(step.total)} params`;
    }
    case "pool.channels":
      return `pooling works on each channel separately, so the ${dim(step.channels)} channels stay ${dim(step.channels)}; it has no weights`;
    case "global_pool":
      return `global ${step.op === "max" ? "max" : "average"} pooling takes the ${step.op === "max" ? "maximum" : "mean"} over all ${sizes(step.axes)} positions of each channel: ${dim(step.channels)} values${step.keepdims ? " (keepdims keeps the spatial axes as 1)" : ""}`;
    case "dense.params": {
      const bias = step.bias ? ` + ${plural(step.units, "bias")}`.replace("biass", "biases") : "";
      return `${plural(step.inFeatures, "input")} × ${plural(step.units, "unit")} = ${plural(step.inFeatures * step.units, "weight")}${bias} = ${n(step.total)} params`;
    }
    case "dense.last_axis":
      return `Dense acts on the last axis only (${dim(step.input[step.input.length - 1] ?? null)} → ${n(step.units)}); the axes before it are kept: ${shape(step.input)} → ${shape([...step.input.slice(0, -1), step.units])}`;
    case "flatten":
      return step.dims.length === 0
        ? "flatten of a single axis adds a size-1 axis"
        : `flatten multiplies ${sizes(step.dims)} = ${dim(step.product)}`;
    case "elementwise":
      return `${step.op} works element by element, so the shape stays ${shape(step.shape)}${step.params > 0 ? ` (${n(step.params)} params)` : ""}`;
    case "batch_norm.params": {
      const parts = [step.gamma ? "γ (scale)" : "", step.beta ? "β (offset)" : ""].filter((p) => p !== "");
      if (step.framework === "keras") {
        return `${n(step.channels)} channels: ${parts.join(" and ") || "no"} trainable (${n(step.trainable)}), plus the moving mean and variance (${n(step.channels)} + ${n(step.channels)} = ${n(step.nonTrainable)} non-trainable) = ${n(step.trainable + step.nonTrainable)} params`;
      }
      return `${n(step.channels)} channels: ${parts.join(" and ") || "no"} weights = ${n(step.trainable)} params; the running mean and variance are buffers, not parameters`;
    }
    case "layer_norm.params": {
      const parts = (step.gamma ? 1 : 0) + (step.beta ? 1 : 0);
      return `γ and β over the ${n(step.size)} normalised values: ${parts} × ${n(step.size)} = ${n(step.total)} params`;
    }
    case "pad.axis":
      return step.op === "zero_padding"
        ? `${axisWord(step.axis)}: ${dim(step.input)} + ${step.before} + ${step.after} = ${dim(step.output)}`
        : `${axisWord(step.axis)}: ${dim(step.input)} − ${step.before} − ${step.after} = ${dim(step.output)}`;
    case "upsampling.axis":
      return `${axisWord(step.axis)}: ${dim(step.input)}·${step.factor} = ${dim(step.output)}`;
    case "reshape": {
      const target = `(${step.target.join(", ")})`;
      if (step.inferred === null && !step.target.includes(-1)) {
        return `${dim(step.inputSize)} values per sample rearranged as ${target} = ${n(step.knownProduct)}`;
      }
      return `${dim(step.inputSize)} values per sample; the other target sizes multiply to ${n(step.knownProduct)}, so −1 becomes ${dim(step.inputSize)}/${n(step.knownProduct)} = ${dim(step.inferred)}`;
    }
    case "permute":
      return `permute (${step.dims.join(", ")}) reorders the axes after the batch: ${shape(step.input)} → ${shape(step.output)}`;
    case "repeat_vector":
      return `the ${dim(step.features)}-vector is repeated ${n(step.n)} times: (${n(step.n)}, ${dim(step.features)})`;
    case "merge.elementwise":
      return `${step.op} combines ${step.shapes.map(shape).join(" and ")} element by element (size-1 axes broadcast) → ${shape(step.output)}`;
    case "merge.concat":
      return `concatenation adds the sizes along axis ${step.axis}: ${step.sizes.map(dim).join(" + ")} = ${dim(step.total)}`;
    case "embedding.params":
      return `a table of ${n(step.inputDim)} rows × ${n(step.outputDim)} = ${n(step.total)} params`;
    case "embedding.shape":
      return `each integer index is replaced by its ${n(step.outputDim)}-vector: ${shape(step.input)} → ${shape([...step.input, step.outputDim])}`;
    case "rnn.params": {
      const name = step.cell === "lstm" ? "LSTM" : step.cell === "gru" ? "GRU" : "SimpleRNN";
      const h = step.units;
      const i = step.inputSize;
      const gates = step.gates === 1 ? "" : `${step.gates} gates × `;
      const biasWord =
        step.biasVectors === 2
          ? step.framework === "pytorch"
            ? "two bias vectors (bias_ih and bias_hh)"
            : "two bias vectors (reset_after=True)"
          : "one bias vector";
      const biasTerm = step.biasVectors === 0 ? "" : ` + ${step.biasVectors === 2 ? "2·" : ""}${h}`;
      return `${name}: ${gates}(${h}·(${i} + ${h})${biasTerm}) = ${gates}(${n(h * (i + h))}${step.biasVectors === 0 ? "" : ` + ${n(step.biasVectors * h)}`}) = ${n(step.total)} params — input weights ${n(step.kernel)}, recurrent weights ${n(step.recurrent)}, ${step.biasVectors === 0 ? "no bias" : `${biasWord}: ${n(step.bias)}`}`;
    }
    case "rnn.output": {
      const seq = step.returnSequences
        ? `return_sequences=True keeps all ${dim(step.timesteps)} time steps, each ${n(step.units)} wide`
        : `only the last time step's ${n(step.units)} values come out (return_sequences=False)`;
      return step.returnState > 0
        ? `${seq}; return_state adds ${plural(step.returnState, "state")} of ${n(step.units)}`
        : seq;
    }
    case "bidirectional": {
      const merge =
        step.mergeMode === "concat"
          ? `concatenated: ${n(step.units)} + ${n(step.units)} = ${n(step.outputUnits)}`
          : step.mergeMode === null
            ? "returned separately"
            : `merged by ${step.mergeMode}: ${n(step.outputUnits)}`;
      return `two copies (forward and backward) of ${n(step.perDirection)} params = ${n(step.total)}; their outputs are ${merge}`;
    }
    case "time_distributed":
      return `the wrapped layer runs on each of the ${dim(step.timesteps)} time steps with shared weights: ${shape(step.inner)} per step → ${shape(step.output)}`;
    case "macs": {
      const what =
        step.note === "rnn"
          ? `${dim(step.positions)} time steps × ${n(step.perPosition)} per step`
          : `${dim(step.positions)} output positions × ${n(step.perPosition)} per position`;
      return `MACs (multiply-accumulates, bias not counted): ${what} = ${step.total === null ? "unknown" : n(step.total)}`;
    }
    case "torch_rnn.output": {
      const order =
        step.out.length === 2
          ? "(L, features)"
          : step.batchFirst
            ? "(N, L, features)"
            : "(L, N, features) — batch_first=False puts the sequence first";
      const feat =
        step.directions > 1
          ? `${step.directions} directions × ${n(step.hidden)} = ${n(step.directions * step.hidden)}`
          : `${n(step.hidden)}`;
      const states = step.cell === "lstm" ? "h_n and c_n" : "h_n";
      return `output ${shape(step.out)} holds every step ${order}, features ${feat}; ${states} ${shape(step.state)} hold the last step of each of the ${step.layers} layer${step.layers > 1 ? "s" : ""}${step.directions > 1 ? " × 2 directions" : ""}, batch in the middle whatever batch_first says`;
    }
    case "op_shape":
      return `${step.op}: ${step.inputs.map(shape).join(" and ")} → ${shape(step.output)}`;
    case "params_sum":
      return `params: ${step.parts.map((p) => `${p.name} ${p.formula} = ${n(p.count)}`).join("; ")}; total ${n(step.total)}`;
    case "opaque":
      return step.reason === "lambda"
        ? `${step.className}: the output shape comes from its output_shape argument`
        : `${step.className}: unknown layer; its output shape was given`;
  }
}
