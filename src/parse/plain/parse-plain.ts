// Entry points of the plain-language parser: a sentence ("conv 24 filters 8x8 stride 2 on
// 128x128x3", "输入 128x128x3，卷积 24 个 8x8 滤波器") or slash-command options in, a PlainQuestion
// out. The nearley parser is fed one token at a time under a state budget, after checking that
// some state accepts the token, so nothing here throws on user input and nearley's raw error text
// never leaves this file.
import nearley from "nearley";
import { detectLang } from "../../model/lang.js";
import type { Pos } from "../ast.js";
import grammar from "../generated/plain-grammar.js";
import { TokenFeeder } from "../token-feeder.js";
import { assemble, optionValue, QuestionBuilder } from "./plain-assemble.js";
import { lexPlain, type Phrase, type PlainToken, TYPE_SET } from "./plain-lexer.js";
import type { PlainQuestion } from "./plain-question.js";
import { emptyLayer } from "./plain-question.js";

export interface PlainParseOptions {
  /** The most Earley states one token may produce (`parser.table[i].states.length`). */
  maxStatesPerToken?: number;
}

export type PlainParseResult =
  | { ok: true; question: PlainQuestion }
  | { ok: false; word: string | null; pos: Pos };

/** Longer texts are not read: a chat question is a sentence or two. */
export const MAX_PLAIN_CHARS = 2_000;
/** The flat grammar needs about 60 states per token; the budget leaves room and stops a runaway. */
export const DEFAULT_MAX_STATES_PER_TOKEN = 2_000;

const GRAMMAR = nearley.Grammar.fromCompiled(grammar as unknown as nearley.CompiledRules);
const START: Pos = { line: 1, column: 1 };

/** What the grammar made of a text: its phrases and how many parses it had (1 unless a bug). */
export type PhraseParse =
  | { ok: true; phrases: Phrase[]; parses: number; maxStates: number }
  | { ok: false; at: PlainToken | null; reason: "too-long" | "syntax" | "complex" | "empty" };

/** Runs the grammar alone (tests use it to check that every text has exactly one parse). */
export function parsePhrases(text: string, options: PlainParseOptions = {}): PhraseParse {
  try {
    return parsePhrasesUnguarded(text, options);
  } catch {
    return { ok: false, at: null, reason: "syntax" }; // only a bug gets here
  }
}

/** {@link parsePhrases} without the safety net, so that tests see a bug as an exception. */
export function parsePhrasesUnguarded(text: string, options: PlainParseOptions = {}): PhraseParse {
  if (typeof text !== "string" || text.length > MAX_PLAIN_CHARS)
    return { ok: false, at: null, reason: "too-long" };
  const tokens = lexPlain(text);
  const last = tokens[tokens.length - 1];
  const end: PlainToken = {
    type: "END",
    text: "",
    value: "",
    line: last?.line ?? 1,
    col: (last?.col ?? 0) + (last?.text.length ?? 0),
    offset: text.length,
    info: null,
    dims: null,
  };
  tokens.push(end);
  const budget = options.maxStatesPerToken ?? DEFAULT_MAX_STATES_PER_TOKEN;
  const feeder = new TokenFeeder<PlainToken>(TYPE_SET);
  const parser = new nearley.Parser(GRAMMAR, { lexer: feeder });
  const table = (parser as unknown as { table: EarleyColumn[] }).table;
  let maxStates = 0;
  for (const t of tokens) {
    const column = table[parser.current];
    if (column === undefined || !accepts(column, t)) return { ok: false, at: t, reason: "syntax" };
    feeder.push(t);
    parser.feed("");
    const states = table[parser.current]?.states.length ?? 0;
    if (states > maxStates) maxStates = states;
    if (states > budget) return { ok: false, at: t, reason: "complex" };
  }
  const results = parser.results as Phrase[][];
  const first = results[0];
  if (first === undefined) return { ok: false, at: end, reason: "syntax" };
  return { ok: true, phrases: first, parses: results.length, maxStates };
}

/** Parses a plain-language question. Never throws. */
export function parsePlain(text: string, options: PlainParseOptions = {}): PlainParseResult {
  try {
    return parsePlainUnguarded(text, options);
  } catch {
    return { ok: false, word: null, pos: START }; // only a bug gets here
  }
}

/** {@link parsePlain} without the safety net, so that tests see a bug as an exception. */
export function parsePlainUnguarded(text: string, options: PlainParseOptions = {}): PlainParseResult {
  const parse = parsePhrasesUnguarded(text, options);
  if (!parse.ok) {
    const at = parse.at;
    if (at === null || at.type === "END")
      return { ok: false, word: null, pos: at === null ? START : posOf(at) };
    return { ok: false, word: at.text, pos: posOf(at) };
  }
  const question = assemble(parse.phrases, detectLang(text));
  if (question.layers.length === 0 && question.input === null && question.concepts.length === 0) {
    const unknown = question.unknown[0];
    return { ok: false, word: unknown?.word ?? null, pos: unknown?.pos ?? START };
  }
  return { ok: true, question };
}

