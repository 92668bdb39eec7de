import type { Analysis, AnalyzedLayer, ModuleRow, ModuleTable } from "../../model/analysis.js";
import type { Problem } from "../../model/problems.js";
import type { Shape } from "../../model/shape.js";
import { sizeVars, smallestSide } from "../../model/symbolic-eval.js";
import { nodeProblems } from "../../shape/analysis-from-graph.js";
import type { ParsedModule, Pos } from "../ast.js";
import { mathModule } from "../builtins.js";
import { DEFAULT_EVAL_LIMITS, type EvalLimits, Evaluator, emptyArgs } from "../evaluate.js";
import type { Value } from "../values.js";
import { fitInput, inputHint, proseInput } from "./torch-input.js";
import { TorchNamespace } from "./torch-namespace.js";
import { type ModuleRef, TorchSession, type Trace, type TraceRow } from "./torch-session.js";
import { installTensorMethods } from "./torch-tensor.js";

export interface TorchAnalyzeOptions {
  /** --input: the whole shape, or without the batch (then batch 1). */
  inputOverride: (number | null)[] | null;
  maxLayers: number;
  /** Lines of the message that are prose or comments, where an input size may be stated. */
  proseLines: string[];
  evalLimits?: EvalLimits;
}

const NOWHERE: Pos = { line: 0, column: 0 };

/** Reads PyTorch code: runs the safe evaluator with torch's host objects, traces the model's forward. */
export function analyzePytorch(parsed: ParsedModule, options: TorchAnalyzeOptions): Analysis | null {
  const session = new TorchSession({ maxLayers: options.maxLayers });
  const ns = new TorchNamespace(session);
  installTensorMethods(session);
  let ev: Evaluator;
  ev = new Evaluator(
    {
      importModule: (path) => (path === "math" ? mathModule(ev) : ns.importModule(path)),
      implicitGlobal: (name) => ns.implicitGlobal(name),
      callObject: (obj, args, pos) => session.callUserModule(obj, args, pos),
      objectAttr: (obj, name) => {
        const ref = session.refOf(obj);
        return ref ? session.moduleMethod(ref, name) : undefined;
      },
    },
    options.evalLimits ?? DEFAULT_EVAL_LIMITS,
  );
  session.ev = ev;
  ev.runModule(parsed.body);

  const problems: Problem[] = parsed.skipped.map((line) => ({ kind: "skipped", line }));
  let trace = pickTrace(session);
  const model = trace?.root ?? pickModule(session, ev);
  if (!model) return null;

  let source: ModuleTable["inputSource"] = trace ? traceSource(trace) : "symbolic";
  if (!trace || options.inputOverride) {
    const hint = inputHint(model);
    let shape: Shape | null = null;
    if (options.inputOverride) {
      const sizes = options.inputOverride.map((d) => d ?? 1);
      shape = fitInput(sizes, hint, null) ?? sizes;
      source = "option";
    } else {
      shape = proseInput(options.proseLines, hint);
      source = shape ? "prose" : "symbolic";
    }
    shape ??= hint.symbolic;
    const before = session.traces.length;
    session.callOn(model.value, [session.newTensor(shape, hint.dtype, model.pos)], model.pos, "assumed");
    trace = session.traces.slice(before).find((t) => t.root === model) ?? null;
    problems.push({
      kind: "build",
      severity: "note",
      issue: { code: "torch_input", source, shape: `(${shape.join(", ")})` },
      pos: model.pos,
    });
  }
  if (trace && !options.inputOverride && source === "torchsummary")
    problems.push({
      kind: "build",
      severity: "note",
      issue: { code: "torch_input", source, shape: `(${(trace.inputs[0]?.shape ?? []).join(", ")})` },
      pos: trace.pos,
    });
  // A class with no layers and no forward() is not a model to answer about.
  if ((trace?.rows.length ?? 0) === 0 && model.children().length === 0 && !model.failed) return null;
  for (const note of ev.notes) problems.push({ kind: "eval", note });
  problems.push(...session.problems);
  const parents = nameModules(model);
  if (source === "symbolic" && trace) {
    const dims = trace.rows
      .flatMap((r) => (r.outputs ?? []).flat())
      .filter((d): d is string => typeof d === "string");
    const side = smallestSide(dims);
    const vars = [...new Set(dims.flatMap(sizeVars))];
    if (side !== null && side > 1)
      problems.push({
        kind: "build",
        severity: "note",
        issue: { code: "smallest_input", side, vars },
        pos: null,
      });
  }
  // PyTorch raises while building the model (padding='same' with stride 2…): nothing runs.
  const broken = firstBroken(model);
  return analysisFromTrace(session, model, trace, source, problems, broken, parents);
}

function firstBroken(root: ModuleRef): ModuleRef | null {
  const seen = new Set<number>();
  const walk = (ref: ModuleRef, depth: number): ModuleRef | null => {
    if (seen.has(ref.id) || depth > 60) return null;
    seen.add(ref.id);
    if (ref.failed) return ref;
    for (const [, child] of ref.children()) {
      const found = walk(child, depth + 1);
      if (found) return found;
    }
    return null;
  };
  return walk(root, 0);
}

