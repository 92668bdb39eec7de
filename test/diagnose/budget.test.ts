import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { answer } from "../../src/core/answer.js";

// The fix search is bounded (at most 60 analyses, 1.5 s per message): a big broken model is still
// answered quickly, with its checked fix.

describe("fix search budget", () => {
  it("a ResNet-50 paste with a wrong Linear: the fix, checked, well within the time", () => {
    const resnet = readFileSync(new URL("../../bench/fixtures/resnet50.py", import.meta.url), "utf8");
    const broken = resnet.replace(/nn\.Linear\(([^,]+),/, "nn.Linear(1000,");
    expect(broken).not.toBe(resnet);
    const started = performance.now();
    const reply = answer({ text: broken });
    expect(performance.now() - started).toBeLessThan(3000);
    expect(reply.text).toContain("Fix (checked: with it every layer fits):");
    expect(reply.text).toMatch(/\+ .*nn\.Linear\(/);
  });
});
