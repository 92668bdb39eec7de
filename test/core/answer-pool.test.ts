import { readFileSync } from "node:fs";
import { afterAll, describe, expect, it } from "vitest";
import { answerDetailed } from "../../src/core/answer.js";
import { answerOffThread, closeAnswerPool, readingThreads } from "../../src/core/answer-pool.js";

// Messages read in worker threads: the same reply and analysis as on the main thread; a message
// over the time limit costs its worker, not the caller, and the pool keeps serving.

const golden = (name: string) => readFileSync(new URL(`../golden/messages/${name}`, import.meta.url), "utf8");
const resnet = readFileSync(new URL("../../bench/fixtures/resnet50.py", import.meta.url), "utf8");

afterAll(async () => {
  await closeAnswerPool();
});

describe("answerOffThread", () => {
  it("gives the reply and the analysis the main thread gives", async () => {
    for (const name of [
      "01-seed.txt",
      "60-torch-mat1-mat2.txt",
      "100-error-mat1-mat2.txt",
      "130-inverse-padding-keep.txt",
    ]) {
      const text = golden(name);
      const here = answerDetailed({ text });
      const there = await answerOffThread({ text }, undefined, { withImage: true });
      expect(there.reply).toEqual(here.reply);
      expect(there.lang).toBe(here.lang);
      expect(there.analysis?.layers.map((l) => [l.name, l.outputShapes])).toEqual(
        here.analysis?.layers.map((l) => [l.name, l.outputShapes]),
      );
    }
  }, 60_000);

  it("a reading thread that dies mid-message: that asker gets an apology, the pool replaces it and keeps serving", async () => {
    await answerOffThread({ text: golden("01-seed.txt") });
    // 1,900 layers: about 250 ms of reading, killed after 50.
    const deep = `import keras\nfrom keras import layers\nmodel = keras.Sequential([keras.Input((32, 32, 3)), ${"layers.Conv2D(8, 1), ".repeat(1900)}])`;
    const dying = answerOffThread({ text: deep });
    // Let the message reach a thread, then kill every reading thread, as an OOM abort would.
    await new Promise((r) => setTimeout(r, 50));
    expect(readingThreads().length).toBeGreaterThan(0);
    await Promise.all(readingThreads().map((t) => t.terminate()));
    const died = await dying;
    expect(died.reply.understood).toBe(false);
    expect(died.reply.text).toMatch(/^Sorry, I hit a bug of mine/);
    const next = await answerOffThread({ text: golden("01-seed.txt") });
    expect(next.reply.understood).toBe(true);
    expect(next.reply.text).toContain("conv_1 (Conv2D)");
  }, 60_000);

  it("without a picture the analysis stays in the worker, unless it is one layer to draw", async () => {
    const seed = await answerOffThread({ text: golden("01-seed.txt") });
    expect(seed.reply.understood).toBe(true);
    expect(seed.analysis).toBeNull();
    const one = await answerOffThread({ text: "conv 24 filters 8x8 stride 2 on 128x128x3" });
    expect(one.analysis?.layers.map((l) => l.outputShapes)).toEqual([[[null, 61, 61, 24]]]);
    const withImage = await answerOffThread({ text: golden("01-seed.txt") }, undefined, { withImage: true });
    expect(withImage.analysis?.layers.map((l) => l.name)).toContain("conv_1");
  }, 60_000);

  it("a message over the time limit gets a plain reply, and the next one is answered", async () => {
    const slow = await answerOffThread({ text: resnet }, undefined, { timeoutMs: 1 });
    expect(slow.reply.understood).toBe(false);
    expect(slow.reply.text).toMatch(/took me longer than 1 s, so I stopped/);
    expect(slow.analysis).toBeNull();
    const next = await answerOffThread({ text: golden("01-seed.txt") });
    expect(next.reply.understood).toBe(true);
    expect(next.reply.text).toContain("conv_1 (Conv2D)");
  }, 60_000);
});
