import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { answer } from "../../src/core/answer.js";
import { mutate } from "../support/mutate.js";
import { fixtureNames, loadFixture } from "./fixture-compare.js";

// The 117 PyTorch snippets, damaged at random (characters cut, numbers made huge or zero, lines
// doubled): every reply is text, in bounded time, never a crash or a leaked JavaScript error.

const corpus = fixtureNames().map((n) => loadFixture(n).source);
const NASTY = [
  "(",
  ")",
  "[",
  "]",
  ":",
  "=",
  "-1",
  "0",
  "10**30",
  "x",
  "\n",
  "    ",
  "self.",
  "*",
  ",",
  "None",
];

const mutation = fc.record({
  source: fc.constantFrom(...corpus),
  edits: fc.array(
    fc.record({
      at: fc.nat(),
      kind: fc.constantFrom("delete", "insert", "number", "line"),
      text: fc.constantFrom(...NASTY),
      length: fc.integer({ min: 1, max: 30 }),
    }),
    { minLength: 1, maxLength: 5 },
  ),
});

describe("answer() on damaged PyTorch code", () => {
  it("never throws, never hangs, never leaks internals", () => {
    fc.assert(
      fc.property(mutation, ({ source, edits }) => {
        const text = mutate(source, edits);
        const started = performance.now();
        const reply = answer({ text, framework: "pytorch" });
        expect(performance.now() - started).toBeLessThan(2000);
        expect(reply.text.length).toBeGreaterThan(0);
        expect(reply.text).not.toMatch(/nearley|at Object\.|TypeError|undefined|NaN|\[object /);
      }),
      { seed: 20261126, numRuns: 300 },
    );
  });
});
