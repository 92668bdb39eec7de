import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { answer } from "../../src/core/answer.js";
import { findPastedError } from "../../src/parse/errors/pasted-error.js";
import { parseMessage } from "../../src/parse/parse-python.js";
import { MAX_PLAIN_CHARS, parsePhrases } from "../../src/parse/plain/parse-plain.js";
import { hostileMessage, MAX_MESSAGE_BYTES } from "../support/hostile-messages.js";

// 20,000 hostile messages (test/support/hostile-messages.ts) through the three grammars: no throw,
// never two parses of a line, each within 250 ms. `npm run fuzz` runs a million of them through
// the whole answer as well, in worker threads with a 256 MB heap.

describe("hostile messages through the grammars", () => {
  it("20,000 of them: no crash, no ambiguous parse, each in ≤ 250 ms", () => {
    let slowest = 0;
    fc.assert(
      fc.property(hostileMessage, (message) => {
        expect(Buffer.byteLength(message, "utf8")).toBeLessThanOrEqual(MAX_MESSAGE_BYTES);
        const started = performance.now();
        expect(parseMessage(message).ambiguousLines ?? 0).toBe(0);
        if (message.length <= MAX_PLAIN_CHARS) {
          const phrases = parsePhrases(message);
          if (phrases.ok) expect(phrases.parses).toBe(1);
        }
        findPastedError(message);
        const ms = performance.now() - started;
        slowest = Math.max(slowest, ms);
        expect(ms).toBeLessThan(250);
      }),
      { seed: 20261126, numRuns: 20_000 },
    );
    expect(slowest).toBeGreaterThan(0);
  }, 120_000);
});

describe("what the fuzzer found (each once took a process down)", () => {
  const quick = (text: string) => {
    const started = performance.now();
    const reply = answer({ text });
    expect(performance.now() - started).toBeLessThan(1000);
    return reply.text;
  };

  it("an LSTM with a billion stacked layers is refused before anything is done per layer", () => {
    const text = quick(
      "import torch.nn as nn\nmodel = nn.Sequential(nn.LSTM(8, 16, num_layers=1393552815))\nout = model(torch.randn(2, 5, 8))",
    );
    expect(text).toContain("LSTM(num_layers=1393552815): expected a positive integer up to 1,000");
  });

  it("inverse questions with absurd sizes say what the search covers instead of searching", () => {
    for (const q of [
      "What padding keeps 32x32 with a 9007199254740993x4 kernel in pytorch?",
      "what padding keeps 64x64 with a 3x3 and dilation 9007199254740993?",
      "which stride takes 224 to 112 with a 100000x100000 kernel?",
    ])
      expect(quick(q)).toMatch(/beyond what I search: sizes up to 16,384/);
  });

  it("a pasted error with malformed numbers is not misread (and never leaks undefined)", () => {
    expect(quick("mat1 and mat2 shapes cannot be multiplied (128x12544 and 9216)")).not.toMatch(
      /undefined|NaN/,
    );
  });
});
