import type { Analysis } from "../model/analysis.js";
import type { SkippedLine } from "../parse/ast.js";
import { analyzeKeras } from "../parse/keras/analyze-keras.js";
import { parseMessage } from "../parse/parse-python.js";
import { jsonReply } from "../render/json-reply.js";
import { detectLang, type Locale, localeFor } from "../render/locale/index.js";
import { wordProblems } from "../render/problems.js";
import { modelReply } from "../render/reply-text.js";
import { parseInputOption } from "./input-option.js";
import type { Reply } from "./reply.js";
import { DEFAULT_LIMITS, type Limits, type Request } from "./request.js";
import { detectFramework, looksBinary } from "./triage.js";

/** The one entry every adapter calls: a chat message in, the reply out. Never throws on user input. */
export function answer(request: Request, limits: Limits = DEFAULT_LIMITS): Reply {
  const text = request.text ?? "";
  const bytes = Buffer.byteLength(text, "utf8");
  // The language is judged on a bounded prefix: a huge message is refused anyway.
  const loc = localeFor(detectLang(text.slice(0, 4096)));
  const m = loc.messages;
  if (bytes > limits.maxInputBytes)
    return notUnderstood(m.tooLong(formatKb(bytes), formatKb(limits.maxInputBytes)));
  if (text.trim() === "") return notUnderstood(m.empty);
  if (looksBinary(text)) return notUnderstood(m.binary);

  let inputOverride: (number | null)[] | null = null;
  if (request.input) {
    const parsed = parseInputOption(request.input);
    if (!parsed.ok) return notUnderstood(m.badInputOption(request.input, parsed.part));
    inputOverride = parsed.shape;
  }

  const framework = request.framework ?? detectFramework(text);
  if (framework === "pytorch") return notUnderstood(m.pytorchNotYet);

  const parsed = parseMessage(text, { maxStatesPerLine: limits.maxStatesPerLine });
  if (parsed.body.length === 0) {
    const first = parsed.skipped.find((s: SkippedLine) => s.looksLikeCode);
    if (first) return notUnderstood(m.noPython(first.line, first.column, first.reason));
    return notUnderstood(m.noModelCode);
  }

  const analysis = analyzeKeras(parsed, {
    inputOverride,
    maxLayers: limits.maxLayers,
    evalLimits: { maxSteps: limits.maxEvalSteps, maxDepth: 64, maxCollection: 100_000 },
  });
  if (!analysis) return notUnderstood(m.noKerasModel);
  return modelAnswer(analysis, loc);
}

function modelAnswer(analysis: Analysis, loc: Locale): Reply {
  const problems = wordProblems(analysis.problems, loc);
  const text = modelReply(analysis, problems, loc);
  return { understood: true, text, json: jsonReply(analysis, problems, text) };
}

function notUnderstood(message: string): Reply {
  return { understood: false, text: message, json: jsonReply(null, [], message) };
}

function formatKb(bytes: number): string {
  return `${Math.round(bytes / 1024).toLocaleString("en-US")} KB`;
}
