import { readdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { answer } from "../../src/core/answer.js";
import { analyzeKeras } from "../../src/parse/keras/analyze-keras.js";
import { parseMessage } from "../../src/parse/parse-python.js";
import { kerasSummary } from "../../src/render/keras-summary.js";
import { en } from "../../src/render/locale/en/index.js";

// The answer key is real Keras 3: scripts/gen-keras-summaries.py ran each golden message in Keras
// and recorded model.summary() (or the error it raised). Our table must hold the same rows —
// names, types, output shapes, params, connections — and the same totals lines; only column
// widths differ (ours fit 72 columns).

const here = dirname(fileURLToPath(import.meta.url));
const keys = join(here, "..", "fixtures", "keras", "summaries");
const messages = join(here, "messages");
const tables = readdirSync(keys)
  .filter((f) => f.endsWith(".txt") && !f.endsWith(".error.txt"))
  .sort();
const errors = readdirSync(keys)
  .filter((f) => f.endsWith(".error.txt"))
  .sort();

/** Rows of a box-drawn table as trimmed cells, plus the model line and the totals lines. */
function parseSummary(lines: string[]) {
  const cells = (line: string) =>
    line
      .split(/[│┃]/)
      .slice(1, -1)
      .map((c) => c.trim());
  return {
    model: lines.find((l) => l.startsWith("Model:")),
    header: cells(lines.find((l) => l.startsWith("┃")) ?? ""),
    rows: lines.filter((l) => l.startsWith("│")).map(cells),
    totals: lines.filter((l) => /^ (Total|Trainable|Non-trainable) params/.test(l)),
  };
}

describe("our Keras table against real Keras 3's model.summary()", () => {
  it("has answer keys for most golden messages", () => {
    expect(tables.length).toBeGreaterThanOrEqual(15);
  });

  it.each(tables)("%s", (file) => {
    const analysis = analyzeKeras(parseMessage(readFileSync(join(messages, file), "utf8")), {
      inputOverride: null,
      maxLayers: 2000,
    });
    expect(analysis).not.toBeNull();
    const ours = parseSummary(kerasSummary(analysis as NonNullable<typeof analysis>, en, 1000));
    const theirs = parseSummary(readFileSync(join(keys, file), "utf8").split("\n"));
    expect(ours.model).toBe(theirs.model);
    expect(ours.header).toEqual(theirs.header);
    expect(ours.rows).toEqual(theirs.rows);
    expect(ours.totals).toEqual(theirs.totals);
  });

  it.each(errors)("%s: our reply quotes the error Keras 3 raised", (file) => {
    const reply = answer({ text: readFileSync(join(messages, file.replace(".error.txt", ".txt")), "utf8") });
    const raised = readFileSync(join(keys, file), "utf8").trim();
    expect(reply.json.errors.length).toBe(1);
    expect(reply.json.errors[0]?.message).toContain(raised);
  });
});
