import type { Analysis } from "../model/analysis.js";
import type { ParsedModule, SkippedLine } from "../parse/ast.js";
import { analyzeKeras } from "../parse/keras/analyze-keras.js";
import { parseMessage } from "../parse/parse-python.js";
import { analyzePytorch } from "../parse/torch/analyze-pytorch.js";
import type { Limits } from "./request.js";

// Model code to its analysis: the message parsed, evaluated with the framework's session, shapes
// inferred. The answer path calls it once; the fix checker calls it again on each patched message.

export interface CodeContext {
  framework: "keras" | "pytorch";
  inputOverride: (number | null)[] | null;
  limits: Limits;
}

export function analyzeParsed(message: string, parsed: ParsedModule, context: CodeContext): Analysis | null {
  const { limits, inputOverride } = context;
  const evalLimits = { maxSteps: limits.maxEvalSteps, maxDepth: 64, maxCollection: 100_000 };
  if (context.framework === "pytorch")
    return analyzePytorch(parsed, {
      inputOverride,
      maxLayers: limits.maxLayers,
      proseLines: proseLines(message, parsed.skipped),
      evalLimits,
    });
  return analyzeKeras(parsed, { inputOverride, maxLayers: limits.maxLayers, evalLimits });
}

export function analyzeMessage(message: string, context: CodeContext): Analysis | null {
  const parsed = parseMessage(message, { maxStatesPerLine: context.limits.maxStatesPerLine });
  return parsed.body.length === 0 ? null : analyzeParsed(message, parsed, context);
}

/**
 * Lines where a user may state the input size: lines outside ``` fences, lines the parser
 * skipped, and comments that mention the input.
 */
function proseLines(message: string, skipped: SkippedLine[]): string[] {
  const lines = message.split("\n");
  const outsideFences: string[] = [];
  let inFence = false;
  for (const line of lines) {
    if (/^\s*(```|~~~)/.test(line)) inFence = !inFence;
    else if (!inFence) outsideFences.push(line);
  }
  const fenced = outsideFences.length < lines.length;
  const prose = [...(fenced ? outsideFences : []), ...skipped.map((s) => lines[s.line - 1] ?? "")];
  const comments = lines
    .map((l) => /#(.*)$/.exec(l)?.[1] ?? "")
    .filter((c) => /\binput|\bimages?\b|\bshape\b/i.test(c));
  return [...prose, ...comments];
}
