import type { Analysis, ModuleRow } from "../model/analysis.js";
import { type Shape, torchList } from "../model/shape.js";
import { pythonFixed2, thousands } from "./format.js";
import { TABLE_WIDTH } from "./keras-summary.js";

// The table as torchinfo 1.8's summary() prints it (`Layer (type:depth-idx) │ Output Shape │
// Param #`, ├─ and │    └─ prefixes, depth-idx counted per depth, params at depth 3 aggregated,
// the totals and size block), narrowed to 72 columns, with tensor ops as rows of their own
// (torchinfo has no rows for them).

const MAX_DEPTH = 3;

function prefix(depth: number): string {
  if (depth === 0) return "";
  if (depth === 1) return "├─";
  return `${"│    ".repeat(depth - 1)}└─`;
}

function shapeCell(outputs: Shape[] | null, status: string | undefined): string {
  if (status === "error") return "✗ error (below)";
  const first = outputs?.[0];
  return first ? torchList(first) : "--";
}

/** torchinfo's Param # cell: `--` for none, `(recursive)` for a repeated call, else the count. */
function paramCell(row: ModuleRow, atMaxDepth: boolean): string {
  if (row.kind === "op") return "--";
  if (row.params === null) return "?";
  if (row.params === 0) return "--";
  if (row.recursive) return "(recursive)";
  if (row.kind === "leaf" || atMaxDepth) return thousands(row.params);
  return row.ownParams ? thousands(row.ownParams) : "--";
}

function mb(bytes: number): string {
  return pythonFixed2(bytes / 1e6);
}

function numel(shape: Shape | undefined): number | null {
  if (!shape) return null;
  let p = 1;
  for (const d of shape) {
    if (typeof d !== "number") return null;
    p *= d;
  }
  return p;
}

/** Total mult-adds in torchinfo's units: T from 1e12, G from 1e9, else M; whole numbers without decimals. */
function multAdds(n: number): string {
  const [unit, v] = n >= 1e12 ? ["T", n / 1e12] : n >= 1e9 ? ["G", n / 1e9] : ["M", n / 1e6];
  return `(${unit}): ${Number.isInteger(v) ? thousands(v) : pythonFixed2(v)}`;
}

export function torchSummary(a: Analysis, width = TABLE_WIDTH): string[] {
  const table = a.modules;
  if (!table) return [];
  const status = (r: ModuleRow) => (r.layer === null ? undefined : a.layers[r.layer]?.status);
  const counters = new Map<number, number>();
  const cells: [string, string, string][] = [];
  const rootLeaf = table.rows.length === 1 && table.rows[0]?.depth === 0;
  if (!rootLeaf) cells.push([table.rootClass, shapeCell(table.rootOutputs, undefined), "--"]);
  for (const row of table.rows) {
    if (row.depth > MAX_DEPTH) continue;
    let name = row.className;
    if (row.kind === "op") name = row.name;
    else if (row.depth > 0) {
      const idx = (counters.get(row.depth) ?? 0) + 1;
      counters.set(row.depth, idx);
      name = `${row.className}: ${row.depth}-${idx}`;
    }
    cells.push([
      prefix(row.depth) + name,
      shapeCell(row.outputs, status(row)),
      paramCell(row, row.depth === MAX_DEPTH),
    ]);
  }
  const header: [string, string, string] = ["Layer (type:depth-idx)", "Output Shape", "Param #"];
  const paramW = Math.max(...[header, ...cells].map((c) => c[2].length)) + 1;
  const shapeW = Math.max(14, ...[header, ...cells].map((c) => c[1].length + 2));
  const nameW = Math.max(
    24,
    Math.min(width - shapeW - paramW, Math.max(...[header, ...cells].map((c) => c[0].length + 1))),
  );
  const cut = (s: string, w: number) => (s.length > w - 1 ? `${s.slice(0, w - 2)}…` : s).padEnd(w);
  const line = (c: [string, string, string]) => (cut(c[0], nameW) + c[1].padEnd(shapeW) + c[2]).trimEnd();
  const rule = "=".repeat(Math.min(width, nameW + shapeW + paramW));
  const out = [rule, line(header), rule, ...cells.map(line), rule];
  const { params, trainable, nonTrainable } = a.totals;
  const count = (n: number | null) => (n === null ? "?" : thousands(n));
  out.push(
    `Total params: ${count(params)}`,
    `Trainable params: ${count(trainable)}`,
    `Non-trainable params: ${count(nonTrainable)}`,
  );
  const stopped = a.layers.some((l) => l.status === "error");
  const macs = a.layers.reduce<number | null>(
    (s, l) => (s === null || l.macs === null ? null : s + l.macs),
    0,
  );
  if (macs !== null && !stopped) out.push(`Total mult-adds per sample ${multAdds(macs)} (MACs, no bias)`);
  const sizes = sizeBlock(a);
  if (sizes && !stopped) out.push(rule, ...sizes);
  out.push(rule);
  return out;
}

/** Input, forward/backward (2 × the outputs of leaves with params), params, total; MB = 10⁶ bytes. */
function sizeBlock(a: Analysis): string[] | null {
  const table = a.modules;
  if (!table) return null;
  let input = 0;
  for (const i of a.inputs) {
    const n = numel(i.shape);
    if (n === null) return null;
    input += n * 4;
  }
  let forward = 0;
  let paramBytes = 0;
  for (const row of table.rows) {
    if (row.kind !== "leaf" || !row.params) continue;
    const n = numel(row.outputs?.[0]);
    if (n === null) return null;
    forward += 2 * 4 * n;
    if (!row.recursive) paramBytes += 4 * row.params;
  }
  return [
    `Input size (MB): ${mb(input)}`,
    `Forward/backward pass size (MB): ${mb(forward)}`,
    `Params size (MB): ${mb(paramBytes)}`,
    `Estimated Total Size (MB): ${mb(input + forward + paramBytes)}`,
  ];
}
