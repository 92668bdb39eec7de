import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { analyzeMessage } from "../../src/core/analyze-code.js";
import { answer } from "../../src/core/answer.js";
import type { JsonReply } from "../../src/render/json-reply.js";
import { contextFor, fixesForMessage } from "./fix-cases.js";

// Checked fixes against the real frameworks. Each case in test/fixtures/fixes/cases/ was run by
// scripts/gen-fix-fixtures.py in PyTorch 1.13 and Keras 3 (results-*.json): the error each raises,
// and every fix shapebot proposed for it, run as a whole program. Here: shapebot names the same
// error, proposes only fixes that the framework ran, and agrees with it on the fixed model's output.

interface Run {
  ok: boolean;
  error: { type: string; message: string } | null;
  output: (number | null)[] | null;
}
interface Results {
  framework: "pytorch" | "keras";
  version: string;
  cases: {
    case: string;
    original: Run;
    fixes: (Run & { patched: string })[];
    minInput: { side: number; runs: boolean; oneSmallerFails: boolean } | null;
  }[];
}

const dir = new URL("../fixtures/fixes/", import.meta.url);
const results: Results[] = ["pytorch", "keras"].map((f) =>
  JSON.parse(readFileSync(new URL(`results-${f}.json`, dir), "utf8")),
);

/** The sentence of a framework error that carries the numbers, with layer names (a global counter in Keras) generic. */
function core(message: string): string {
  const lines = message
    .replace(new RegExp(`${String.fromCharCode(27)}\\[[0-9;]*m`, "g"), "")
    .split("\n")
    .map((l) => l.trim())
    .filter((l) => l !== "" && !l.startsWith("Exception encountered") && !l.startsWith("Arguments received"));
  return generic(lines[0] ?? "");
}
const generic = (s: string) => s.replace(/(['"])([a-z_]+?)(_\d+)?\1/g, "$1$2$1");

describe.each(results)("fixes checked in $framework $version", ({ framework, cases }) => {
  it("covers the error kinds of the issue, and checks a smallest input", () => {
    expect(cases.length).toBeGreaterThanOrEqual(7);
    expect(cases.some((c) => c.minInput !== null)).toBe(true);
  });

  it.each(cases)("$case", ({ case: name, original, fixes: ran, minInput }) => {
    const message = readFileSync(new URL(`cases/${name}`, dir), "utf8");
    const json = answer({ text: message }).json as JsonReply;
    const first = json.errors[0] ?? json.warnings[0];
    expect(first).toBeDefined();
    if (original.error) expect(generic(first?.message ?? "")).toContain(core(original.error.message));
    else expect(json.output).toEqual(framework === "keras" ? original.output : original.output);
    // --json: the fix is the patch, checked, with the checked alternatives.
    expect(first?.fixChecked).toBe(true);
    expect(first?.fix).toMatch(/^@@ line \d+ @@\n[-+] /);

    const { fixes, minSide } = fixesForMessage(message);
    // The smallest input named is the one the framework ran, and one pixel less failed there.
    if (minInput)
      expect([minSide, minInput.runs, minInput.oneSmallerFails]).toEqual([minInput.side, true, true]);
    expect(fixes.length).toBe(1 + (first?.alternatives.length ?? 0));
    // The same fixes, in the same order, as those the framework ran (a change here means:
    // export the patches and run them again, see scripts/gen-fix-fixtures.py).
    expect(fixes).toEqual(ran.map((r) => r.patched));
    for (const patched of fixes) {
      // Every fix shown was run by the real framework, and ran.
      const run = ran.find((r) => r.patched === patched);
      expect(
        run,
        "a fix the framework never ran: npm run fixtures:fixes (see scripts/gen-fix-fixtures.py)",
      ).toBeDefined();
      expect(run?.ok).toBe(true);
      // Analysed again, the patched model has no error, and its output is the framework's.
      const after = analyzeMessage(patched, contextFor(patched));
      expect(after?.problems.filter((p) => p.kind === "shape" && p.severity === "error")).toEqual([]);
      expect(after?.outputs[0]).toEqual(run?.output);
    }
  });
});
