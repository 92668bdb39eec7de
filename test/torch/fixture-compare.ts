import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { Analysis } from "../../src/model/analysis.js";
import type { Shape } from "../../src/model/shape.js";
import { parseMessage } from "../../src/parse/parse-python.js";
import { analyzePytorch } from "../../src/parse/torch/analyze-pytorch.js";
import { localeFor } from "../../src/render/locale/index.js";
import { wordProblems } from "../../src/render/problems.js";

// Compares shapebot's reading of a snippet with what real PyTorch recorded running it
// (test/fixtures/torch, made by scripts/gen-torch-fixtures.py).

export const FIXTURES = join(import.meta.dirname, "..", "fixtures", "torch");

export interface TorchFixture {
  name: string;
  snippet: string;
  style: string;
  input: number[][];
  calls: { name: string; type: string; outputs: number[][]; params: number; trainable: number }[];
  output: number[][] | null;
  totalParams: number | null;
  trainableParams: number | null;
  error: { type: string; message: string; line: number } | null;
}

export function loadFixture(name: string): { fixture: TorchFixture; source: string } {
  const fixture = JSON.parse(readFileSync(join(FIXTURES, `${name}.json`), "utf8")) as TorchFixture;
  const source = readFileSync(join(FIXTURES, "snippets", fixture.snippet), "utf8");
  return { fixture, source };
}

export function fixtureNames(): string[] {
  const index = JSON.parse(readFileSync(join(FIXTURES, "index.json"), "utf8")) as { fixtures: string[] };
  return index.fixtures;
}

export function analyzeSnippet(source: string): Analysis | null {
  const parsed = parseMessage(source, { maxStatesPerLine: 20_000 });
  return analyzePytorch(parsed, { inputOverride: null, maxLayers: 2000, proseLines: [] });
}

/** torchsummary prints the batch as -1 and runs 2. */
function batchAs(shape: Shape, style: string): (number | string | null)[] {
  return style === "torchsummary" ? shape.map((d) => (d === "-1" ? 2 : d)) : shape;
}

const LAZY: Record<string, string> = { LazyLinear: "Linear", LazyConv2d: "Conv2d", LazyConv1d: "Conv1d" };

/** Every difference between our answer and PyTorch's record, as readable lines (empty = agree). */
export function differences(fixture: TorchFixture, a: Analysis | null): string[] {
  if (!a) return ["no analysis"];
  const diffs: string[] = [];
  const rows = (a.modules?.rows ?? []).filter(
    (r) => r.kind === "leaf" && (r.layer === null ? r.outputs !== null : a.layers[r.layer]?.status === "ok"),
  );
  const calls = fixture.calls;
  const n = Math.max(rows.length, calls.length);
  for (let i = 0; i < n; i++) {
    const row = rows[i];
    const call = calls[i];
    if (!row || !call) {
      diffs.push(
        `call ${i}: ${row ? `extra ${row.name} (${row.className})` : `missing ${call?.name} (${call?.type})`}`,
      );
      break;
    }
    const type = LAZY[row.className] ?? row.className;
    // We write a top-level Sequential's "0" as "[0]".
    const name = row.depth === 0 ? "" : row.name.replace(/^\[(\d+)\]/, "$1");
    if (type !== call.type || name !== call.name)
      diffs.push(`call ${i}: ${name} (${type}) vs ${call.name} (${call.type})`);
    const ours = (row.outputs ?? []).map((s) => batchAs(s, fixture.style));
    const theirs = call.outputs;
    const compared = ours.length === theirs.length ? ours : ours.slice(0, 1);
    if (JSON.stringify(compared) !== JSON.stringify(theirs.slice(0, compared.length)))
      diffs.push(`call ${i} ${call.name}: outputs ${JSON.stringify(ours)} vs ${JSON.stringify(theirs)}`);
    if (row.params !== call.params)
      diffs.push(`call ${i} ${call.name}: params ${row.params} vs ${call.params}`);
  }
  if (fixture.totalParams !== null && a.totals.params !== fixture.totalParams)
    diffs.push(`total params ${a.totals.params} vs ${fixture.totalParams}`);
  const errors = wordProblems(a.problems, localeFor("en")).filter((p) => p.severity === "error");
  if (fixture.error) {
    const e = fixture.error;
    const hit = errors.find((p) => p.message.includes(e.message));
    if (!hit)
      diffs.push(
        `error: expected "${e.message}" (line ${e.line}); got ${errors.map((p) => `"${p.message}" (line ${p.line})`).join("; ") || "none"}`,
      );
    else if (hit.line !== e.line) diffs.push(`error line ${hit.line} vs ${e.line}`);
  } else {
    if (errors.length > 0)
      diffs.push(`unexpected error: ${errors.map((p) => `${p.message} (line ${p.line})`).join("; ")}`);
    const out = a.outputs.map((s) => batchAs(s, fixture.style));
    const want = fixture.output ?? [];
    const cmp = out.length === want.length ? out : out.slice(0, 1);
    if (JSON.stringify(cmp) !== JSON.stringify(want.slice(0, cmp.length)))
      diffs.push(`output ${JSON.stringify(out)} vs ${JSON.stringify(want)}`);
  }
  return diffs;
}
