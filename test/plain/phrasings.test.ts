// The plain-language parser, phrasing by phrasing: each row is a sentence and every field of the
// PlainQuestion it must produce (fields not named must stay at their "not said" default). Each
// phrasing must also have exactly one parse (DESIGN.md, "Known hazards").
import { describe, expect, it } from "vitest";
import type { Pos } from "../../src/parse/ast.js";
import { parsePhrases, parsePlain } from "../../src/parse/plain/parse-plain.js";
import { EN, type Expect, ZH } from "./phrasing-table.js";

function check(text: string, want: Expect, lang: "en" | "zh"): void {
  const result = parsePlain(text);
  if (!result.ok) throw new Error(`not understood: ${JSON.stringify(result)}`);
  const q = result.question;
  expect(q.lang).toBe(lang);
  expect(q.layers.map(({ pos: _pos, ...rest }) => rest)).toEqual(want.layers);
  const input =
    q.input === null
      ? null
      : {
          dims: q.input.dims,
          ...(q.input.channels !== null ? { channels: q.input.channels } : {}),
          ...(q.input.steps !== null ? { steps: q.input.steps } : {}),
          ...(q.input.features !== null ? { features: q.input.features } : {}),
        };
  expect(input).toEqual(want.input ?? null);
  expect(q.concepts.map((c) => c.topic)).toEqual(want.concepts ?? []);
  expect(q.framework).toBe(want.framework ?? null);
  expect(q.layout).toBe(want.layout ?? null);
  expect(q.unknown.map((u) => u.word)).toEqual(want.unknown ?? []);
}

describe("plain phrasings (English)", () => {
  it.each(EN)("%s", (text, want) => check(text, want, "en"));
});

describe("plain phrasings (Chinese)", () => {
  it.each(ZH)("%s", (text, want) => check(text, want, "zh"));
});

describe("the phrasing table", () => {
  it("has at least 150 phrasings, 40 of them in Chinese", () => {
    expect(EN.length + ZH.length).toBeGreaterThanOrEqual(150);
    expect(ZH.length).toBeGreaterThanOrEqual(40);
  });

  it("gives every phrasing exactly one parse", () => {
    for (const [text] of [...EN, ...ZH]) {
      const parse = parsePhrases(text);
      expect(parse.ok, text).toBe(true);
      if (parse.ok) expect(parse.parses, text).toBe(1);
    }
  });
});

describe("what is not understood", () => {
  const pos = (line: number, column: number): Pos => ({ line, column });
  it.each([
    ["hello there", "hello", pos(1, 1)],
    ["", null, pos(1, 1)],
    ["   ", null, pos(1, 1)],
    ["= 3", "=", pos(1, 1)],
    ["conv 3x3 = 3", "=", pos(1, 10)],
    ["filters =", null, pos(1, 10)],
    ["今天天气很好", "今天天气很好", pos(1, 1)],
    ["blah blah, ok?", "blah", pos(1, 1)],
  ] as const)("%j → %j", (text, word, at) => {
    const result = parsePlain(text);
    expect(result).toEqual({ ok: false, word, pos: at });
  });

  it("names the unknown words of a sentence it still understood, with their positions", () => {
    const result = parsePlain("conv 3x3 frobnicate 16 filters\non 32x32x3 嗯哼");
    expect(result.ok).toBe(true);
    if (result.ok)
      expect(result.question.unknown).toEqual([
        { word: "frobnicate", pos: pos(1, 10) },
        { word: "嗯哼", pos: pos(2, 12) },
      ]);
  });

  it("gives layer and input positions (1-based line and column)", () => {
    const result = parsePlain("input 28x28x1\n  8x8 conv 24 filters");
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.question.input?.pos).toEqual(pos(1, 7));
    expect(result.question.layers[0]?.pos).toEqual(pos(2, 7));
  });
});
