import type { Analysis, AnalyzedLayer } from "../../model/analysis.js";
import type { Tensor } from "../../model/graph.js";
import type { LayerConfig } from "../../model/layer-config.js";
import type { Problem } from "../../model/problems.js";
import type { Shape } from "../../model/shape.js";
import { inputsOf, nodesBetween } from "../../shape/graph-builder.js";
import type { ParsedModule, Pos } from "../ast.js";
import { mathModule } from "../builtins.js";
import { DEFAULT_EVAL_LIMITS, type EvalLimits, Evaluator, emptyArgs } from "../evaluate.js";
import type { Value } from "../values.js";
import { type KerasModelRecord, KerasSession } from "./keras-session.js";

export interface KerasAnalyzeOptions {
  inputOverride: (number | null)[] | null;
  maxLayers: number;
  evalLimits?: EvalLimits;
}

/** Reads Keras code: runs the safe evaluator with the Keras builder, picks the model, infers it. */
export function analyzeKeras(parsed: ParsedModule, options: KerasAnalyzeOptions): Analysis | null {
  const session = new KerasSession({ inputOverride: options.inputOverride, maxLayers: options.maxLayers });
  let ev: Evaluator;
  ev = new Evaluator(
    {
      importModule: (path) => (path === "math" ? mathModule(ev) : session.importModule(path)),
      implicitGlobal: (name, pos) => session.implicitGlobal(name, pos),
      callObject: (obj, args, pos) => callCustomLayer(session, obj, args.positional[0], pos),
    },
    options.evalLimits ?? DEFAULT_EVAL_LIMITS,
  );
  ev.runModule(parsed.body);
  if (session.models.length === 0) callUncalledBuilders(ev);

  const problems: Problem[] = parsed.skipped.map((line) => ({ kind: "skipped", line }));
  for (const note of ev.notes) problems.push({ kind: "eval", note });

  const model = pickModel(session);
  if (!model) return null;
  const others = session.models.filter((m) => m !== model && m.kind === model.kind).map((m) => m.name);
  if (others.length > 0)
    problems.push({
      kind: "build",
      severity: "note",
      issue: { code: "other_models", names: others },
      pos: null,
    });

  const built =
    model.kind === "sequential"
      ? runSequential(session, model)
      : { inputs: model.inputs, outputs: model.outputs, assumed: null };
  if (built.assumed)
    problems.push({
      kind: "build",
      severity: "note",
      issue: { code: "no_input_shape", assumed: built.assumed },
      pos: model.pos,
    });
  problems.push(...session.problems);
  return toAnalysis(session, model, built.inputs, built.outputs, problems);
}

/** The user defined `def create_model(): …` but never called it: call functions that need no arguments. */
function callUncalledBuilders(ev: Evaluator): void {
  for (const value of [...ev.globals.vars.values()]) {
    if (value.t !== "func" || !value.def) continue;
    if (value.def.params.some((p) => p.star === "" && p.default === null)) continue;
    ev.callGuarded(value, value.def.pos);
  }
}

function callCustomLayer(
  session: KerasSession,
  obj: Extract<Value, { t: "object" }>,
  arg: Value | undefined,
  pos: Pos,
): Value | undefined {
  if (!arg || !session.tensorOf(arg)) return undefined;
  const classValue = session.implicitGlobal(obj.cls.name, pos);
  if (classValue?.t !== "host" || !classValue.host.call) return undefined;
  const layer = classValue.host.call(emptyArgs(), obj.cls.pos);
  return layer.t === "host" && layer.host.call
    ? layer.host.call({ ...emptyArgs(), positional: [arg] }, pos)
    : undefined;
}

function pickModel(session: KerasSession): KerasModelRecord | null {
  const summarized = session.models.filter((m) => m.summarized);
  const model = summarized.at(-1) ?? session.models.at(-1);
  if (model) return model;
  // Functional code without a Model(...) call: take the graph from its inputs to the last layer.
  const last = session.graph.nodes.at(-1);
  if (!last) return null;
  const outputs: Tensor[] = [{ id: -1, shape: null, source: last, index: 0 }];
  const inputs = inputsOf(outputs);
  if (inputs.length === 0) return null;
  return {
    kind: "functional",
    name: "functional",
    pos: last.pos,
    layers: [],
    sequentialInput: null,
    inputs,
    outputs,
    summarized: false,
    order: 0,
  };
}

/** Symbolic input used when a Sequential model gives no input shape. */
function assumedInput(config: LayerConfig | undefined): (number | string | null)[] {
  switch (config?.kind) {
    case "conv":
    case "conv_transpose":
    case "pool":
    case "separable_conv":
    case "depthwise_conv":
    case "zero_padding":
    case "cropping":
    case "upsampling":
    case "global_pool": {
      const spatial = { 1: ["L"], 2: ["H", "W"], 3: ["D", "H", "W"] }[config.rank];
      return config.dataFormat === "channels_first" ? ["C", ...spatial] : [...spatial, "C"];
    }
    case "recurrent":
    case "bidirectional":
      return ["T", "F"];
    case "embedding":
      return [config.inputLength ?? "T"];
    default:
      return ["F"];
  }
}

