import { checkFixes } from "../diagnose/check-fixes.js";
import { pastedFacts } from "../diagnose/pasted-error-facts.js";
import { withInverseAnswer } from "../inverse/code-inverse.js";
import type { Analysis } from "../model/analysis.js";
import type { SkippedLine } from "../parse/ast.js";
import { findPastedError, type PastedError } from "../parse/errors/pasted-error.js";
import { proseAroundCode } from "../parse/extract-code.js";
import { parseMessage } from "../parse/parse-python.js";
import { looksLikePlainQuestion, parsePlain, plainFromOptions } from "../parse/plain/parse-plain.js";
import { buildPlainModel } from "../parse/plain/plain-builder.js";
import type { ConceptTopic, PlainQuestion } from "../parse/plain/plain-question.js";
import { conceptLines } from "../render/concepts.js";
import { thousands } from "../render/format.js";
import { jsonReply } from "../render/json-reply.js";
import { detectLang, type Lang, type Locale, localeFor } from "../render/locale/index.js";
import { plainReply } from "../render/plain-reply.js";
import { wordProblems } from "../render/problems.js";
import { modelReply } from "../render/reply-text.js";
import {
  type TranslationAnswer,
  type TranslationLimits,
  translationAnswer,
} from "../translate/translation-answer.js";
import { analyzeParsed, type CodeContext } from "./analyze-code.js";
import { parseInputOption } from "./input-option.js";
import type { Reply } from "./reply.js";
import { DEFAULT_LIMITS, type Limits, type Request } from "./request.js";
import { detectFramework, looksBinary } from "./triage.js";

/** The one entry every adapter calls: a chat message in, the reply out. Never throws on user input. */
export function answer(request: Request, limits: Limits = DEFAULT_LIMITS): Reply {
  return answerDetailed(request, limits).reply;
}

/** The reply and, when the message was a model, the analysis behind it (the image path runs it). */
export function answerDetailed(
  request: Request,
  limits: Limits = DEFAULT_LIMITS,
): { reply: Reply; analysis: Analysis | null; lang: Lang } {
  const lang = detectLang((request.text ?? "").slice(0, 4096));
  let analysis: Analysis | null = null;
  let reply: Reply;
  try {
    reply = answerText(request, limits, (a) => {
      analysis = a;
    });
  } catch {
    // A bug of ours must not take the caller down: the user gets a plain apology.
    analysis = null;
    reply = notUnderstood(localeFor(lang).messages.internalError);
  }
  return { reply, analysis, lang };
}

function answerText(request: Request, limits: Limits, keep: (a: Analysis) => void): Reply {
  const text = request.text ?? "";
  const bytes = Buffer.byteLength(text, "utf8");
  // The language is judged on a bounded prefix: a huge message is refused anyway.
  const loc = localeFor(detectLang(text.slice(0, 4096)));
  const m = loc.messages;
  if (bytes > limits.maxInputBytes)
    return notUnderstood(m.tooLong(formatKb(bytes), formatKb(limits.maxInputBytes)));
  if (text.trim() === "" && !request.options) return notUnderstood(m.empty);
  if (looksBinary(text)) return notUnderstood(m.binary);

  let inputOverride: (number | null)[] | null = null;
  if (request.input) {
    const parsed = parseInputOption(request.input);
    if (!parsed.ok) return notUnderstood(m.badInputOption(request.input, parsed.part));
    inputOverride = parsed.shape;
  }

  if (request.options) return answerOptions(request.options, loc, keep);
  // "this Conv2D in PyTorch", "nn.Conv2d(3, 24, 8) in keras", "这个 Conv2D 用 PyTorch 怎么写".
  const translated = translationAnswer(text, loc, translationLimits(limits), inputOverride);
  if (translated) return translationReply(translated, keep);
  let plainish: boolean | undefined;
  const isPlain = () => (plainish ??= looksLikePlainQuestion(text));
  const framework = request.framework ?? detectFramework(text);

  const parsed = parseMessage(text, { maxStatesPerLine: limits.maxStatesPerLine });
  // A framework error message pasted without a model: what it means, with its numbers.
  const pasted = findPastedError(text);
  if (parsed.body.length === 0) {
    if (pasted) return pastedErrorAnswer(pasted, loc);
    const first = parsed.skipped.find((s: SkippedLine) => s.looksLikeCode);
    if (first && !isPlain()) return notUnderstood(m.noPython(first.line, first.column, first.reason));
    return answerPlainText(text, request.framework ?? null, loc, keep);
  }

  const context: CodeContext = { framework, inputOverride, limits };
  const analysis = analyzeParsed(text, parsed, context);
  if (!analysis) {
    if (pasted) return pastedErrorAnswer(pasted, loc);
    return notUnderstood(framework === "pytorch" ? m.noTorchModel : m.noKerasModel);
  }
  keep(analysis);
  const reply = modelAnswer(
    analysis,
    loc,
    conceptsAsked(text, parsed.skipped),
    text,
    context,
    pasted?.error ?? null,
  );
  // Inverse questions in the prose ("what input sizes work with this model?"): answered first.
  return withInverseAnswer(reply, text, parsed.skipped, analysis, loc);
}

