import type { Analysis, AnalyzedLayer } from "../model/analysis.js";
import { formatShape } from "../model/shape.js";
import { formatShapes, readableBytes, thousands } from "./format.js";
import type { Locale } from "./locale/locale.js";
import { type Column, renderTable } from "./text-table.js";

export const TABLE_WIDTH = 72;

/** The table as Keras 3's `model.summary()` prints it, at most 72 columns wide. */
export function kerasSummary(a: Analysis, loc: Locale, width = TABLE_WIDTH): string[] {
  const sequentialLike = a.modelKind === "sequential" || isSequentialLike(a);
  const columns: Column[] = [
    { header: "Layer (type)", align: "left", wrap: true, shrinkOrder: 1 },
    { header: "Output Shape", align: "left", wrap: true, shrinkOrder: 2 },
    { header: "Param #", align: "right", wrap: false },
  ];
  if (!sequentialLike) columns.push({ header: "Connected to", align: "left", wrap: true, shrinkOrder: 0 });

  const rows: string[][] = [];
  if (a.modelKind === "functional") {
    for (const input of a.inputs) {
      const row = [`${input.name} (InputLayer)`, formatShape(input.shape), "0"];
      if (!sequentialLike) row.push("-");
      rows.push(row);
    }
  }
  // Keras lists each layer once: a shared layer's later calls add their connections to its row.
  const rowOf = new Map<string, string[]>();
  for (const layer of a.layers) {
    const existing = rowOf.get(layer.name);
    if (existing && layer.reused) {
      if (!sequentialLike) existing[3] = `${existing[3]}, ${layer.connectedTo.join(", ")}`;
      existing[1] = shapeCell(layer);
      continue;
    }
    const row = [`${layer.name} (${layer.className})`, shapeCell(layer), paramsCell(layer)];
    if (!sequentialLike) row.push(layer.connectedTo.join(", ") || "-");
    rows.push(row);
    rowOf.set(layer.name, row);
  }
  const lines = [`Model: "${a.modelName}"`, ...renderTable(columns, rows, width)];
  lines.push(...totalsLines(a, loc));
  return lines;
}

function shapeCell(layer: AnalyzedLayer): string {
  if (layer.status === "error") return "✗ error (below)";
  if (layer.outputShapes.length === 0) return "?";
  return layer.record?.assumed ? `${formatShapes(layer.outputShapes)}?` : formatShapes(layer.outputShapes);
}

function paramsCell(layer: AnalyzedLayer): string {
  const { trainable, nonTrainable } = layer.params;
  if (trainable === null || nonTrainable === null) return "?";
  return thousands(trainable + nonTrainable);
}

function isSequentialLike(a: Analysis): boolean {
  if (a.inputs.length > 1) return false;
  const seen = new Set<string>();
  for (const layer of a.layers) {
    if (layer.connectedTo.length > 1 || layer.reused || seen.has(layer.name)) return false;
    seen.add(layer.name);
  }
  // A branch: some layer feeds two others.
  const fed = new Map<string, number>();
  for (const layer of a.layers) for (const c of layer.connectedTo) fed.set(c, (fed.get(c) ?? 0) + 1);
  return [...fed.values()].every((n) => n <= 1);
}

function totalsLines(a: Analysis, loc: Locale): string[] {
  const { params, trainable, nonTrainable } = a.totals;
  const unknownLayers = a.layers.filter(
    (l) => l.status === "ok" && (l.params.trainable === null || l.params.nonTrainable === null),
  );
  const known = (pick: (l: AnalyzedLayer) => number | null) =>
    a.layers.filter((l) => l.status === "ok").reduce((s, l) => s + (pick(l) ?? 0), 0);
  const partial = (label: string, n: number) =>
    loc.reply.totalsUnknown(
      label,
      thousands(n),
      readableBytes(n * 4),
      unknownLayers.map((l) => l.name),
    );
  const line = (label: string, n: number | null, pick: (l: AnalyzedLayer) => number | null) =>
    n === null ? partial(label, known(pick)) : ` ${label}: ${thousands(n)} (${readableBytes(n * 4)})`;
  const stopped = a.layers.some((l) => l.status === "error");
  const suffix = stopped ? loc.reply.totalsBeforeError : "";
  return [
    line(`Total params${suffix}`, params, (l) => (l.params.trainable ?? 0) + (l.params.nonTrainable ?? 0)),
    line("Trainable params", trainable, (l) => l.params.trainable),
    line("Non-trainable params", nonTrainable, (l) => l.params.nonTrainable),
  ];
}
