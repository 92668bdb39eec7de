import type { Analysis, AnalyzedLayer } from "../model/analysis.js";
import type { LayerNode } from "../model/graph.js";
import type { LayerConfig } from "../model/layer-config.js";
import type { Problem } from "../model/problems.js";
import type { Shape } from "../model/shape.js";
import { kerasLayerSpec } from "../parse/keras/keras-layers.js";
import { torchModuleSpec } from "../parse/torch/torch-modules.js";
import {
  type CallSpan,
  callAt,
  dropArg,
  type Edit,
  findArg,
  insertLineBefore,
  lineText,
  offsetOf,
  setArg,
} from "./source-edit.js";

// Candidate fixes for a shape problem, smallest change first: each is a set of edits of the
// user's own message. None is trusted: check-fixes.ts applies each one, analyses the patched
// message again and keeps only those after which every layer fits.

export interface Candidate {
  edits: Edit[];
  /** How big a change it is (1: one argument; 2: a call rewritten; 3: a line added or removed). */
  cost: number;
}

export type ShapeProblem = Extract<Problem, { kind: "shape" }>;

interface Where {
  message: string;
  analysis: Analysis;
  problem: ShapeProblem;
  layer: AnalyzedLayer;
  node: LayerNode;
}

export function candidatesFor(where: Where): Candidate[] {
  const { issue } = where.problem;
  const out: (Candidate | null)[] = [];
  switch (issue.code) {
    case "in_features_mismatch":
      out.push(...inFeatures(where, issue.actual, issue.declared));
      break;
    case "channel_mismatch":
      out.push(...channels(where, issue.actual, issue.declared, issue.layer));
      break;
    case "torch_error": {
      const config = where.node.layer.config;
      if (config.kind === "torch_rnn") out.push(rnnInputSize(where));
      // torch.cat / x + y with mismatched sizes: the same fixes as Keras' merge layers.
      if (config.kind === "tensor_op" && (config.op.name === "cat" || config.op.name === "broadcast"))
        out.push(...merge(where));
      break;
    }
    case "ndim_mismatch":
      out.push(...recurrentRank(where));
      break;
    case "dense_on_high_rank":
      out.push(flattenBefore(where));
      break;
    case "non_positive_output":
      out.push(...shrinking(where));
      break;
    case "reshape_invalid":
      out.push(...reshape(where, issue.inputSize));
      break;
    case "merge_shape_mismatch":
      out.push(...merge(where));
      break;
    case "output_padding_too_large":
    case "same_padding_strided":
    case "pool_padding_too_large":
      out.push(...paddingArgs(where));
      break;
    default:
      break;
  }
  return out.filter((c): c is Candidate => c !== null).sort((a, b) => a.cost - b.cost);
}

// ------------------------------------------------------------------ helpers

/** The call that built a layer (`nn.Linear(…)`, `layers.Dense(…)`), as text spans. */
function constructorCall(message: string, node: LayerNode): CallSpan | null {
  return callAt(message, node.layer.pos);
}

/** Where an argument sits positionally in the framework's signature (-1: keyword only). */
function argIndex(framework: "keras" | "pytorch", className: string, name: string): number {
  const spec = framework === "pytorch" ? torchModuleSpec(className) : kerasLayerSpec(className);
  return spec ? spec.signature.indexOf(name) : -1;
}

function set(where: Where, node: LayerNode, name: string, value: string, cost = 1): Candidate | null {
  const call = constructorCall(where.message, node);
  if (!call) return null;
  const index = argIndex(where.analysis.framework, node.layer.className, name);
  return { edits: [setArg(call, name, index, value)], cost };
}

/** The node that produced this node's first input, skipping nothing. */
function sourceOf(node: LayerNode, input = 0): LayerNode | null {
  const src = node.inputs[input]?.source;
  return src && src.kind === "node" ? src : null;
}

/** Walks back through shape-keeping layers (activations, dropout, batch norm) to the one that set the shape. */
function shapingSource(node: LayerNode, input = 0): LayerNode | null {
  let src = sourceOf(node, input);
  for (let i = 0; src && i < 4; i++) {
    const kind = src.layer.config.kind;
    if (kind !== "elementwise" && kind !== "batch_norm" && kind !== "layer_norm") return src;
    src = sourceOf(src);
  }
  return src;
}

