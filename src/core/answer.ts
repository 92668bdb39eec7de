import type { Analysis } from "../model/analysis.js";
import type { SkippedLine } from "../parse/ast.js";
import { analyzeKeras } from "../parse/keras/analyze-keras.js";
import { parseMessage } from "../parse/parse-python.js";
import { jsonReply } from "../render/json-reply.js";
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
  if (bytes > limits.maxInputBytes)
    return notUnderstood(
      `That message is ${formatKb(bytes)}; I read at most ${formatKb(limits.maxInputBytes)}. Paste just the model (the class or function that builds it) and the error, if there is one.`,
    );
  if (text.trim() === "")
    return notUnderstood(
      "The message is empty. Paste your model code (Keras Sequential, functional or model.add), optionally with the error it raises, and I will answer with the shapes, the parameters and the arithmetic.",
    );
  if (looksBinary(text))
    return notUnderstood(
      "That does not look like text (it has control characters or invalid bytes). Paste the model code as text.",
    );

  let inputOverride: (number | null)[] | null = null;
  if (request.input) {
    const parsed = parseInputOption(request.input);
    if (!parsed.ok) return notUnderstood(parsed.message);
    inputOverride = parsed.shape;
  }

  const framework = request.framework ?? detectFramework(text);
  if (framework === "pytorch")
    return notUnderstood(
      "This looks like PyTorch code. I answer Keras code for now; PyTorch (nn.Module, nn.Sequential, forward()) is on its way. Try the same model in Keras, or pass --framework keras if this is Keras.",
    );

  const parsed = parseMessage(text, { maxStatesPerLine: limits.maxStatesPerLine });
  if (parsed.body.length === 0) {
    const codeLike = parsed.skipped.filter((s: SkippedLine) => s.looksLikeCode);
    if (codeLike.length > 0) {
      const first = codeLike[0];
      return notUnderstood(
        `I could not read any of the code as Python. First problem: line ${first?.line}, column ${first?.column}: ${first?.reason}.`,
      );
    }
    return notUnderstood(
      'I did not find model code in that message. Plain-language questions ("conv 24 filters 8x8 stride 2 on 128x128x3") are not understood yet; paste the Keras model code (for example `model = Sequential([...])` or the function that builds it) and I will answer with the table and the arithmetic.',
    );
  }

  const analysis = analyzeKeras(parsed, {
    inputOverride,
    maxLayers: limits.maxLayers,
    evalLimits: { maxSteps: limits.maxEvalSteps, maxDepth: 64, maxCollection: 100_000 },
  });
  if (!analysis) {
    return notUnderstood(
      "I read the code but found no Keras model in it: no Sequential(...), no Model(inputs, outputs), and no layer called on an Input. Paste the code that builds the model (a subclassed keras.Model is not read yet).",
    );
  }
  return modelAnswer(analysis);
}

function modelAnswer(analysis: Analysis): Reply {
  const problems = wordProblems(analysis.problems);
  const text = modelReply(analysis, problems);
  return { understood: true, text, json: jsonReply(analysis, problems, text) };
}

function notUnderstood(message: string): Reply {
  return { understood: false, text: message, json: jsonReply(null, [], message) };
}

function formatKb(bytes: number): string {
  return `${Math.round(bytes / 1024).toLocaleString("en-US")} KB`;
}
