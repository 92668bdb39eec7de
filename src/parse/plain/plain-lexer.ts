// The moo lexer of the plain-language grammar (grammar/plain.ne). Whitespace lives here only (never
// in the grammar: whitespace rules in nearley explode on ambiguity, see DESIGN.md). Every word is
// classified into one token category (plain-vocabulary.ts); a word nobody knows becomes WORD so the
// reply can name it. Chinese keywords are cut out of running text, longest first. Never throws: a
// character no rule knows becomes a one-character WORD.

import moo from "moo";
import { grammarLexer } from "../token-feeder.js";
import {
  dottedName,
  EN_PHRASES,
  englishWord,
  normalizeWord,
  type WordCategory,
  type WordInfo,
  ZH,
} from "./plain-vocabulary.js";

/** Every token category the grammar sees; END is synthetic (the end of the text). */
export const PLAIN_TOKEN_TYPES = [
  "NUM",
  "SIZE",
  "SHAPE",
  "EQ",
  "COMMA",
  "SEP",
  "FILLER",
  "LAYER",
  "MOD",
  "ATTR",
  "UNIT",
  "COUNTER",
  "INPUT",
  "OUTPUT",
  "PAD",
  "FRAMEWORK",
  "LAYOUT",
  "CHANHINT",
  "ACT",
  "QUESTION",
  "CUE",
  "OP",
  "WORD",
  "END",
] as const satisfies readonly (WordCategory | string)[];
export type PlainTokenType = (typeof PLAIN_TOKEN_TYPES)[number];

/** A token as the grammar sees it; `line`/`col` are 1-based. */
export interface PlainToken {
  type: PlainTokenType;
  text: string;
  /** Same as text (nearley reads `value`). */
  value: string;
  line: number;
  col: number;
  offset: number;
  /** The meaning of a keyword (null for numbers, sizes, punctuation and unknown words). */
  info: WordInfo | null;
  /** NUM: [value]; SIZE: the sizes; SHAPE: the sizes, null for None / `?`. */
  dims: (number | null)[] | null;
}

/** "channels first" → /[cC][hH]…(?:[ \t_-]+)[fF]…/: moo refuses the /i flag. */
function caseless(phrase: string): string {
  return phrase
    .split(" ")
    .map((word) =>
      [...word]
        .map((c) => (/[a-z]/u.test(c) ? `[${c}${c.toUpperCase()}]` : c.replace(/\W/u, "\\$&")))
        .join(""),
    )
    .join("[ \\t_-]+");
}

const PHRASES = new Map<string, WordInfo>(EN_PHRASES.map(([p, info]) => [p, info]));
const PHRASE_RE = new RegExp(
  `(?:${[...PHRASES.keys()]
    .sort((a, b) => b.length - a.length)
    .map(caseless)
    .join("|")})(?![A-Za-z0-9_])`,
  "u",
);