/** Keys that the slash commands may pass (normalised: lower case, no `_`). */
const OPTION_KEYS = new Set([
  "input",
  "inputshape",
  "inputsize",
  "shape",
  "inchannels",
  "filters",
  "nfilters",
  "outchannels",
  "outputchannels",
  "channels",
  "units",
  "hidden",
  "hiddensize",
  "kernel",
  "kernelsize",
  "ksize",
  "poolsize",
  "window",
  "pool",
  "stride",
  "strides",
  "dilation",
  "dilationrate",
  "outputpadding",
  "padding",
  "pad",
  "groups",
  "depthmultiplier",
  "rate",
  "factor",
  "scalefactor",
  "inputdim",
  "vocab",
  "vocabulary",
  "vocabsize",
  "dims",
  "outputdim",
  "embeddingdim",
  "ceilmode",
  "returnsequences",
  "activation",
  "framework",
  "layout",
  "dataformat",
  "layer",
  "type",
  "kind",
  "op",
]);

/**
 * The same question from slash-command options (`input=128x128x3 filters=24 kernel=8 stride=2
 * padding=valid framework=keras layer=conv`): one layer, conv unless `layer` says otherwise.
 */
export function plainFromOptions(
  options: Record<string, string | number | boolean>,
): { ok: true; question: PlainQuestion } | { ok: false; option: string; message: string } {
  try {
    const entries = Object.entries(options);
    const lang = detectLang(entries.map(([, v]) => String(v)).join(" "));
    const b = new QuestionBuilder(lang);
    const pos: Pos = START;
    const layer = emptyLayer("conv", pos);
    b.q.layers.push(layer);
    // The layer kind first, so that `layer=pool kernel=2` puts the window on a pool.
    const ordered = [...entries].sort(([a], [c]) => Number(!isLayerKey(a)) - Number(!isLayerKey(c)));
    for (const [rawKey, rawValue] of ordered) {
      const key = rawKey.toLowerCase().replace(/[_\-\s]/gu, "");
      if (!OPTION_KEYS.has(key)) return { ok: false, option: rawKey, message: "unknown option" };
      const value = optionValue(rawValue);
      if (value === null)
        return { ok: false, option: rawKey, message: `could not read '${String(rawValue)}'` };
      const error = b.applyOption(key, value, pos, 0, () => layer);
      if (error !== null) return { ok: false, option: rawKey, message: error };
    }
    return { ok: true, question: b.q };
  } catch {
    return { ok: false, option: "", message: "internal error" }; // only a bug gets here
  }
}

function isLayerKey(key: string): boolean {
  const k = key.toLowerCase();
  return k === "layer" || k === "type" || k === "kind" || k === "op";
}

/** Code rather than a sentence: fences, imports, definitions, assignments of calls. */
const CODE =
  /```|^\s*(?:from|import|def|class)\s|^\s*\w+(?:\.\w+)*\s*=\s*[\w.]+\(|model\.add\(|Sequential\(|nn\.Module/mu;

/** Cheap routing test: a size or number plus a layer or concept word (English or Chinese), or a concept question. */
export function looksLikePlainQuestion(text: string): boolean {
  if (typeof text !== "string" || text.length === 0 || text.length > MAX_PLAIN_CHARS) return false;
  if (CODE.test(text)) return false;
  let value = false;
  let layerWord = false;
  let concept = false;
  for (const t of lexPlain(text)) {
    if (t.type === "NUM" || t.type === "SIZE" || t.type === "SHAPE") value = true;
    else if (
      t.type === "LAYER" ||
      t.type === "MOD" ||
      t.type === "ATTR" ||
      t.type === "UNIT" ||
      t.type === "COUNTER"
    )
      layerWord = true;
    else if (t.type === "QUESTION" || t.type === "OP") concept = true;
  }
  if (value && layerWord) return true;
  if (!concept && !layerWord) return false;
  const parsed = parsePlain(text);
  return parsed.ok && parsed.question.concepts.length > 0;
}

function posOf(t: PlainToken): Pos {
  return { line: t.line, column: t.col };
}

// ----------------------------------------------------------------------------- nearley internals

interface EarleyState {
  rule: { symbols: unknown[] };
  dot: number;
}
interface EarleyColumn {
  states: EarleyState[];
  scannable: EarleyState[];
}
type TokenTest = { type: string } | { literal: string } | { test: (token: unknown) => boolean };

/** The check nearley makes before it would throw: does any state accept this token? */
function accepts(column: EarleyColumn, t: PlainToken): boolean {
  for (const state of column.scannable) {
    const expect = state.rule.symbols[state.dot];
    if (typeof expect !== "object" || expect === null) continue;
    const test = expect as TokenTest;
    if ("test" in test ? test.test(t) : "type" in test ? test.type === t.type : test.literal === t.text)
      return true;
  }
  return false;
}
