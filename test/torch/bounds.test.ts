import { describe, expect, it } from "vitest";
import { answer } from "../../src/core/answer.js";
import type { JsonReply } from "../../src/render/json-reply.js";

// Code that would run for ever or without end in our reading: bounded, and still answered.

function timed(text: string): { json: JsonReply; ms: number } {
  const started = performance.now();
  const r = answer({ text, framework: "pytorch" });
  return { json: r.json as JsonReply, ms: performance.now() - started };
}

describe("PyTorch reading is bounded", () => {
  it("model(x) in a 100,000-step loop: stops at the layer budget, answers from a whole call", () => {
    const { json, ms } = timed(
      "model = nn.Sequential(nn.Linear(4, 8), nn.ReLU(), nn.Linear(8, 2))\nx = torch.randn(2, 4)\nfor i in range(100000):\n    y = model(x)\n",
    );
    expect(ms).toBeLessThan(2000);
    expect(json.output).toEqual([2, 2]);
    expect(json.layers.map((l) => l.type)).toEqual(["Linear", "ReLU", "Linear"]);
    expect(json.notes.some((n) => n.includes("2,000"))).toBe(true);
  });

  it("a forward() that calls itself: stops at the call depth and says so", () => {
    const { json, ms } = timed(
      "class M(nn.Module):\n    def __init__(self):\n        super().__init__()\n        self.l = nn.Linear(4, 4)\n    def forward(self, x):\n        return self(self.l(x))\nmodel = M()\nmodel(torch.randn(1, 4))\n",
    );
    expect(ms).toBeLessThan(2000);
    expect(json.notes.some((n) => n.includes("64 deep"))).toBe(true);
    expect(json.reply).toContain("→ ?");
  });

  it("a module list built by a huge comprehension: stops at the module budget", () => {
    const { json, ms } = timed(
      "class M(nn.Module):\n    def __init__(self):\n        super().__init__()\n        self.ls = nn.ModuleList([nn.Linear(4, 4) for _ in range(10**7)])\n    def forward(self, x):\n        return x\nmodel = M()\n",
    );
    expect(ms).toBeLessThan(2000);
    expect(json.reply.length).toBeGreaterThan(0);
  });

  it("a tensor of 10**9 elements is not allocated: sizes are only numbers", () => {
    const { json, ms } = timed(
      "model = nn.Sequential(nn.Conv2d(3, 8, 3))\nx = torch.randn(1000, 3, 1000, 1000)\nmodel(x)\n",
    );
    expect(ms).toBeLessThan(2000);
    expect(json.output).toEqual([1000, 8, 998, 998]);
  });
});
