/** What an adapter hands to `answer`: one whole chat message and the options that came with it. */
export interface Request {
  text: string;
  /** `--input` / a command option: the input shape, e.g. "128,128,3" or "(None, 128, 128, 3)". */
  input?: string | null;
  framework?: "keras" | "pytorch" | null;
  /** Structured options of a slash command (/conv, /pool): input=128x128x3 filters=24 kernel=8 …. */
  options?: Record<string, string | number | boolean> | null;
}

export interface Limits {
  /** Largest message accepted, in bytes of UTF-8. */
  maxInputBytes: number;
  /** Layer calls per model. */
  maxLayers: number;
  /** Earley states one token may add (the parser's budget, checked per token). */
  maxStatesPerLine: number;
  /** Evaluator steps per request. */
  maxEvalSteps: number;
}

export const DEFAULT_LIMITS: Limits = {
  maxInputBytes: 128 * 1024,
  maxLayers: 2_000,
  maxStatesPerLine: 20_000,
  maxEvalSteps: 2_000_000,
};
