import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "../../src/adapters/cli.js";

const SEED = readFileSync(new URL("../golden/messages/01-seed.txt", import.meta.url), "utf8");

function run(argv: string[], stdin = "") {
  let out = "";
  let err = "";
  const code = runCli(argv, { readStdin: () => stdin, stdout: (t) => (out += t), stderr: (t) => (err += t) });
  return { code, out, err };
}

describe("shapebot CLI", () => {
  it("--json on the seed prints exactly the shapes and params of Keras' summary", () => {
    const { code, out } = run(["--json"], SEED);
    expect(code).toBe(0);
    const json = JSON.parse(out);
    expect(json.framework).toBe("keras");
    expect(json.input).toEqual([null, 128, 128, 3]);
    expect(
      json.layers.map((l: { name: string; type: string; outputShape: unknown; params: number }) => [
        l.name,
        l.type,
        l.outputShape,
        l.params,
      ]),
    ).toEqual([
      ["conv_1", "Conv2D", [null, 61, 61, 24], 4632],
      ["conv_2", "Conv2D", [null, 27, 27, 24], 36888],
      ["conv_3", "Conv2D", [null, 10, 10, 24], 36888],
      ["flatten", "Flatten", [null, 2400], 0],
      ["output", "Dense", [null, 1], 2401],
    ]);
    expect(json.layers[0].line).toBe(4);
    expect(json.layers[0].macs).toBe(61 * 61 * 24 * 8 * 8 * 3);
    expect(json.output).toEqual([null, 1]);
    expect([json.totalParams, json.trainableParams, json.nonTrainableParams]).toEqual([80809, 80809, 0]);
    expect(json.errors).toEqual([]);
    expect(json.reply).toContain("Total params: 80,809 (315.66 KB)");
  });

  it("prints the same text reply the bots send, from a file", () => {
    const dir = mkdtempSync(join(tmpdir(), "shapebot-cli-"));
    const file = join(dir, "model.py");
    writeFileSync(file, SEED);
    const fromFile = run([file]);
    const fromStdin = run(["-"], SEED);
    expect(fromFile.code).toBe(0);
    expect(fromFile.out).toBe(fromStdin.out);
    expect(fromFile.out).toContain("│ conv_1 (Conv2D)");
  });

  it("--json on a plain question prints the contract with framework 'plain'", () => {
    const { code, out } = run(
      ["--json"],
      "3x3 conv, padding 1, 16 filters on a 32x32x3 image, then maxpool 2x2 stride 2",
    );
    expect(code).toBe(0);
    const json = JSON.parse(out);
    expect(json.framework).toBe("plain");
    expect(json.input).toEqual([null, 32, 32, 3]);
    expect(
      json.layers.map((l: { type: string; outputShape: unknown; params: number }) => [
        l.type,
        l.outputShape,
        l.params,
      ]),
    ).toEqual([
      ["Conv2D", [null, 32, 32, 16], 448],
      ["MaxPooling2D", [null, 16, 16, 16], 0],
    ]);
    expect(json.output).toEqual([null, 16, 16, 16]);
    expect(json.reply).toContain("⌊(32 − 3 + 2·1)/1⌋ + 1 = 32");
  });

  it("--input replaces the input shape", () => {
    const { code, out } = run(["--json", "--input", "64x64x3"], SEED);
    expect(code).toBe(0);
    expect(JSON.parse(out).layers[0].outputShape).toEqual([null, 29, 29, 24]);
  });

  it("exits 2 with the reason on stderr when it cannot understand the message", () => {
    const empty = run([], "   \n");
    expect(empty.code).toBe(2);
    expect(empty.err).toContain("empty");
    expect(empty.out).toBe("");
    const prose = run([], "convolve the banana with 3 dragons");
    expect(prose.code).toBe(2);
    expect(prose.err).toContain("I did not understand 'convolve'");
  });

  it("exits 2 on bad options and unreadable files", () => {
    expect(run(["--framework", "caffe"], SEED).code).toBe(2);
    expect(run(["--input", "12xbanana"], SEED).err).toContain("'banana' is not a size");
    expect(run(["--nope"], SEED).code).toBe(2);
    const missing = run(["/nonexistent/model.py"]);
    expect(missing.code).toBe(2);
    expect(missing.err).toContain("ENOENT");
  });

  it("runs as a real process with the right exit codes", () => {
    const bin = join(process.cwd(), "src/adapters/cli-bin.ts");
    const ok = spawnSync(process.execPath, ["--import", "tsx", bin, "--json"], {
      input: SEED,
      encoding: "utf8",
    });
    expect(ok.status).toBe(0);
    expect(JSON.parse(ok.stdout).totalParams).toBe(80809);
    const bad = spawnSync(process.execPath, ["--import", "tsx", bin], { input: "", encoding: "utf8" });
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain("empty");
  });
});

describe("shapebot CLI on PyTorch code", () => {
  const LENET = readFileSync(
    new URL("../fixtures/torch/snippets/001_lenet_view.py", import.meta.url),
    "utf8",
  );

  it("--json follows the contract: batch as given, ops as rows typed by the op, params 0 for ops", () => {
    const { code, out } = run(["--json"], LENET);
    expect(code).toBe(0);
    const json = JSON.parse(out);
    expect(json.framework).toBe("pytorch");
    expect(json.input?.[0]).toBe(json.output?.[0]);
    expect(typeof json.input?.[0]).toBe("number");
    const view = json.layers.find((l: { type: string }) => l.type === "view");
    expect(view).toMatchObject({ params: 0, status: "ok" });
    const conv = json.layers.find((l: { type: string }) => l.type === "Conv2d");
    expect(conv.params).toBeGreaterThan(0);
    expect(conv.line).toBeGreaterThan(0);
    expect(json.reply).toContain("Layer (type:depth-idx)");
  });

  it("--framework pytorch --input answers a pasted class for that input", () => {
    const { code, out } = run(
      ["--json", "--framework", "pytorch", "--input", "1,3,32,32"],
      "class N(nn.Module):\n    def __init__(self):\n        super().__init__()\n        self.c = nn.Conv2d(3, 4, 3)\n    def forward(self, x):\n        return self.c(x)\n",
    );
    expect(code).toBe(0);
    expect(JSON.parse(out).output).toEqual([1, 4, 30, 30]);
  });

  it("a PyTorch shape error is an answer (exit 0) with the error as data", () => {
    const bad = readFileSync(
      new URL("../fixtures/torch/snippets/085_bug_lenet_fc1_in_features.py", import.meta.url),
      "utf8",
    );
    const { code, out } = run(["--json"], bad);
    expect(code).toBe(0);
    const json = JSON.parse(out);
    expect(json.errors[0].message).toContain("mat1 and mat2 shapes cannot be multiplied");
    expect(json.errors[0].line).toBeGreaterThan(0);
    expect(json.layers.at(-1).status).toBe("error");
  });
});