function runSequential(
  session: KerasSession,
  model: KerasModelRecord,
): { inputs: Tensor[]; outputs: Tensor[]; assumed: string | null } {
  const given = model.sequentialInput;
  let shape: Shape;
  let assumed: string | null = null;
  const override = session.overrideInput(given?.shape ?? [], given?.pos ?? model.pos);
  if (override.length > 0) shape = [given?.batch ?? null, ...override];
  else {
    const first = model.layers[0];
    // Keras 2 builds an Embedding with input_length on (None, N); Keras 3 ignores input_length.
    shape = [null, ...assumedInput(first?.config)];
    if (first?.config.kind !== "embedding" || first.config.inputLength === null)
      assumed = `(${shape.map((d) => d ?? "None").join(", ")})`;
  }
  const input = session.graph.input(given?.name ?? "input", shape, given?.pos ?? model.pos);
  let current: Tensor[] = [input];
  for (const layer of model.layers) {
    if (session.graph.full) {
      session.problem({
        kind: "build",
        severity: "error",
        issue: { code: "too_many_layers", limit: session.options.maxLayers },
        pos: layer.pos,
      });
      break;
    }
    current = session.graph.call(layer, current.slice(0, 1), layer.pos, session.isFailed(layer));
  }
  return { inputs: [input], outputs: current.slice(0, 1), assumed };
}

function toAnalysis(
  session: KerasSession,
  model: KerasModelRecord,
  inputs: Tensor[],
  outputs: Tensor[],
  problems: Problem[],
): Analysis {
  const nodes = nodesBetween(outputs);
  const nodeIndex = new Map<number, number>();
  const perLayer = new Map<number, number>();
  for (const node of nodes) {
    const k = perLayer.get(node.layer.id) ?? 0;
    nodeIndex.set(node.id, k);
    perLayer.set(node.layer.id, k + 1);
  }
  const connection = (t: Tensor): string =>
    t.source.kind === "input"
      ? `${t.source.name}[0][0]`
      : `${t.source.layer.name}[${nodeIndex.get(t.source.id) ?? 0}][${t.index}]`;
  const rows: AnalyzedLayer[] = [];
  const counted = new Set<number>();
  let firstError = false;
  for (const node of nodes) {
    const status = node.issue || session.isFailed(node.layer) ? "error" : node.skipped ? "skipped" : "ok";
    if (status === "skipped") continue;
    const reused = counted.has(node.layer.id);
    counted.add(node.layer.id);
    const record = node.record;
    rows.push({
      name: node.layer.name,
      className: node.layer.className,
      config: node.layer.config,
      status,
      outputShapes: record?.outputs ?? [],
      params: reused
        ? { trainable: 0, nonTrainable: 0 }
        : (record?.params ?? { trainable: null, nonTrainable: null }),
      macs: record?.macs ?? null,
      record,
      pos: node.pos,
      connectedTo: node.inputs.map(connection),
      reused,
    });
    if (node.issue) {
      problems.push({
        kind: "shape",
        severity: "error",
        issue: node.issue,
        layer: node.layer.name,
        className: node.layer.className,
        pos: node.pos,
      });
      firstError = true;
    }
    for (const warning of record?.warnings ?? [])
      problems.push({
        kind: "shape",
        severity: "warning",
        issue: warning,
        layer: node.layer.name,
        className: node.layer.className,
        pos: node.pos,
      });
    if (firstError) break;
  }
  const sum = (pick: (r: AnalyzedLayer) => number | null): number | null =>
    rows
      .filter((r) => r.status === "ok")
      .reduce<number | null>(
        (acc, r) => (acc === null || pick(r) === null ? null : acc + (pick(r) as number)),
        0,
      );
  const trainable = sum((r) => r.params.trainable);
  const nonTrainable = sum((r) => r.params.nonTrainable);
  return {
    framework: "keras",
    modelName: model.name,
    modelKind: model.kind,
    inputs: (inputs.length > 0 ? inputs : inputsOf(outputs)).map((t) => ({
      name: t.source.kind === "input" ? t.source.name : "input",
      shape: t.shape ?? [],
      pos: t.source.kind === "input" ? t.source.pos : null,
    })),
    layers: rows,
    outputs: firstError ? [] : outputs.map((t) => t.shape ?? []),
    totals: {
      params: trainable === null || nonTrainable === null ? null : trainable + nonTrainable,
      trainable,
      nonTrainable,
    },
    problems,
  };
}
