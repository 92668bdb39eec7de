import type { Analysis } from "../model/analysis.js";
import { formatShape, torchList } from "../model/shape.js";
import { explainAnalysis } from "./explain.js";
import { alternativeText, diffLines } from "./fix-text.js";
import { formatShapes } from "./format.js";
import { kerasSummary } from "./keras-summary.js";
import type { Locale } from "./locale/locale.js";
import type { WordedProblem } from "./problems.js";
import { torchSummary } from "./torch-summary.js";

/** What a reply adds around the model: concept answers first, assumptions among the notes. */
export interface ReplyExtras {
  /** Lines answering a concept question, put before the headline. */
  concepts: string[];
  /** Notes beyond the problems' (plain-language assumptions), already worded. */
  notes: string[];
  /** The channel story was the concept answer: the explanation does not repeat it. */
  channelsTold: boolean;
}

const NO_EXTRAS: ReplyExtras = { concepts: [], notes: [], channelsTold: false };

/** The whole chat reply for an analysed model: headline, table, errors, arithmetic, notes. */
export function modelReply(
  a: Analysis,
  problems: WordedProblem[],
  loc: Locale,
  extras: ReplyExtras = NO_EXTRAS,
): string {
  const out: string[] = extras.concepts.length > 0 ? [...extras.concepts, ""] : [];
  out.push(headline(a, loc));
  out.push("```text", ...(a.modules ? torchSummary(a) : kerasSummary(a, loc)), "```");
  // What changes the answer comes right under the table; assumptions and asides come last.
  for (const p of problems.filter((p) => p.severity !== "note"))
    out.push(...problemLines(p.severity === "error" ? "✗ " : "⚠ ", p, loc));
  const explanation = explainAnalysis(a, loc, extras.channelsTold);
  if (explanation.length > 0) out.push("", ...explanation);
  const notes = problems.filter((p) => p.severity === "note");
  if (notes.length + extras.notes.length > 0) out.push("");
  for (const p of notes) out.push(...problemLines(loc.reply.noteLabel, p, loc));
  for (const n of extras.notes) out.push(`${loc.reply.noteLabel}${n}`);
  return out.join("\n");
}

function headline(a: Analysis, loc: Locale): string {
  const show = a.framework === "pytorch" ? torchList : formatShape;
  const input = a.inputs.map((i) => show(i.shape)).join(" + ");
  const failed = a.layers.find((l) => l.status === "error");
  if (failed) return loc.reply.headlineStopped(input, failed.name, failed.className, failed.pos.line);
  const output =
    a.framework === "pytorch" ? a.outputs.map(torchList).join(", ") || "?" : formatShapes(a.outputs);
  return loc.reply.headline(input, output, a.totals.params, a.layers.length);
}

export function problemLines(mark: string, p: WordedProblem, loc: Locale): string[] {
  const prefix = [loc.reply.where(p.line, p.column), p.layer ?? ""].filter(Boolean).join(", ");
  const message =
    p.layer && p.message.startsWith(`${p.layer}: `) ? p.message.slice(p.layer.length + 2) : p.message;
  const lines = [`${mark}${prefix ? `${prefix}: ` : ""}${message}`];
  const [best, ...others] = p.checked?.fixes ?? [];
  if (best) lines.push(`  ${loc.reply.checkedFix}`, "```diff", ...diffLines(best), "```");
  else if (p.fix) lines.push(`  ${loc.reply.fixLabel}${p.fix}`);
  if (others.length > 0)
    lines.push(`  ${loc.reply.alsoChecked} ${others.map((f) => alternativeText(f, loc)).join("; ")}`);
  const min = p.checked?.minInput;
  if (min)
    lines.push(
      `  ${loc.reply.minInput(min.side, (min.framework === "pytorch" ? torchList : formatShape)(min.shape))}`,
    );
  return lines;
}
