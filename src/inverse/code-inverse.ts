import type { Analysis } from "../model/analysis.js";
import type { SkippedLine } from "../parse/ast.js";
import { proseAroundCode } from "../parse/extract-code.js";
import { parsePlain } from "../parse/plain/parse-plain.js";
import type { Locale } from "../render/locale/locale.js";
import { inverseLines } from "./inverse-answer.js";
import type { InverseAsk } from "./inverse-ask.js";

// Inverse questions asked in the prose around pasted code ("what input sizes work with this
// model?", "how do I get 64x64 out of this decoder?"): answered from the code's analysis, put
// before the usual reply (the table and the arithmetic stay as they are).

/** The inverse question in the prose lines around the code, or null. */
export function inverseAsked(message: string, skipped: readonly SkippedLine[]): InverseAsk | null {
  const prose = proseAroundCode(message, skipped);
  if (prose.trim() === "") return null;
  const parsed = parsePlain(prose);
  return parsed.ok ? (parsed.question.inverse ?? null) : null;
}

/** The reply with the inverse answer first, when the prose asked one about the model. */
export function withInverseAnswer<R extends { text: string; json: { reply: string } }>(
  reply: R,
  message: string,
  skipped: readonly SkippedLine[],
  analysis: Analysis,
  loc: Locale,
): R {
  const ask = inverseAsked(message, skipped);
  if (ask === null) return reply;
  const lines = inverseLines(ask, analysis, loc);
  if (lines.length === 0) return reply;
  const text = `${lines.join("\n")}\n\n${reply.text}`;
  return { ...reply, text, json: { ...reply.json, reply: text } };
}
