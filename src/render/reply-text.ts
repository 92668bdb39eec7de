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
  const errors = problems.filter((p) => p.severity === "error");
  for (const e of errors) out.push(...problemLines("✗", e));
  const explanation = explainAnalysis(a);
  if (explanation.length > 0) out.push("", ...explanation);
  const others = problems.filter((p) => p.severity !== "error");
  if (others.length > 0) out.push("");
  for (const p of others) out.push(...problemLines(p.severity === "warning" ? "⚠" : "Note:", p));
  return out.join("\n");
}

function headline(a: Analysis): string {
  const input = a.inputs.map((i) => formatShape(i.shape)).join(" + ");
  const failed = a.layers.find((l) => l.status === "error");
  if (failed) return `${input} → stops at ${failed.name} (${failed.className}), line ${failed.pos.line}: see ✗ below.`;
  const params = a.totals.params === null ? "? params" : `${thousands(a.totals.params)} params`;
  return `${input} → ${formatShapes(a.outputs)} · ${params} · ${a.layers.length} layers`;
}

export function problemLines(mark: string, p: WordedProblem): string[] {
  const where = p.line !== null ? `line ${p.line}${p.column !== null ? `, column ${p.column}` : ""}` : "";
  const who = p.layer ? `${p.layer}` : "";
  const prefix = [where, who].filter(Boolean).join(", ");
  const lines = [`${mark} ${prefix ? `${prefix}: ` : ""}${p.message}`];
  if (p.fix) lines.push(`  Fix: ${p.fix}`);
  return lines;
}
