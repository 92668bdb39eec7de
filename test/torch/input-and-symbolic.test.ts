import { describe, expect, it } from "vitest";
import { answer } from "../../src/core/answer.js";
import type { JsonReply } from "../../src/render/json-reply.js";

// Where the traced input comes from (code, summary(), prose, --input) and what the answer is when
// there is none: symbolic sizes, simplified, with the input sizes a layer allows.

const LENET = `import torch.nn as nn
import torch.nn.functional as F

class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv1 = nn.Conv2d(1, 6, 5)
        self.conv2 = nn.Conv2d(6, 16, 5)
        self.fc1 = nn.Linear(16 * 5 * 5, 120)
        self.fc2 = nn.Linear(120, 10)

    def forward(self, x):
        x = F.max_pool2d(F.relu(self.conv1(x)), 2)
        x = F.max_pool2d(F.relu(self.conv2(x)), 2)
        x = x.view(-1, 16 * 5 * 5)
        x = F.relu(self.fc1(x))
        return self.fc2(x)
`;

function json(text: string, input?: string): JsonReply {
  const r = answer({ text, input, framework: "pytorch" });
  expect(r.understood).toBe(true);
  return r.json as JsonReply;
}

function shapesOf(j: JsonReply, name: string): unknown {
  return j.layers.find((l) => l.name === name)?.outputShape;
}

describe("PyTorch without an input: symbolic sizes", () => {
  const j = json(LENET);

  it("traces batch N, the first conv's channels and H, W", () => {
    expect(j.input).toEqual(["N", 1, "H", "W"]);
    expect(shapesOf(j, "conv1")).toEqual(["N", 6, "H-4", "W-4"]);
  });

  it("keeps each formula short: ⌊(H−4−2)/2⌋+1 is written H//2-2, two pools H//4-3", () => {
    expect(j.layers.filter((l) => l.type === "max_pool2d").map((l) => l.outputShape)).toEqual([
      ["N", 6, "H//2-2", "W//2-2"],
      ["N", 16, "H//4-3", "W//4-3"],
    ]);
  });

  it("reads view(-1, 400) as keeping the batch and says for which inputs that holds", () => {
    expect(shapesOf(j, ".view")).toEqual(["N", 400]);
    expect(j.output).toEqual(["N", 10]);
    const warning = j.warnings.find((w) => w.code === "symbolic_constraint");
    expect(warning?.message).toContain("16*(H//4-3)*(W//4-3) = 400");
    expect(warning?.message).toContain("H = W = 32–35");
    expect(j.notes.some((n) => n.includes("symbolic sizes") && n.includes("(N, 1, H, W)"))).toBe(true);
  });

  it("params need no input in PyTorch: every size is declared", () => {
    expect(j.totalParams).toBe(156 + 2416 + 48120 + 1210);
  });

  it("a Linear after flatten names its in_features constraint; none fits → says so", () => {
    const broken = LENET.replace("nn.Linear(16 * 5 * 5, 120)", "nn.Linear(17, 120)").replace(
      "x.view(-1, 16 * 5 * 5)",
      "torch.flatten(x, 1)",
    );
    const w = json(broken).warnings.find((x) => x.code === "symbolic_constraint");
    expect(w?.message).toContain("in_features=17");
    expect(w?.message).toContain("every input size fails");
  });

  it("a fully convolutional stack says the smallest input every layer accepts", () => {
    const text =
      "model = nn.Sequential(nn.Conv2d(3, 8, 3, stride=2, padding=1), nn.MaxPool2d(2), nn.Conv2d(8, 8, 3))\n";
    const j2 = json(text);
    expect(j2.output).toEqual(["N", 8, "(H+1)//4-2", "(W+1)//4-2"]);
    // (H+1)//4 − 2 ≥ 1 ⇔ H ≥ 11.
    expect(j2.notes.some((n) => n.includes("H = W ≥ 11"))).toBe(true);
  });

  it("sequence models get N and T (batch_first) or T and N", () => {
    const lstm = (bf: boolean) =>
      `class M(nn.Module):\n    def __init__(self):\n        super().__init__()\n        self.rnn = nn.GRU(8, 16, batch_first=${bf ? "True" : "False"})\n    def forward(self, x):\n        out, h = self.rnn(x)\n        return out\n`;
    expect(json(lstm(true)).input).toEqual(["N", "T", 8]);
    expect(json(lstm(false)).output).toEqual(["T", "N", 16]);
  });

  it("an Embedding first means integer tokens (N, L)", () => {
    const j3 = json("model = nn.Sequential(nn.Embedding(100, 8), nn.Flatten(), nn.LazyLinear(4))\n");
    expect(j3.input).toEqual(["N", "L"]);
    expect(j3.layers[1]?.outputShape).toEqual(["N", "L*8"]);
  });
});

describe("PyTorch input from prose, --input and summary()", () => {
  it("'input is 3x32x32' adds the batch 1", () => {
    expect(json(`my input is 1x32x32\n${LENET}`).input).toEqual([1, 1, 32, 32]);
  });

  it("'batch of 8 grayscale 28x28 images' gives (8, 1, 28, 28)", () => {
    const j = json(`a batch of 8 grayscale 28x28 images\n${LENET}`);
    expect(j.input).toEqual([8, 1, 28, 28]);
    expect(j.errors[0]?.message).toContain("shape '[-1, 400]' is invalid for input of size 2048");
  });

  it("a size after 'output' is not the input", () => {
    const j = json(`why is my output [8, 16, 13, 13]? input is (8, 1, 32, 32)\n${LENET}`);
    expect(j.input).toEqual([8, 1, 32, 32]);
  });

  it("channels-last sizes are moved to PyTorch's channels-first", () => {
    expect(json(`input 32x32x1\n${LENET}`).input).toEqual([1, 1, 32, 32]);
  });

  it("a comment that names the input counts; other comments do not", () => {
    const text = LENET.replace("class Net", "# input: (4, 1, 32, 32)\nclass Net").replace(
      "nn.Linear(120, 10)",
      "nn.Linear(120, 10)  # 10x10 classes",
    );
    expect(json(text).input).toEqual([4, 1, 32, 32]);
  });

  it("--input replaces the code's own tensor; without a batch, batch 1", () => {
    const code = `${LENET}\nmodel = Net()\nout = model(torch.randn(2, 1, 32, 32))\n`;
    expect(json(code).input).toEqual([2, 1, 32, 32]);
    expect(json(code, "1,36,36").input).toEqual([1, 1, 36, 36]);
    expect(json(code, "5x1x32x32").input).toEqual([5, 1, 32, 32]);
  });

  it("torchinfo's summary(model, input_size=…) is the input, batch included", () => {
    const j = json(`${LENET}\nfrom torchinfo import summary\nsummary(Net(), input_size=(16, 1, 32, 32))\n`);
    expect(j.input).toEqual([16, 1, 32, 32]);
    expect(j.output).toEqual([16, 10]);
  });

  it("torchsummary's summary(model, (C, H, W)) runs a batch of 2, as torchsummary does", () => {
    const j = json(`${LENET}\nfrom torchsummary import summary\nsummary(Net(), (1, 32, 32))\n`);
    expect(j.input).toEqual([2, 1, 32, 32]);
    expect(j.notes.some((n) => n.includes("torchsummary"))).toBe(true);
  });

  it("the code's own call wins over prose", () => {
    const code = `input is 1x1x64x64\n${LENET}\nnet = Net()\nnet(torch.zeros(3, 1, 32, 32))\n`;
    expect(json(code).input).toEqual([3, 1, 32, 32]);
  });
});
