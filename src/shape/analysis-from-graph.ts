import type { Analysis, AnalyzedLayer } from "../model/analysis.js";
import type { LayerInstance, LayerNode, Tensor } from "../model/graph.js";
import type { Framework } from "../model/layer-config.js";
import type { Problem } from "../model/problems.js";
import { inputsOf, nodesBetween } from "./graph-builder.js";

export interface GraphModel {
  framework: Framework;
  modelName: string;
  modelKind: "sequential" | "functional";
  inputs: Tensor[];
  outputs: Tensor[];
  /** Problems found so far; the rows' shape problems are added. */
  problems: Problem[];
  /** Layers whose arguments could not be read (shown as errors). */
  isFailed(layer: LayerInstance): boolean;
}

/** The error a node raised and the warnings its rule gave, as problems of that layer. */
export function nodeProblems(node: LayerNode): Problem[] {
  const at = { layer: node.layer.name, className: node.layer.className, pos: node.pos };
  const out: Problem[] = [];
  if (node.issue) out.push({ kind: "shape", severity: "error", issue: node.issue, ...at });
  for (const warning of node.record?.warnings ?? [])
    out.push({ kind: "shape", severity: "warning", issue: warning, ...at });
  return out;
}

/**
 * The rows of the answer from an inferred graph: one per layer call in execution order, up to
 * and including the first error; a shared layer's params counted at its first call only.
 */
export function analysisFromGraph(g: GraphModel): Analysis {
  const { inputs, outputs, problems } = g;
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
    const status = node.issue || g.isFailed(node.layer) ? "error" : node.skipped ? "skipped" : "ok";
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
      node,
    });
    if (node.issue) firstError = true;
    problems.push(...nodeProblems(node));
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
    framework: g.framework,
    modelName: g.modelName,
    modelKind: g.modelKind,
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
