import { readdirSync, readFileSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { answer } from "../../src/core/answer.js";
import { findPastedError, type PastedError } from "../../src/parse/errors/pasted-error.js";

// The error-message grammar (grammar/errors.ne) on texts the real frameworks printed: PyTorch 1.13
// (the torch fixtures' errors) and Keras 3 (scripts/gen-error-texts.py, the fix fixtures).

const fixtures = new URL("../fixtures/", import.meta.url);
const torchErrors = readdirSync(new URL("torch/", fixtures))
  .filter((f) => f.endsWith(".json") && f !== "index.json")
  .map((f) => ({ f, json: JSON.parse(readFileSync(new URL(`torch/${f}`, fixtures), "utf8")) }))
  .filter(({ json }) => json.error)
  .map(({ f, json }) => ({ file: f, message: json.error.message as string }));
const keras = JSON.parse(readFileSync(new URL("errors/keras-texts.json", fixtures), "utf8")) as {
  texts: Record<string, string>;
};

/** Which fixture errors are recognised, and as what (the others must not be misread). */
const TORCH_KINDS: Record<string, PastedError["kind"]> = {
  "085": "matmul",
  "086": "channels",
  "087": "view",
  "088": "toosmall",
  "091": "rnn",
  "092": "cat",
  "093": "broadcast",
  "094": "running",
  "101": "matmul",
  "103": "matmul",
  "104": "channels",
  "106": "matmul",
  "108": "kernel",
  "111": "broadcast",
  "114": "toosmall",
  "116": "channels",
  "117": "matmul",
};

describe("pasted error messages", () => {
  it.each(torchErrors)("PyTorch's own text: $file", ({ file, message }) => {
    const found = findPastedError(`RuntimeError: ${message}`);
    expect(found?.error.kind ?? null).toBe(TORCH_KINDS[file.slice(0, 3)] ?? null);
  });

  it("reads the numbers PyTorch printed", () => {
    expect(findPastedError("mat1 and mat2 shapes cannot be multiplied (64x2304 and 1024x10)")?.error).toEqual(
      {
        kind: "matmul",
        a: [64, 2304],
        b: [1024, 10],
      },
    );
    const channels = torchErrors.find((e) => e.file.startsWith("086"))?.message ?? "";
    expect(findPastedError(channels)?.error).toEqual({
      kind: "channels",
      groups: 1,
      weight: [32, 3, 3, 3],
      input: [2, 1, 28, 28],
      expected: 3,
      got: 1,
    });
    expect(
      findPastedError(
        "Given input size: (256x1x1). Calculated output size: (256x0x0). Output size is too small",
      )?.error,
    ).toEqual({
      kind: "toosmall",
      input: [256, 1, 1],
      output: [256, 0, 0],
    });
  });

  it("reads Keras 3's texts", () => {
    expect(findPastedError(keras.texts.dense_axis ?? "")?.error).toEqual({
      kind: "axis",
      axis: -1,
      expected: 784,
      shape: [1, 28, 28],
    });
    expect(findPastedError(keras.texts.lstm_ndim ?? "")?.error).toEqual({
      kind: "ndim",
      expected: 3,
      found: 2,
      shape: [null, 64],
    });
    expect(findPastedError(keras.texts.conv1d_ndim ?? "")?.error).toMatchObject({
      kind: "ndim",
      expected: 3,
      found: 2,
    });
    expect(findPastedError(keras.texts.conv_computed ?? "")?.error).toEqual({
      kind: "computed",
      input: [null, 2, 2, 3],
      kernel: [3, 3, 3, 8],
    });
    // The pooling variant words its details differently: the message is still recognised.
    expect(findPastedError(keras.texts.pool_computed ?? "")?.error).toEqual({
      kind: "computed",
      input: null,
      kernel: null,
    });
  });

  it("reads TensorFlow's text as TensorFlow documents it, inside a traceback and prose", () => {
    const text = [
      "why?? my model worked on 224x224",
      "Traceback (most recent call last):",
      '  File "train.py", line 12, in <module>',
      "ValueError: Negative dimension size caused by subtracting 3 from 2 for '{{node conv2d_4/Conv2D}}' with input shapes: [?,2,2,64], [3,3,64,128].",
    ].join("\n");
    expect(findPastedError(text)).toEqual({ error: { kind: "negdim", kernel: 3, size: 2 }, line: 4 });
  });

  it("refuses a message whose numbers do not have the framework's shape (found by npm run fuzz)", () => {
    expect(findPastedError("mat1 and mat2 shapes cannot be multiplied (128x12544 and 9216)")).toBeNull();
    expect(
      findPastedError(
        "Given groups=1, weight of size [32], expected input[8] to have 3 channels, but got 1 channels instead",
      ),
    ).toBeNull();
    expect(
      findPastedError("expected axis -1 of input shape to have value 784, but received input with shape ()"),
    ).toBeNull();
    const reply = answer({
      text: "RuntimeError: mat1 and mat2 shapes cannot be multiplied (128x12544 and 9216)",
    });
    expect(reply.text).not.toMatch(/undefined|NaN/);
  });

  it("finds nothing in ordinary text, and never throws on any text", () => {
    expect(findPastedError("The size of my model is fine, expected it to work")).toBeNull();
    expect(findPastedError("Given that mat1 is a matrix")).toBeNull();
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), (s) => {
        findPastedError(s);
        findPastedError(`mat1 and mat2 shapes cannot be multiplied ${s}`);
      }),
      { seed: 20261126, numRuns: 2000 },
    );
  });
});