function quote(message: string): string {
  const singles = (message.match(/'/g) ?? []).length;
  const doubles = (message.match(/"/g) ?? []).length;
  return singles > doubles ? "'" : '"';
}

/** The prefix the user writes layer classes with ("layers.", "nn.", "keras.layers.", ""). */
function prefixOf(call: CallSpan, className: string): string {
  const i = call.callee.lastIndexOf(className);
  return i >= 0 ? call.callee.slice(0, i) : "";
}

/** True when the call is the only thing on its line (an item of a Sequential list). */
function aloneOnLine(message: string, call: CallSpan): boolean {
  const line = lineText(message, lineOf(message, call.start));
  const rest = message.slice(call.close + 1, message.indexOf("\n", call.close) >>> 0).trim();
  return line.trim().startsWith(call.callee) && /^,?\s*(#.*)?$/.test(rest);
}

/**
 * A new layer before the one built by `call`, in the style of the user's line: a Sequential list
 * item, `model.add(…)`, or a functional `x = Layer(…)(x)`. `layer` is the call without prefix,
 * e.g. `Flatten()`; a bare class name must be imported already when the snippet has imports (the
 * patch adds no import).
 */
function layerBefore(message: string, call: CallSpan, className: string, layer: string): Candidate | null {
  const prefix = prefixOf(call, className);
  const bare = layer.slice(0, layer.indexOf("("));
  const imports = /^\s*(from\s+\S+\s+)?import\s/m.test(message);
  if (
    prefix === "" &&
    imports &&
    !new RegExp(`^\\s*from\\s+\\S+\\s+import\\s+(\\*|.*\\b${bare}\\b)`, "m").test(message)
  )
    return null;
  const line = lineOf(message, call.start);
  const code = `${prefix}${layer}`;
  if (aloneOnLine(message, call)) return { edits: [insertLineBefore(message, line, `${code},`)], cost: 3 };
  const added = /^\s*(\w+)\.add\(/.exec(lineText(message, line));
  if (added) return { edits: [insertLineBefore(message, line, `${added[1]}.add(${code})`)], cost: 3 };
  const applied = appliedVar(message, line);
  if (applied)
    return {
      edits: [insertLineBefore(message, line, `${applied.source} = ${code}(${applied.source})`)],
      cost: 3,
    };
  return null;
}

function lineOf(message: string, offset: number): number {
  return message.slice(0, offset).split("\n").length;
}

/** `x = layers.Dense(10)(x)` / `x = self.fc(x)`: the variable a forward/functional line reads. */
function appliedVar(message: string, line: number): { target: string; source: string } | null {
  const m = /^\s*(\w+)\s*=\s*.*\((\w+)\)\s*(#.*)?$/.exec(lineText(message, line));
  return m ? { target: m[1] as string, source: m[2] as string } : null;
}

function numbers(shape: Shape | null | undefined): number[] | null {
  if (!shape || shape.some((d) => typeof d !== "number")) return null;
  return shape as number[];
}

// ------------------------------------------------------------------ per problem

function inFeatures(where: Where, actual: number, declared: number): (Candidate | null)[] {
  const { message, node } = where;
  const call = constructorCall(message, node);
  if (!call) return [];
  const arg = findArg(call, "in_features", 0);
  // Keep the user's style: `16 * 4 * 4` becomes `16 * 5 * 5` when the flattened tensor says so.
  const flat = shapingSource(node);
  const before =
    flat && (flat.layer.config.kind === "flatten" || flat.layer.config.kind === "tensor_op")
      ? numbers(flat.inputs[0]?.shape)
      : null;
  const written = arg ? message.slice(arg.valueStart, arg.end) : "";
  const value =
    before && before.length >= 3 && /\*/.test(written) ? before.slice(1).join(" * ") : String(actual);
  const out: (Candidate | null)[] = [set(where, node, "in_features", value)];
  // nn.LazyLinear(out_features): PyTorch infers in_features at the first call.
  if (arg && /Linear$/.test(call.callee)) {
    const nameAt = call.start + call.callee.lastIndexOf("Linear");
    out.push({ edits: [{ start: nameAt, end: nameAt, text: "Lazy" }, dropArg(call, arg)], cost: 2 });
  }
  // Or make the flattened size what the Linear expects: adaptive pooling before the flatten.
  if (flat && before && before.length === 4) {
    const c = before[1] as number;
    const side = Math.sqrt(declared / c);
    if (Number.isInteger(side) && side >= 1) out.push(adaptivePoolBefore(where, flat, side));
  }
  return out;
}

function adaptivePoolBefore(where: Where, flatten: LayerNode, side: number): Candidate | null {
  const { message } = where;
  const sequential = callAt(message, flatten.layer.pos);
  if (sequential && /Flatten$/.test(sequential.callee) && aloneOnLine(message, sequential)) {
    const prefix = prefixOf(sequential, "Flatten");
    const line = lineOf(message, sequential.start);
    return {
      edits: [insertLineBefore(message, line, `${prefix}AdaptiveAvgPool2d((${side}, ${side})),`)],
      cost: 3,
    };
  }
  const line = flatten.pos.line;
  const m = /^\s*(\w+)\s*=\s*(?:torch\.flatten\(\s*(\w+)|(\w+)\.(?:view|reshape|flatten)\()/.exec(
    lineText(message, line),
  );
  if (!m) return null;
  const source = (m[2] ?? m[3]) as string;
  const fn = /import\s+torch\.nn\.functional\s+as\s+F\b/.test(message) ? "F" : "torch.nn.functional";
  return {
    edits: [
      insertLineBefore(message, line, `${source} = ${fn}.adaptive_avg_pool2d(${source}, (${side}, ${side}))`),
    ],
    cost: 3,
  };
}

function channels(
  where: Where,
  actual: number,
  declared: number,
  layer: "conv" | "conv_transpose" | "batch_norm",
): (Candidate | null)[] {
  // Channels-last images ([N, H, W, C]) straight into a channels-first layer: the data is right,
  // its layout is not. Changing in_channels to the width would "fit" and be wrong.
  const input = where.node.inputs[0];
  const shape = input?.shape;
  if (input?.source.kind === "input" && shape?.length === 4 && shape[3] === declared && shape[1] !== declared)
    return [permuteBefore(where)];
  const out = [
    set(where, where.node, layer === "batch_norm" ? "num_features" : "in_channels", String(actual)),
  ];
  // Or have the layer before produce the channels this one declares.
  const prev = shapingSource(where.node);
  if (prev && (prev.layer.config.kind === "conv" || prev.layer.config.kind === "conv_transpose"))
    out.push(set(where, prev, "out_channels", String(declared), 2));
  return out;
}

/** `x = x.permute(0, 3, 1, 2)` before the line that feeds the tensor `x` in (the call at the node). */
function permuteBefore(where: Where): Candidate | null {
  const { message, node } = where;
  const call = callAt(message, node.pos);
  const arg = call?.args[0];
  if (!call || !arg || arg.name !== null) return null;
  const name = message.slice(arg.start, arg.end);
  if (!/^\w+$/.test(name)) return null;
  return {
    edits: [insertLineBefore(message, node.pos.line, `${name} = ${name}.permute(0, 3, 1, 2)`)],
    cost: 1,
  };
}

function rnnInputSize(where: Where): Candidate | null {
  const shape = where.node.inputs[0]?.shape;
  const last = shape?.at(-1);
  return typeof last === "number" ? set(where, where.node, "input_size", String(last)) : null;
}

const RECURRENT = new Set(["recurrent", "bidirectional"]);

function recurrentRank(where: Where): (Candidate | null)[] {
  const { message, node, analysis } = where;
  const out: (Candidate | null)[] = [];
  const prev = shapingSource(node);
  if (prev && RECURRENT.has(prev.layer.config.kind)) {
    // LSTM → LSTM: the first must return the whole sequence.
    const outer = constructorCall(message, prev);
    const inner =
      prev.layer.config.kind === "bidirectional" && outer?.args[0]
        ? callAt(message, posOf(message, outer.args[0].valueStart))
        : outer;
    if (inner) out.push({ edits: [setArg(inner, "return_sequences", -1, "True")], cost: 1 });
  }
  const shape = node.inputs[0]?.shape;
  const call = constructorCall(message, node);
  // A 2-D tensor into a recurrent layer: read its features as a sequence of one feature each.
  if (call && analysis.framework === "keras" && shape?.length === 2 && typeof shape[1] === "number")
    out.push(layerBefore(message, call, node.layer.className, `Reshape((${shape[1]}, 1))`));
  return out;
}

function posOf(message: string, offset: number) {
  const before = message.slice(0, offset);
  const line = before.split("\n").length;
  return { line, column: offset - before.lastIndexOf("\n") };
}

function flattenBefore(where: Where): Candidate | null {
  const { message, node } = where;
  const call = constructorCall(message, node);
  return call ? layerBefore(message, call, node.layer.className, "Flatten()") : null;
}

function shrinking(where: Where): (Candidate | null)[] {
  const { message, node, analysis } = where;
  const config: LayerConfig = node.layer.config;
  const out: (Candidate | null)[] = [];
  if (config.kind === "conv" || config.kind === "pool") {
    if (analysis.framework === "keras")
      out.push(set(where, node, "padding", `${quote(message)}same${quote(message)}`));
    else if (config.kind === "conv" && config.kernel.every((k) => k % 2 === 1)) {
      const half = config.kernel.map((k) => (k - 1) / 2);
      out.push(
        set(
          where,
          node,
          "padding",
          half.every((h) => h === half[0]) ? String(half[0]) : `(${half.join(", ")})`,
        ),
      );
    }
  }
  // A pooling layer too many: drop it (an item of a Sequential list).
  const call = constructorCall(message, node);
  if (config.kind === "pool" && call && aloneOnLine(message, call)) {
    const line = lineOf(message, call.start);
    const start = offsetOf(message, { line, column: 1 });
    const end = message.indexOf("\n", start);
    out.push({ edits: [{ start, end: end < 0 ? message.length : end + 1, text: "" }], cost: 3 });
  }
  return out;
}

function reshape(where: Where, inputSize: number): (Candidate | null)[] {
  const { message, node, analysis } = where;
  if (analysis.framework === "pytorch") {
    // x.view(-1, 400) → x.view(x.size(0), -1): keep the batch, let PyTorch work out the rest.
    const text = lineText(message, node.pos.line);
    const m = /(\w+)\.(view|reshape)\s*\(/.exec(text);
    if (!m) return [];
    const methodAt = m.index + (m[1] as string).length + 1;
    const call = callAt(message, { line: node.pos.line, column: methodAt + 1 });
    if (!call) return [];
    return [{ edits: [{ start: call.open + 1, end: call.close, text: `${m[1]}.size(0), -1` }], cost: 1 }];
  }
  const call = constructorCall(message, node);
  const config = node.layer.config;
  if (!call || config.kind !== "reshape") return [];
  const out: (Candidate | null)[] = [];
  // The same target with its first or its last size changed so that the sizes multiply right.
  const target = config.targetShape;
  for (const i of new Set([target.length - 1, 0])) {
    const others = target.filter((_, j) => j !== i);
    const size = others.reduce((a, b) => a * b, 1);
    if (target.includes(-1) || size <= 0 || inputSize % size !== 0) continue;
    const fixed = target.map((d, j) => (j === i ? inputSize / size : d));
    out.push(set(where, node, "target_shape", `(${fixed.join(", ")}${fixed.length === 1 ? "," : ""})`));
  }
  const prefix = prefixOf(call, "Reshape");
  out.push({ edits: [{ start: call.start, end: call.close + 1, text: `${prefix}Flatten()` }], cost: 2 });
  return out;
}

function merge(where: Where): (Candidate | null)[] {
  const { node, analysis } = where;
  const out: (Candidate | null)[] = [];
  const branches = node.inputs.map((_, i) => shapingSource(node, i));
  const shapes = node.inputs.map((t) => t.shape);
  const channelAxis = (s: Shape | null) => (analysis.framework === "pytorch" ? 1 : (s?.length ?? 1) - 1);
  branches.forEach((b, i) => {
    if (!b) return;
    const config = b.layer.config;
    const other = shapes[1 - i] ?? shapes[0];
    const otherChannels = other?.[channelAxis(other ?? null)];
    // A transposed conv one pixel off: output_padding picks between the two sizes a stride allows.
    if (config.kind === "conv_transpose")
      for (const p of ["1", "0"]) out.push(set(where, b, "output_padding", p));
    if (config.kind === "conv" && analysis.framework === "keras")
      out.push(set(where, b, "padding", `${quote(where.message)}same${quote(where.message)}`));
    if (config.kind === "conv" && analysis.framework === "pytorch" && config.kernel.every((k) => k % 2 === 1))
      out.push(set(where, b, "padding", String(((config.kernel[0] as number) - 1) / 2)));
    if ((config.kind === "conv" || config.kind === "conv_transpose") && typeof otherChannels === "number")
      out.push(
        set(
          where,
          b,
          analysis.framework === "pytorch" ? "out_channels" : "filters",
          String(otherChannels),
          2,
        ),
      );
  });
  return out;
}

function paddingArgs(where: Where): (Candidate | null)[] {
  const { node } = where;
  const config = node.layer.config;
  const issue = where.problem.issue;
  if (issue.code === "output_padding_too_large")
    return [set(where, node, "output_padding", String(Math.max(0, (issue.strides[issue.axis] ?? 1) - 1)))];
  if (issue.code === "pool_padding_too_large")
    return [set(where, node, "padding", String(Math.floor(issue.kernel / 2)))];
  if (
    issue.code === "same_padding_strided" &&
    config.kind === "conv" &&
    config.kernel.every((k) => k % 2 === 1)
  )
    return [set(where, node, "padding", String(((config.kernel[0] as number) - 1) / 2))];
  return [];
}
