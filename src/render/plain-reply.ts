import { inverseLines } from "../inverse/inverse-answer.js";
import type { Assumption, PlainModel } from "../parse/plain/plain-builder.js";
import type { PlainQuestion } from "../parse/plain/plain-question.js";
import { conceptLines } from "./concepts.js";
import type { Locale } from "./locale/locale.js";
import { type WordedProblem, wordProblems } from "./problems.js";
import { modelReply } from "./reply-text.js";

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
  const concepts = conceptLines(
    q.concepts.map((c) => c.topic),
    model?.analysis ?? null,
    loc,
  );
  // An inverse question ("what padding keeps 32x32 …?") is answered first, from the same rules.
  const inverse = q.inverse ? inverseLines(q.inverse, model?.analysis ?? null, loc) : [];
  if (inverse.length > 0) concepts.unshift(...inverse, ...(concepts.length > 0 ? [""] : []));
  if (!model) return { text: concepts.join("\n"), problems: [] };
  const problems = wordProblems(model.analysis.problems, loc);
  const text = modelReply(model.analysis, problems, loc, {
    concepts,
    notes: model.assumptions.map((x) => assumptionText(x, loc)),
    // The channel story was the answer already when the question asked it.
    channelsTold: q.concepts.some((c) => c.topic === "channels") && concepts.length > 0,
  });
  return { text, problems };
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