function traceSource(t: Trace): ModuleTable["inputSource"] {
  return t.via === "torchsummary" || t.via === "torchinfo" ? t.via : "code";
}

/** The call to answer for: a summary() call first, else the last call of the outermost model. */
function pickTrace(s: TorchSession): Trace | null {
  // A call cut short by a budget (model(x) in a long loop) is the last resort.
  const traces = s.traces.some((t) => t.complete) ? s.traces.filter((t) => t.complete) : s.traces;
  const summarized = traces.filter((t) => t.via === "torchsummary" || t.via === "torchinfo");
  if (summarized.length > 0) return summarized.at(-1) ?? null;
  const roots = traces.filter((t) => t.root.kind !== "leaf");
  return roots.at(-1) ?? traces.at(-1) ?? null;
}

/** No call in the code: the module bound to `model`/`net`, else the last top-level module built. */
function pickModule(s: TorchSession, ev: Evaluator): ModuleRef | null {
  const globals = ev.globals.vars;
  for (const name of ["model", "net", "network", "m"]) {
    const ref = s.refOf(globals.get(name));
    if (ref) return ref;
  }
  const children = new Set<number>();
  for (const m of s.modules) for (const [, c] of m.children()) children.add(c.id);
  const bound = [...globals.values()].map((v) => s.refOf(v)).filter((r): r is ModuleRef => r !== null);
  const top = bound.filter((r) => !children.has(r.id));
  if (top.length > 0) return top.at(-1) ?? null;
  // Only a class was pasted: build it when its constructor needs no arguments.
  const classes = [...globals.values()].filter(
    (v): v is Extract<Value, { t: "class" }> => v.t === "class" && s.isModuleClass(v),
  );
  for (const cls of classes.reverse()) {
    const made = ev.callGuarded(
      { t: "host", host: { label: cls.name, call: () => ev.callValue(cls, emptyArgs(), cls.pos) } },
      cls.pos,
    );
    const ref = s.refOf(made);
    if (ref) return ref;
  }
  return null;
}

/** Qualified names as named_modules() gives them (features.0, layer1.0.conv1), top-level indexes as [0]. */
function nameModules(root: ModuleRef): Map<number, ModuleRef> {
  const parents = new Map<number, ModuleRef>();
  const seen = new Set<number>([root.id]);
  const walk = (ref: ModuleRef, prefix: string, depth: number) => {
    if (depth > 60) return;
    for (const [name, child] of ref.children()) {
      if (seen.has(child.id)) continue;
      seen.add(child.id);
      // A top-level Sequential's children are model[0], model[1]: "[0]" reads better than "0".
      const qualified = prefix ? `${prefix}.${name}` : /^\d+$/.test(name) ? `[${name}]` : name;
      child.qualifiedName = qualified;
      if (child.layer) child.layer.name = qualified;
      parents.set(child.id, ref);
      walk(child, qualified, depth + 1);
    }
  };
  walk(root, "", 0);
  return parents;
}

/**
 * torchinfo's missing container rows: a ModuleList (or a Sequential looped over) is never called,
 * so it has no row of its own; torchinfo inserts one before its first child and nests the
 * children under it. Returns, per trace row, how much deeper it is shown, and the rows to insert.
 */
function iteratedContainers(rows: TraceRow[], parents: Map<number, ModuleRef>) {
  const called = new Set(
    rows.filter((r) => r.kind === "module" && r.ref).map((r) => (r.ref as ModuleRef).id),
  );
  const frameExtra = new Map<number, number>();
  const emitted = new Set<number>();
  return rows.map((row) => {
    const base = row.frame ? (frameExtra.get(row.frame.id) ?? 0) : 0;
    const between: ModuleRef[] = [];
    if (row.ref && row.frame) {
      for (
        let p = parents.get(row.ref.id);
        p && p !== row.frame && between.length < 20;
        p = parents.get(p.id)
      )
        if (!called.has(p.id) && p.kind === "container") between.unshift(p);
    }
    const extra = base + between.length;
    if (row.kind === "module" && row.ref) frameExtra.set(row.ref.id, extra);
    const insert = between
      .map((c, i) => ({ ref: c, depth: row.depth + base + i }))
      .filter((c) => !emitted.has(c.ref.id));
    for (const c of insert) emitted.add(c.ref.id);
    return { extra, insert };
  });
}

/** model.parameters(): every registered module once, whether it was called or not. */
function totalParams(s: TorchSession, root: ModuleRef): number | null {
  const seen = new Set<number>();
  let total: number | null = 0;
  const walk = (ref: ModuleRef, depth: number) => {
    if (seen.has(ref.id) || depth > 60) return;
    seen.add(ref.id);
    const own = ref.params ?? ref.layer?.record?.params.trainable ?? null;
    const extra = ref.kind === "user" ? s.ownParams(ref) : own;
    total = total === null || extra === null ? null : total + extra;
    for (const [, child] of ref.children()) walk(child, depth + 1);
  };
  walk(root, 0);
  return total;
}

