import type { Analysis } from "../model/analysis.js";
import type { Locale } from "../render/locale/locale.js";
import { inputSizes } from "./input-sizes.js";
import type { InverseAsk } from "./inverse-ask.js";
import { outputTargetAnswer } from "./output-target.js";
import { windowAnswer } from "./window-answer.js";

// The lines that answer an inverse question: a window question from its sizes alone, a question
// about a model from the model's analysis (pasted code, or a stack described in the sentence).

/** What the searches cover: every loop here is bounded by these, whatever numbers were asked. */
export const INVERSE_BOUNDS = { size: 16_384, window: 512, stride: 64 };

export function inverseLines(ask: InverseAsk, analysis: Analysis | null, loc: Locale): string[] {
  if (ask.kind === "window") {
    if (!withinBounds(ask)) return [loc.inverse.tooLarge(INVERSE_BOUNDS)];
    return windowAnswer(ask, loc);
  }
  if (ask.kind === "output_target" && ask.to.some((d) => d > INVERSE_BOUNDS.size))
    return [loc.inverse.tooLarge(INVERSE_BOUNDS)];
  if (analysis === null) return [loc.inverse.needModel(ask.kind)];
  if (ask.kind === "output_target") return outputTargetAnswer(analysis, ask.to, loc);
  return inputSizesLines(analysis, loc);
}

function inputSizesLines(a: Analysis, loc: Locale): string[] {
  const sizes = inputSizes(a);
  if (sizes === null) return [];
  const t = loc.inverse;
  if (sizes.smallest === null) return [t.noInputSize({ limit: 1024 })];
  const lines = [
    t.inputSizes({ ranges: sizes.ranges, open: sizes.open, smallest: sizes.smallest, limit: 1024 }),
  ];
  if (sizes.because !== null) lines.push(`  • ${t.smallestBecause(sizes.because)}`);
  for (const c of sizes.constraints) lines.push(`  • ${t.constraint(c)}`);
  const { exact } = sizes;
  if (exact.conditions.length > 0 && exact.sizes.length > 0) {
    lines.push(t.exactSizes({ sizes: exact.sizes, more: exact.more }));
    for (const c of exact.conditions) lines.push(`  • ${t.exactCondition(c)}`);
  }
  if (sizes.independent && sizes.vars.length > 1) lines.push(t.independentAxes(sizes.vars));
  return lines;
}

function withinBounds(ask: Extract<InverseAsk, { kind: "window" }>): boolean {
  const { size, window, stride } = INVERSE_BOUNDS;
  // An open kernel is searched up to 11, so that is the span to bound when none was given.
  const span = (ask.dilation ?? 1) * ((ask.kernel ?? 11) - 1) + 1;
  return (
    [...ask.from, ...ask.to].every((d) => d <= size) &&
    span <= window &&
    (ask.stride ?? 1) <= stride &&
    (ask.dilation ?? 1) <= stride &&
    (typeof ask.padding !== "number" || ask.padding <= window)
  );
}
