import type { Analysis } from "../model/analysis.js";
import type { SkippedLine } from "../parse/ast.js";
import { looksLikeOutput } from "../parse/extract-code.js";
import { analyzeKeras } from "../parse/keras/analyze-keras.js";
import { parseMessage } from "../parse/parse-python.js";
import { looksLikePlainQuestion, parsePlain, plainFromOptions } from "../parse/plain/parse-plain.js";
import { buildPlainModel } from "../parse/plain/plain-builder.js";
import type { ConceptTopic, PlainQuestion } from "../parse/plain/plain-question.js";
import { analyzePytorch } from "../parse/torch/analyze-pytorch.js";
import { conceptLines } from "../render/concepts.js";
import { thousands } from "../render/format.js";
import { jsonReply } from "../render/json-reply.js";
import { detectLang, type Lang, type Locale, localeFor } from "../render/locale/index.js";
import { plainReply } from "../render/plain-reply.js";
import { wordProblems } from "../render/problems.js";
import { modelReply } from "../render/reply-text.js";
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
  const reply = answerText(request, limits, (a) => {
    analysis = a;
  });
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
  let plainish: boolean | undefined;
  const isPlain = () => (plainish ??= looksLikePlainQuestion(text));
  const framework = request.framework ?? detectFramework(text);

  const parsed = parseMessage(text, { maxStatesPerLine: limits.maxStatesPerLine });
  if (parsed.body.length === 0) {
    const first = parsed.skipped.find((s: SkippedLine) => s.looksLikeCode);
    if (first && !isPlain()) return notUnderstood(m.noPython(first.line, first.column, first.reason));
    return answerPlainText(text, request.framework ?? null, loc, keep);
  }

  const evalLimits = { maxSteps: limits.maxEvalSteps, maxDepth: 64, maxCollection: 100_000 };
  if (framework === "pytorch") {
    const analysis = analyzePytorch(parsed, {
      inputOverride,
      maxLayers: limits.maxLayers,
      proseLines: proseLines(text, parsed.skipped),
      evalLimits,
    });
    if (!analysis) return notUnderstood(m.noTorchModel);
    keep(analysis);
    return modelAnswer(analysis, loc, conceptsAsked(text, parsed.skipped));
  }
  const analysis = analyzeKeras(parsed, { inputOverride, maxLayers: limits.maxLayers, evalLimits });
  if (!analysis) return notUnderstood(m.noKerasModel);
  keep(analysis);
  return modelAnswer(analysis, loc, conceptsAsked(text, parsed.skipped));
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

/** Concept questions in the prose around pasted code ("why is the output (None, 61, 61, 24) and not …?"). */
function conceptsAsked(message: string, skipped: SkippedLine[]): ConceptTopic[] {
  const lines = message.split("\n");
  // An error message pasted along ("RuntimeError: … weight of size …") is not a question about weights.
  const prose = skipped
    .filter((s) => !s.looksLikeCode)
    .map((s) => lines[s.line - 1] ?? "")
    .filter((line) => !looksLikeOutput(line))
    .join("\n");
  if (prose.trim() === "") return [];
  const parsed = parsePlain(prose);
  return parsed.ok ? parsed.question.concepts.map((c) => c.topic).filter((t) => t !== "output_shape") : [];
}

function modelAnswer(analysis: Analysis, loc: Locale, concepts: ConceptTopic[]): Reply {
  const problems = wordProblems(analysis.problems, loc);
  const answers = conceptLines(concepts, analysis, loc);
  const text = modelReply(analysis, problems, loc, { concepts: answers, notes: [], channelsTold: false });
  return { understood: true, text, json: jsonReply(analysis, problems, text) };
}

function notUnderstood(message: string): Reply {
  return { understood: false, text: message, json: jsonReply(null, [], message) };
}

function formatKb(bytes: number): string {
  return `${thousands(Math.round(bytes / 1024))} KB`;
}
