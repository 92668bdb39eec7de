import { analyzeMessage, type CodeContext } from "../../src/core/analyze-code.js";
import { DEFAULT_LIMITS } from "../../src/core/request.js";
import { detectFramework } from "../../src/core/triage.js";
import { checkFixes } from "../../src/diagnose/check-fixes.js";

// The fix fixtures' one view of a snippet: the problem shapebot fixes first, the whole patched
// snippet of every checked fix (in the order the reply shows them), and the smallest input named.

export function contextFor(message: string): CodeContext {
  return { framework: detectFramework(message), inputOverride: null, limits: DEFAULT_LIMITS };
}

export interface CaseFixes {
  code: string | null;
  fixes: string[];
  minSide: number | null;
}

export function fixesForMessage(message: string): CaseFixes {
  const none: CaseFixes = { code: null, fixes: [], minSide: null };
  const context = contextFor(message);
  const analysis = analyzeMessage(message, context);
  if (!analysis) return none;
  const [entry] = checkFixes(message, analysis, context);
  if (!entry) return none;
  const [problem, fixes] = entry;
  return {
    code: problem.kind === "shape" ? problem.issue.code : problem.kind,
    fixes: fixes.fixes.map((f) => f.patched),
    minSide: fixes.minInput?.side ?? null,
  };
}