const ELEMENT = String.raw`(?:None|none|null|\?|\d+)`;
const rules: moo.Rules = {
  NL: { match: /\r?\n/u, lineBreaks: true },
  WS: /[ \t\f\r\v\u00a0\u3000]+/u,
  SHAPE: new RegExp(
    String.raw`[(\[（][ \t]*${ELEMENT}(?:[ \t]*[,，][ \t]*${ELEMENT})*[ \t]*(?:[,，][ \t]*)?[)\]）]`,
    "u",
  ),
  SIZE: /\d+(?:(?:[ \t]*[xX×*✕乘][ \t]*|[ \t]+by[ \t]+)\d+)+/u,
  RANK: /[123][dD](?![\p{L}\p{N}_])/u,
  NUM: /\d+(?:\.\d+)?(?:[kK](?![A-Za-z0-9_]))?/u,
  ARROW: ["->", "=>", "→", "⟶", "⇒", "➔", "➜", "—>", "-->"],
  QUOTED: /['"‘“「『`][A-Za-z_]+['"’”」』`]/u,
  DOTTED: /[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)+/u,
  PHRASE: PHRASE_RE,
  LATIN: /[A-Za-z_\u00C0-\u024F][A-Za-z0-9_'’\u00C0-\u024F-]*/u,
  ZH: [...ZH.keys()],
  CJK: /[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]/u,
  COMMA: [",", "，", "、"],
  SEMI: [";", "；", "。", "+"],
  EQ: ["=", "＝"],
  PUNCT: /[:：?？!！.()[\]{}（）【】《》「」『』“”‘’"'…—·/\\|*#@&%$^~`<>×-]/u,
  OTHER: /[^\n]/u,
  ERROR: moo.error,
};

// moo's `clone()` exists at runtime (moo 0.5) but is missing from @types/moo.
const compiled = moo.compile(rules) as moo.Lexer & { clone(): moo.Lexer };

/** Splits a text into classified tokens (no whitespace tokens). Never throws. */
export function lexPlain(text: string): PlainToken[] {
  const out: PlainToken[] = [];
  const lexer = compiled.clone();
  lexer.reset(text);
  for (;;) {
    let raw: moo.Token | undefined;
    try {
      raw = lexer.next();
    } catch {
      break; // unreachable: OTHER and ERROR take any character
    }
    if (raw === undefined) break;
    if (raw.type === "WS") continue;
    out.push(classify(raw));
  }
  return out;
}

function token(raw: moo.Token, type: PlainTokenType, info: WordInfo | null = null): PlainToken {
  return {
    type,
    text: raw.text,
    value: raw.text,
    line: raw.line,
    col: raw.col,
    offset: raw.offset,
    info,
    dims: null,
  };
}

function fromInfo(raw: moo.Token, info: WordInfo | null): PlainToken {
  return info === null ? token(raw, "WORD") : token(raw, info.cat, info);
}

function classify(raw: moo.Token): PlainToken {
  switch (raw.type) {
    case "NL":
    case "ARROW":
    case "SEMI":
      return token(raw, "SEP", { cat: "SEP" });
    case "COMMA":
      return token(raw, "COMMA");
    case "EQ":
      return token(raw, "EQ");
    case "PUNCT":
      return token(raw, "FILLER", { cat: "FILLER" });
    case "SHAPE": {
      const t = token(raw, "SHAPE");
      t.dims = (raw.text.match(/None|none|null|\?|\d+/gu) ?? []).map((e) =>
        /^\d/u.test(e) ? Number(e) : null,
      );
      return t;
    }
    case "SIZE": {
      const t = token(raw, "SIZE");
      t.dims = (raw.text.match(/\d+/gu) ?? []).map(Number);
      return t;
    }
    case "NUM": {
      const t = token(raw, "NUM");
      const k = /[kK]$/u.test(raw.text);
      const value = Number(k ? raw.text.slice(0, -1) : raw.text) * (k ? 1000 : 1);
      t.dims = [value];
      return t;
    }
    case "RANK": {
      const rank = Number(raw.text[0]) as 1 | 2 | 3;
      return token(raw, "MOD", { cat: "MOD", mod: "rank", rank });
    }
    case "QUOTED":
      return fromInfo(raw, englishWord(raw.text.slice(1, -1)));
    case "DOTTED":
      return fromInfo(raw, dottedName(raw.text));
    case "PHRASE": {
      const key = raw.text.toLowerCase().replace(/[ \t_-]+/gu, " ");
      return fromInfo(raw, PHRASES.get(key) ?? englishWord(raw.text));
    }
    case "LATIN":
      return fromInfo(raw, englishWord(raw.text));
    case "ZH":
      return fromInfo(raw, ZH.get(raw.text) ?? null);
    default:
      return token(raw, "WORD");
  }
}

/** The normalised spelling of a word token (for `key=value` keys and values). */
export function wordKey(t: PlainToken): string {
  const text = t.text.replace(/^['"‘“「『`]|['"’”」』`]$/gu, "");
  return normalizeWord(text);
}

export const TYPE_SET: ReadonlySet<string> = new Set(PLAIN_TOKEN_TYPES);

/** The lexer object the compiled grammar is built with (tokens are fed by a TokenFeeder). */
export const lexer = grammarLexer<PlainToken>(TYPE_SET);

/**
 * One phrase of a sentence as the grammar returns it: a single token, or `key=value` (the token
 * is the key and `value` its value). Phrases are flat; plain-assemble.ts gives them their meaning.
 */
export interface Phrase {
  tok: PlainToken;
  value: PlainToken | null;
}
