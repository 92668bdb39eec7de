import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { answer } from "../../src/core/answer.js";

// Golden replies: the exact text a user sees for each message in messages/. A layout change shows
// up as a diff here. Regenerate with UPDATE_GOLDEN=1 npx vitest run test/golden, then read the diff.

const here = dirname(fileURLToPath(import.meta.url));
const messages = join(here, "messages");
const replies = join(here, "replies");
const update = process.env.UPDATE_GOLDEN === "1";

const files = readdirSync(messages)
  .filter((f) => f.endsWith(".txt"))
  .sort();

describe("golden replies", () => {
  it("has at least 22 messages", () => {
    expect(files.length).toBeGreaterThanOrEqual(22);
  });

  it.each(files)("%s", (file) => {
    const reply = answer({ text: readFileSync(join(messages, file), "utf8") });
    const actual = `${reply.understood ? "understood" : "not understood"}\n${reply.text}\n`;
    const goldenPath = join(replies, file);
    if (update || !existsSync(goldenPath)) {
      mkdirSync(replies, { recursive: true });
      writeFileSync(goldenPath, actual);
      if (!update) throw new Error(`wrote missing golden ${file}; review it and run again`);
    }
    expect(actual).toBe(readFileSync(goldenPath, "utf8"));
  });
});
