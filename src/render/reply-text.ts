import type { Analysis } from "../model/analysis.js";
import { formatShape } from "../model/shape.js";
import { explainAnalysis } from "./explain.js";
import { formatShapes, thousands } from "./format.js";
import { kerasSummary } from "./keras-summary.js";
import type { WordedProblem } from "./problems.js";

/** The whole chat reply for an analysed model: headline, table, errors, arithmetic, notes. */
export function modelReply(a: Analysis, problems: WordedProblem[]): string {
  const out: string[] = [headline(a)];
  out.push("```text", ...kerasSummary(a), "```");
  // What changes the answer comes right under the table; assumptions and asides come last.
  for (const p of problems.filter((p) => p.severity !== "note"))
    out.push(...problemLines(p.severity === "error" ? "✗" : "⚠", p));
  const explanation = explainAnalysis(a);
  if (explanation.length > 0) out.push("", ...explanation);
  const notes = problems.filter((p) => p.severity === "note");
  if (notes.length > 0) out.push("");
  for (const p of notes) out.push(...problemLines("Note:", p));
  return out.join("\n");
}

function headline(a: Analysis): string {
  const input = a.inputs.map((i) => formatShape(i.shape)).join(" + ");
  const failed = a.layers.find((l) => l.status === "error");
  if (failed)
    return `${input} → stops at ${failed.name} (${failed.className}), line ${failed.pos.line}: see ✗ below.`;
  const params = a.totals.params === null ? "? params" : `${thousands(a.totals.params)} params`;
  return `${input} → ${formatShapes(a.outputs)} · ${params} · ${a.layers.length} layer${a.layers.length === 1 ? "" : "s"}`;
}

export function problemLines(mark: string, p: WordedProblem): string[] {
  const where = p.line !== null ? `line ${p.line}${p.column !== null ? `, column ${p.column}` : ""}` : "";
  const who = p.layer ? `${p.layer}` : "";
  const prefix = [where, who].filter(Boolean).join(", ");
  const message =
    p.layer && p.message.startsWith(`${p.layer}: `) ? p.message.slice(p.layer.length + 2) : p.message;
  const lines = [`${mark} ${prefix ? `${prefix}: ` : ""}${message}`];
  if (p.fix) lines.push(`  Fix: ${p.fix}`);
  return lines;
}
