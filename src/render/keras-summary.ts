import type { Analysis, AnalyzedLayer } from "../model/analysis.js";
import { formatShape } from "../model/shape.js";
import { formatShapes, readableBytes, thousands } from "./format.js";
import { type Column, renderTable } from "./text-table.js";

export const TABLE_WIDTH = 72;

/** The table as Keras 3's `model.summary()` prints it, at most 72 columns wide. */
export function kerasSummary(a: Analysis): string[] {
  const sequentialLike = a.modelKind === "sequential" || isSequentialLike(a);
  const columns: Column[] = [
    { header: "Layer (type)", align: "left", wrap: true },
    { header: "Output Shape", align: "left", wrap: true },
    { header: "Param #", align: "right", wrap: false },
  ];
  if (!sequentialLike) columns.push({ header: "Connected to", align: "left", wrap: true });

  const rows: string[][] = [];
  if (a.modelKind === "functional") {
    for (const input of a.inputs) {
      const row = [`${input.name} (InputLayer)`, formatShape(input.shape), "0"];
      if (!sequentialLike) row.push("-");
      rows.push(row);
    }
  }
  for (const layer of a.layers) {
    const row = [`${layer.name} (${layer.className})`, shapeCell(layer), paramsCell(layer)];
    if (!sequentialLike) row.push(layer.connectedTo.map((c) => `${c}[0][0]`).join(",\n") || "-");
    rows.push(row);
  }
  const lines = [`Model: "${a.modelName}"`, ...renderTable(columns, rows, TABLE_WIDTH)];
  lines.push(...totalsLines(a));
  return lines;
}

function shapeCell(layer: AnalyzedLayer): string {
  if (layer.status === "error") return "✗ error (below)";
  if (layer.outputShapes.length === 0) return "?";
  return formatShapes(layer.outputShapes);
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

function totalsLines(a: Analysis): string[] {
  const { params, trainable, nonTrainable } = a.totals;
  const line = (label: string, n: number | null) => (n === null ? ` ${label}: ? (unknown: see notes)` : ` ${label}: ${thousands(n)} (${readableBytes(n * 4)})`);
  const stopped = a.layers.some((l) => l.status === "error");
  const suffix = stopped ? " — up to the error" : "";
  return [line(`Total params${suffix}`, params), line("Trainable params", trainable), line("Non-trainable params", nonTrainable)];
}
