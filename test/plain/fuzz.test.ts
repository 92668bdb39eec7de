// Fuzzes the plain grammar with word soups from its own vocabulary (DESIGN.md, "Known hazards":
// nearley turns ambiguity into an out-of-memory abort): no throw, never more than one parse, and
// every parse within 50 ms, over 10,000 seeded runs.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  MAX_PLAIN_CHARS,
  parsePhrasesUnguarded,
  parsePlain,
  parsePlainUnguarded,
} from "../../src/parse/plain/parse-plain.js";
import { plainVocabulary } from "../../src/parse/plain/plain-vocabulary.js";

const VOCABULARY = plainVocabulary();
const PIECES = [
  "0",
  "1",
  "2",
  "3",
  "24",
  "128",
  "0.5",
  "10k",
  "3x3",
  "8x8",
  "128x128x3",
  "3×32×32",
  "128*128",
  "3 by 3",
  "(128, 128, 3)",
  "[3, 32, 32]",
  "(None, 61, 61, 24)",
  "（128，128，3）",
  "'same'",
  "'valid'",
  "2d",
  "1D",
  "K.conv2d",
  "nn.Conv2d",
  "layers.MaxPooling2D",
  "tf.nn.conv2d",
  "=",
  ",",
  "，",
  "、",
  ";",
  "；",
  "。",
  "?",
  "？",
  ":",
  "：",
  "(",
  ")",
  "（",
  "）",
  "->",
  "→",
  "⟶",
  "+",
  "\n",
  "-",
  "x",
  "None",
  "blah",
  "嗯",
  "😀",
  "é",
];
const ATOMS = [...VOCABULARY, ...PIECES];
const SOUP = fc
  .tuple(
    fc.array(fc.constantFrom(...ATOMS), { maxLength: 40 }),
    fc.array(fc.constantFrom(" ", "", "  ", "\t")),
  )
  .map(([words, gaps]) => words.map((w, i) => `${w}${gaps[i % Math.max(gaps.length, 1)] ?? " "}`).join(""));

describe("plain grammar fuzz", () => {
  it("10,000 word soups: no throw, at most one parse, each within 50 ms", () => {
    let runs = 0;
    let slowest = 0;
    const started = performance.now();
    fc.assert(
      fc.property(SOUP, (text) => {
        const t0 = performance.now();
        const phrases = parsePhrasesUnguarded(text);
        const result = parsePlainUnguarded(text);
        const ms = performance.now() - t0;
        runs++;
        if (ms > slowest) slowest = ms;
        if (phrases.ok) expect(phrases.parses).toBe(1);
        expect(ms).toBeLessThanOrEqual(50);
        if (!result.ok) expect(result.word === null || text.includes(result.word)).toBe(true);
      }),
      { numRuns: 10_000, seed: 20_240_611 },
    );
    const total = performance.now() - started;
    console.info(`plain fuzz: ${runs} runs, slowest ${slowest.toFixed(2)} ms, total ${total.toFixed(0)} ms`);
    expect(runs).toBe(10_000);
  });

  it("a soup at the size cap parses within 50 ms; one character more is refused", () => {
    const unit = "conv 3x3 16 个 滤波器 stride 2 on 32x32x3, then 最大池化 2x2 → dense 10; ";
    const text = unit.repeat(Math.ceil(MAX_PLAIN_CHARS / unit.length)).slice(0, MAX_PLAIN_CHARS);
    const t0 = performance.now();
    const result = parsePlainUnguarded(text);
    expect(performance.now() - t0).toBeLessThanOrEqual(50);
    expect(result.ok).toBe(true);
    const phrases = parsePhrasesUnguarded(text);
    expect(phrases.ok && phrases.parses).toBe(1);
    expect(parsePlain(`${text}x`)).toEqual({ ok: false, word: null, pos: { line: 1, column: 1 } });
  });

  it("stops at the per-token state budget instead of growing without bound", () => {
    const result = parsePhrasesUnguarded("conv 3x3 16 filters on 32x32x3", { maxStatesPerToken: 5 });
    expect(result).toMatchObject({ ok: false, reason: "complex" });
    const ok = parsePhrasesUnguarded("conv 3x3 16 filters on 32x32x3");
    expect(ok.ok && ok.maxStates).toBeLessThan(100);
  });
});