function moduleParams(s: TorchSession, ref: ModuleRef, cache: Map<number, number | null>): number | null {
  const cached = cache.get(ref.id);
  if (cached !== undefined) return cached;
  const seen = new Set<number>();
  let total: number | null = 0;
  const walk = (r: ModuleRef, depth: number) => {
    if (seen.has(r.id) || depth > 60) return;
    seen.add(r.id);
    const own = r.kind === "user" ? s.ownParams(r) : (r.params ?? r.layer?.record?.params.trainable ?? null);
    total = total === null || own === null ? null : total + own;
    for (const [, c] of r.children()) walk(c, depth + 1);
  };
  walk(ref, 0);
  cache.set(ref.id, total);
  return total;
}

function analysisFromTrace(
  s: TorchSession,
  root: ModuleRef,
  trace: Trace | null,
  inputSource: ModuleTable["inputSource"],
  problems: Problem[],
  broken: ModuleRef | null,
  parents: Map<number, ModuleRef>,
): Analysis {
  const layers: AnalyzedLayer[] = [];
  if (broken?.layer) {
    const l = broken.layer;
    layers.push({
      name: l.name,
      className: l.className,
      config: l.config,
      status: "error",
      outputShapes: [],
      params: { trainable: null, nonTrainable: null },
      macs: null,
      record: null,
      pos: l.pos,
      connectedTo: [],
      reused: false,
    });
  }
  const rows: ModuleRow[] = [];
  const calledModules = new Set<number>();
  const cache = new Map<number, number | null>();
  let firstError = false;
  // After a construction error nothing ran: no rows, only the input the code meant to pass.
  const traced = broken ? [] : (trace?.rows ?? []);
  const nesting = iteratedContainers(traced, parents);
  for (const [i, row] of traced.entries()) {
    if (firstError) break;
    const { extra, insert } = nesting[i] ?? { extra: 0, insert: [] };
    const depth = row.depth + extra;
    for (const c of insert)
      rows.push({
        kind: "module",
        depth: c.depth,
        className: c.ref.className,
        name: c.ref.qualifiedName ?? c.ref.className,
        outputs: null,
        params: moduleParams(s, c.ref, cache),
        ownParams: 0,
        recursive: false,
        layer: null,
      });
    if (row.kind === "module" && row.ref) {
      const recursive = calledModules.has(row.ref.id);
      calledModules.add(row.ref.id);
      rows.push({
        // A module without submodules (an empty Sequential, a Chomp1d) is a leaf to torchinfo.
        kind: row.ref.children().length === 0 ? "leaf" : "module",
        depth,
        className: row.ref.className,
        name: row.ref.qualifiedName ?? row.ref.className,
        outputs: row.outputs,
        params: moduleParams(s, row.ref, cache),
        ownParams: s.ownParams(row.ref),
        recursive,
        layer: null,
      });
      continue;
    }
    const node = row.node;
    if (!node) continue;
    const failed = s.isFailed(node.layer);
    const status = node.issue || failed ? "error" : node.skipped ? "skipped" : "ok";
    if (status === "skipped") continue;
    const ref = row.ref;
    const recursive = ref ? calledModules.has(ref.id) : false;
    if (ref) calledModules.add(ref.id);
    const record = node.record;
    const own = ref ? (ref.params ?? record?.params.trainable ?? null) : 0;
    const params = recursive ? 0 : own;
    layers.push({
      name: node.layer.name,
      className: node.layer.className,
      config: node.layer.config,
      status,
      outputShapes: record?.outputs ?? [],
      params: { trainable: params, nonTrainable: params === null ? null : 0 },
      macs: record?.macs ?? null,
      record,
      pos: node.pos,
      connectedTo: [],
      reused: recursive,
      node,
    });
    rows.push({
      kind: ref ? "leaf" : "op",
      depth: ref === root ? 0 : depth,
      className: node.layer.className,
      name: node.layer.name,
      outputs: row.outputs,
      params: own,
      ownParams: own,
      recursive,
      layer: layers.length - 1,
    });
    if (node.issue) firstError = true;
    problems.push(...nodeProblems(node));
  }
  const anyFailed = layers.some((l) => l.status === "error");
  const total = broken ? null : totalParams(s, root);
  const inputs = (trace?.inputs ?? []).map((t) => ({ name: "input", shape: t.shape ?? [], pos: null }));
  return {
    framework: "pytorch",
    modelName: root.className,
    modelKind: "functional",
    inputs: inputs.length > 0 ? inputs : [{ name: "input", shape: [], pos: NOWHERE }],
    layers,
    outputs: anyFailed || !trace?.outputs ? [] : trace.outputs,
    totals: { params: total, trainable: total, nonTrainable: total === null ? null : 0 },
    problems,
    modules: {
      rootClass: root.className,
      rootOutputs: anyFailed ? null : (trace?.outputs ?? null),
      rows,
      inputSource,
    },
  };
}
