import { formatShape } from "../model/shape.js";
import type { Assumption, PlainModel } from "../parse/plain/plain-builder.js";
import type { PlainQuestion } from "../parse/plain/plain-question.js";
import { conceptLines } from "./concepts.js";
import { explainAnalysis } from "./explain.js";
import { formatShapes } from "./format.js";
import { kerasSummary } from "./keras-summary.js";
import type { Locale } from "./locale/locale.js";
import { type WordedProblem, wordProblems } from "./problems.js";
import { problemLines } from "./reply-text.js";

/**
 * The reply to a plain-language question: the concept answer first when one was asked, then the
 * stack's table and arithmetic, then what was assumed (layout, defaults) — all in the asker's
 * language, numbers and code identical.
 */
export function plainReply(
  q: PlainQuestion,
  model: PlainModel | null,
  loc: Locale,
): { text: string; problems: WordedProblem[] } {
  const out: string[] = [];
  const concepts = conceptLines(
    q.concepts.map((c) => c.topic),
    model?.analysis ?? null,
    loc,
  );
  if (concepts.length > 0) out.push(...concepts);
  const problems = model ? wordProblems(model.analysis.problems, loc) : [];
  if (model) {
    const a = model.analysis;
    if (out.length > 0) out.push("");
    const failed = a.layers.find((l) => l.status === "error");
    const input = a.inputs.map((i) => formatShape(i.shape)).join(" + ");
    out.push(
      failed
        ? loc.reply.headlineStopped(input, failed.name, failed.className, failed.pos.line)
        : loc.reply.headline(input, formatShapes(a.outputs), a.totals.params, a.layers.length),
    );
    out.push("```text", ...kerasSummary(a, loc), "```");
    for (const p of problems.filter((p) => p.severity !== "note"))
      out.push(...problemLines(p.severity === "error" ? "✗ " : "⚠ ", p, loc));
    // The channel story was the answer already when the question asked it.
    const explanation = explainAnalysis(
      a,
      loc,
      q.concepts.some((c) => c.topic === "channels") && concepts.length > 0,
    );
    if (explanation.length > 0) out.push("", ...explanation);
    const notes = model.assumptions.map((x) => assumptionText(x, loc));
    if (notes.length > 0) out.push("", ...notes.map((n) => `${loc.reply.noteLabel}${n}`));
  }
  return { text: out.join("\n"), problems };
}

function assumptionText(x: Assumption, loc: Locale): string {
  switch (x.code) {
    case "layout":
      return loc.plain.assumedLayout(x.layout, x.reason);
    case "no_input_size":
      return loc.plain.noInputSize(x.assumed);
    case "default":
      return loc.plain.assumedDefault(x.what, x.value);
    case "inserted_flatten":
      return loc.plain.insertedFlatten(x.shape);
  }
}
