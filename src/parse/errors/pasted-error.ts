import nearley from "nearley";
import grammar from "../generated/errors-grammar.js";
import { TokenFeeder } from "../token-feeder.js";
import { ERROR_TOKEN_TYPES, type ErrorToken, lexError } from "./error-lexer.js";

// A framework error message found in a chat message (grammar/errors.ne), as a fact with the
// user's numbers: the reply explains it and, when code came with it, ties it to the line.

export type PastedError =
  /** PyTorch: "mat1 and mat2 shapes cannot be multiplied (64x2304 and 1024x10)". */
  | { kind: "matmul"; a: number[]; b: number[] }
  /** PyTorch conv: "Given groups=1, weight of size [32, 3, 3, 3], expected input[8, 1, 28, 28] to have 3 channels, but got 1 …". */
  | { kind: "channels"; groups: number; weight: number[]; input: number[]; expected: number; got: number }
  /** PyTorch: "shape '[-1, 400]' is invalid for input of size 1600". */
  | { kind: "view"; target: (number | null)[]; size: number }
  /** Keras: "expected ndim=3, found ndim=2. Full shape received: (None, 64)". */
  | { kind: "ndim"; expected: number; found: number; shape: (number | null)[] | null }
  /** TensorFlow: "Negative dimension size caused by subtracting 3 from 2". */
  | { kind: "negdim"; kernel: number; size: number }
  /** Keras 3: "Computed output size would be zero or negative. Received `inputs shape=…`, `kernel shape=…`". */
  | { kind: "computed"; input: (number | null)[] | null; kernel: (number | null)[] | null }
  /** PyTorch pooling/conv: "Given input size: (64x1x1). Calculated output size: (64x0x0). Output size is too small". */
  | { kind: "toosmall"; input: number[]; output: number[] }
  /** Keras: "expected axis -1 of input shape to have value 784, but received input with shape (None, 28, 28)". */
  | { kind: "axis"; axis: number; expected: number; shape: (number | null)[] }
  /** PyTorch BatchNorm: "running_mean should contain 64 elements not 32". */
  | { kind: "running"; actual: number; declared: number }
  /** PyTorch RNN: "input.size(-1) must be equal to input_size. Expected 100, got 128". */
  | { kind: "rnn"; declared: number; actual: number }
  /** PyTorch: "Sizes of tensors must match except in dimension 1. Expected size 63 but got size 64 for tensor number 1 in the list." */
  | { kind: "cat"; dim: number; expected: number; got: number; tensor: number }
  /** PyTorch: "The size of tensor a (32) must match the size of tensor b (64) at non-singleton dimension 1". */
  | { kind: "broadcast"; a: number; b: number; dim: number }
  /** PyTorch conv: "Calculated padded input size per channel: (2 x 2). Kernel size: (3 x 3). Kernel size can't be greater …". */
  | { kind: "kernel"; input: number[]; kernel: number[] };

const GRAMMAR = nearley.Grammar.fromCompiled(grammar as unknown as nearley.CompiledRules);
/** The words a message can start with (the first symbol of each rule). */
const STARTS = new Set([
  "mat1",
  "Given",
  "shape",
  "expected",
  "Negative",
  "Computed",
  "running_mean",
  "input.size",
  "Sizes",
  "The",
  "Calculated",
]);
const MAX_TOKENS = 80;
const MAX_MESSAGE = 64 * 1024;

/** The first framework error message in the text, with its line, or null. Never throws. */
export function findPastedError(text: string): { error: PastedError; line: number } | null {
  if (text.length > MAX_MESSAGE) return null;
  try {
    const tokens = lexError(text);
    for (let i = 0; i < tokens.length; i++) {
      const t = tokens[i] as ErrorToken;
      if (!STARTS.has(t.text)) continue;
      const error = longestParse(tokens, i);
      if (error) return { error, line: t.line };
    }
  } catch {
    return null; // only a bug gets here
  }
  return null;
}

function longestParse(tokens: ErrorToken[], from: number): PastedError | null {
  const feeder = new TokenFeeder<ErrorToken>(ERROR_TOKEN_TYPES);
  const parser = new nearley.Parser(GRAMMAR, { lexer: feeder });
  let best: PastedError | null = null;
  for (let i = from; i < tokens.length && i < from + MAX_TOKENS; i++) {
    feeder.push(tokens[i] as ErrorToken);
    try {
      parser.feed("");
    } catch {
      break;
    }
    const results = parser.results as PastedError[];
    if (results.length > 0) best = results[0] as PastedError;
  }
  return best;
}