/** A plain-language question ("conv 24 filters 8x8 stride 2 on 128x128x3", "3x3 卷积 …"). */
function answerPlainText(
  text: string,
  framework: "keras" | "pytorch" | null,
  loc: Locale,
  keep: (a: Analysis) => void = () => {},
): Reply {
  const parsed = parsePlain(text);
  if (!parsed.ok) return notUnderstood(notUnderstoodText(parsed.word, loc));
  const question = framework ? { ...parsed.question, framework } : parsed.question;
  return plainAnswer(question, localeFor(question.lang), text, keep);
}

/** Structured options, as the /conv and /pool slash commands send them. */
function answerOptions(
  options: NonNullable<Request["options"]>,
  loc: Locale,
  keep: (a: Analysis) => void,
): Reply {
  const parsed = plainFromOptions(options);
  if (!parsed.ok) return notUnderstood(`${parsed.option}: ${parsed.message}`);
  return plainAnswer(parsed.question, loc, "", keep);
}

function plainAnswer(
  question: PlainQuestion,
  loc: Locale,
  asked = "",
  keep: (a: Analysis) => void = () => {},
): Reply {
  const model = buildPlainModel(question, asked);
  if (model) keep(model.analysis);
  if (!model && question.concepts.every((c) => c.topic === "output_shape"))
    return notUnderstood(notUnderstoodText(question.unknown[0]?.word ?? null, loc));
  const { text, problems } = plainReply(question, model, loc);
  if (text.trim() === "") return notUnderstood(notUnderstoodText(question.unknown[0]?.word ?? null, loc));
  const json = jsonReply(model?.analysis ?? null, problems, text);
  return { understood: true, text, json: { ...json, framework: "plain" } };
}

function notUnderstoodText(word: string | null, loc: Locale): string {
  const [a, b] = loc.plain.examples;
  return `${loc.plain.notUnderstood(word)}\n  • ${a}\n  • ${b}`;
}

/** Concept questions in the prose around pasted code ("why is the output (None, 61, 61, 24) and not …?"). */
function conceptsAsked(message: string, skipped: SkippedLine[]): ConceptTopic[] {
  // An error message pasted along ("RuntimeError: … weight of size …") is not a question about weights.
  const prose = proseAroundCode(message, skipped);
  if (prose.trim() === "") return [];
  const parsed = parsePlain(prose);
  return parsed.ok ? parsed.question.concepts.map((c) => c.topic).filter((t) => t !== "output_shape") : [];
}

function modelAnswer(
  analysis: Analysis,
  loc: Locale,
  concepts: ConceptTopic[],
  message: string,
  context: CodeContext,
  pasted: PastedError | null = null,
): Reply {
  const fixes = checkFixes(message, analysis, context);
  const problems = wordProblems(analysis.problems, loc, fixes);
  const answers = [...pastedErrorLines(pasted, analysis, loc), ...conceptLines(concepts, analysis, loc)];
  const text = modelReply(analysis, problems, loc, { concepts: answers, notes: [], channelsTold: false });
  return { understood: true, text, json: jsonReply(analysis, problems, text) };
}

function translationLimits(limits: Limits): TranslationLimits {
  const evalLimits = { maxSteps: limits.maxEvalSteps, maxDepth: 64, maxCollection: 100_000 };
  return { maxLayers: limits.maxLayers, maxStatesPerLine: limits.maxStatesPerLine, evalLimits };
}

function translationReply(t: TranslationAnswer, keep: (a: Analysis) => void): Reply {
  if (t.analysis) keep(t.analysis);
  return { understood: true, text: t.text, json: jsonReply(t.analysis, [], t.text) };
}

/** Messages Keras (or TensorFlow under it) prints; the others are PyTorch's. */
const KERAS_ERRORS = new Set<PastedError["kind"]>(["ndim", "negdim", "computed", "axis"]);

function pastedErrorAnswer(pasted: { error: PastedError; line: number }, loc: Locale): Reply {
  const lines = loc.pastedError.lines(pasted.error, pastedFacts(pasted.error));
  const text = lines.join("\n");
  const fix = lines.find((l) => l.startsWith(loc.reply.fixLabel))?.slice(loc.reply.fixLabel.length) ?? null;
  const problem = {
    severity: "error" as const,
    code: `pasted_${pasted.error.kind}`,
    message: lines[0] ?? "",
    line: pasted.line,
    column: null,
    layer: null,
    fix,
  };
  const json = jsonReply(null, [problem], text);
  return {
    understood: true,
    text,
    json: { ...json, framework: KERAS_ERRORS.has(pasted.error.kind) ? "keras" : "pytorch" },
  };
}

/**
 * An error pasted with the code: tied to the layer the analysis stops at; when the analysis finds
 * no error (the code runs for the input it shows), the pasted error is still explained.
 */
function pastedErrorLines(pasted: PastedError | null, analysis: Analysis, loc: Locale): string[] {
  if (!pasted) return [];
  const failed = analysis.layers.find((l) => l.status === "error");
  if (failed) return [loc.pastedError.tied(failed.pos.line, failed.name)];
  return loc.pastedError.lines(pasted, pastedFacts(pasted)).slice(0, -1);
}

function notUnderstood(message: string): Reply {
  return { understood: false, text: message, json: jsonReply(null, [], message) };
}

function formatKb(bytes: number): string {
  return `${thousands(Math.round(bytes / 1024))} KB`;
}
