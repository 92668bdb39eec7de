import { readFileSync } from "node:fs";
import { afterAll, describe, expect, it } from "vitest";
import { planes } from "../../src/conv/tensor.js";
import { answerDetailed } from "../../src/core/answer.js";
import { planOf, runPlan } from "../../src/core/model-run.js";
import {
  closeModelRunPool,
  ImageQueueFull,
  ImageRunFailed,
  MAX_WAITING_IMAGES,
  pictureThreads,
  runPlanOffThread,
} from "../../src/core/model-run-pool.js";

// The model run crosses to a worker thread as plain data and comes back the same, to the bit.

const SEED = readFileSync(new URL("../golden/messages/01-seed.txt", import.meta.url), "utf8");

afterAll(closeModelRunPool);

describe("model run off the event loop", () => {
  it("a worker thread computes exactly what this thread computes", async () => {
    const { analysis } = answerDetailed({ text: SEED });
    if (!analysis) throw new Error("no analysis");
    const input = planes(3, 128, 128);
    for (let i = 0; i < input.data.length; i++) input.data[i] = ((i * 2654435761) >>> 24) / 255;
    const plan = planOf(analysis);
    const here = runPlan(plan, input, 4e9);
    const there = await runPlanOffThread(plan, input, 4e9);
    expect(there.stopped).toEqual(here.stopped);
    expect(there.macs).toBe(here.macs);
    expect(there.maps.map((m) => m.index)).toEqual(here.maps.map((m) => m.index));
    for (const [i, m] of there.maps.entries())
      expect(
        Buffer.from(m.output.planes.data.buffer).equals(
          Buffer.from(here.maps[i]?.output.planes.data.buffer ?? new ArrayBuffer(0)),
        ),
      ).toBe(true);
  });

  it("more pictures than the queue holds: the rest are refused at once, the others run", async () => {
    const { analysis } = answerDetailed({ text: SEED });
    if (!analysis) throw new Error("no analysis");
    const plan = planOf(analysis);
    const input = planes(3, 128, 128);
    const asked = MAX_WAITING_IMAGES + 6;
    const settled = await Promise.allSettled(
      Array.from({ length: asked }, () => runPlanOffThread(plan, input, 4e9)),
    );
    const refused = settled.filter(
      (r) => r.status === "rejected" && r.reason instanceof ImageQueueFull,
    ).length;
    const ran = settled.filter((r) => r.status === "fulfilled").length;
    expect(refused).toBeGreaterThanOrEqual(1);
    expect(ran).toBeGreaterThanOrEqual(MAX_WAITING_IMAGES);
    expect(refused + ran).toBe(asked);
  }, 60_000);

  it("a run over its time limit fails alone (its worker is replaced) and the next run is served", async () => {
    const { analysis } = answerDetailed({ text: SEED });
    if (!analysis) throw new Error("no analysis");
    const plan = planOf(analysis);
    const input = planes(3, 128, 128);
    const late = runPlanOffThread(plan, input, 4e9, 1);
    await expect(late).rejects.toBeInstanceOf(ImageRunFailed);
    const next = await runPlanOffThread(plan, input, 4e9);
    expect(next.stopped).toBeNull();
    expect(next.maps).toHaveLength(plan.layers.length);
  }, 60_000);

  it("a picture thread that dies mid-run: that run fails alone, the pool replaces it and keeps serving", async () => {
    // Two 64-filter 3×3 convs on 256×256×3: about 250 ms of arithmetic, killed after 20.
    const heavy =
      "import keras\nfrom keras import layers\nmodel = keras.Sequential([keras.Input((256, 256, 3)), layers.Conv2D(64, 3), layers.Conv2D(64, 3)])";
    const { analysis } = answerDetailed({ text: heavy });
    if (!analysis) throw new Error("no analysis");
    const plan = planOf(analysis);
    const big = planes(3, 256, 256);
    await runPlanOffThread(plan, planes(3, 256, 256), 1e6);
    const dying = runPlanOffThread(plan, big, 4e9);
    await new Promise((r) => setTimeout(r, 20));
    expect(pictureThreads().length).toBeGreaterThan(0);
    await Promise.all(pictureThreads().map((t) => t.terminate()));
    await expect(dying).rejects.toBeInstanceOf(ImageRunFailed);
    const next = await runPlanOffThread(plan, big, 4e9);
    expect(next.stopped).toBeNull();
  }, 60_000);

  it("the plan is plain data: it survives a structured clone", () => {
    const { analysis } = answerDetailed({ text: SEED });
    if (!analysis) throw new Error("no analysis");
    const plan = planOf(analysis);
    expect(structuredClone(plan)).toEqual(plan);
  });
});
