import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { answer } from "../../src/core/answer.js";
import { mutate } from "../support/mutate.js";

// Whatever arrives, answer() returns a reply (never throws, never hangs). A short fixed-seed run
// here; longer runs belong to the hardening issue's `npm run fuzz`.

const dir = new URL("../golden/messages/", import.meta.url).pathname;
const corpus = readdirSync(dir)
  .filter((f) => f.endsWith(".txt"))
  .sort()
  .map((f) => readFileSync(join(dir, f), "utf8"));

const NASTY = [
  "(",
  ")",
  "[",
  "]",
  "{",
  "}",
  ",",
  ":",
  "\t",
  "    ",
  "\\",
  "'",
  '"',
  '"""',
  "10**30",
  "-1",
  "0",
  "None",
  "lambda",
  "é",
  "😀",
  "\u0000",
  "```",
  ">>> ",
  "\r\n",
];

const mutation = fc.record({
  message: fc.constantFrom(...corpus),
  edits: fc.array(
    fc.record({
      at: fc.nat(),
      kind: fc.constantFrom("delete", "insert", "duplicate-line", "number"),
      text: fc.constantFrom(...NASTY),
      length: fc.integer({ min: 1, max: 40 }),
    }),
    { minLength: 1, maxLength: 6 },
  ),
});

function checkReply(text: string): void {
  const started = performance.now();
  const reply = answer({ text });
  expect(performance.now() - started).toBeLessThan(2000);
  expect(reply.text.length).toBeGreaterThan(0);
  expect(reply.json.reply).toBe(reply.text);
  expect(reply.text).not.toMatch(/nearley|Unexpected \w+ token|at Object\.|TypeError|undefined/);
}

describe("answer() on hostile input", () => {
  it("never throws on arbitrary strings", () => {
    fc.assert(fc.property(fc.string({ unit: "binary", maxLength: 400 }), checkReply), {
      seed: 20261126,
      numRuns: 1000,
    });
  });

  it("treats JavaScript's special property names as plain Python names", () => {
    for (const name of ["__proto__", "constructor", "toString", "hasOwnProperty", "prototype"]) {
      checkReply(name);
      checkReply(
        `${name} = 3\nx = layers.${name}(1)\nimport math\ny = math.${name}(2)\nmodel = Sequential([Dense(${name}, input_shape=(3,))])`,
      );
      checkReply(`inp = Input((4,))\nout = Dense(2, name='${name}')(inp)\nmodel = Model(inp, out)`);
    }
  });

  it("never throws on grammar-aware mutations of the golden messages", () => {
    fc.assert(
      fc.property(mutation, ({ message, edits }) => checkReply(mutate(message, edits))),
      { seed: 20261126, numRuns: 400 },
    );
  });
});
