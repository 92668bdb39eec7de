import { readFileSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { chatLimits, MAX_CHAT_TEXT_BYTES, MAX_CODE_BYTES } from "../../../src/adapters/attachments.js";
import { EventDedupe } from "../../../src/adapters/slack/event-dedupe.js";
import { replyThread, shouldAnswerEvent } from "../../../src/adapters/slack/message-route.js";
import { ANALYZE_SHAPES, SHAPE_COMMAND } from "../../../src/adapters/slack/slack-app.js";
import { INLINE_SECTIONS, SECTION_LIMIT, slackReply } from "../../../src/adapters/slack/slack-blocks.js";
import { slackSettingsFromEnv } from "../../../src/adapters/slack/slack-config.js";
import { slackAttachments } from "../../../src/adapters/slack/slack-files.js";
import { waitingOutRateLimits } from "../../../src/adapters/slack/slack-post.js";
import {
  bareFences,
  decodeSlackText,
  escapeMrkdwn,
  questionText,
} from "../../../src/adapters/slack/slack-text.js";
import { answer } from "../../../src/core/answer.js";

// The Slack adapter's pure parts: Slack's text encoding both ways, how an answer becomes blocks
// within Slack's limits, which events are answered, repeated deliveries, file links, settings.

/** The text a reader sees, from the sections: unescaped, with the fences the split added removed. */
function sectionsBack(blocks: { text: { text: string } }[]): string {
  const pieces = blocks.map((b) => decodeSlackText(b.text.text));
  let out = pieces[0] ?? "";
  for (const piece of pieces.slice(1)) {
    // A split inside a fence closed it at the end of one piece and reopened it in the next.
    if (out.endsWith("\n```") && piece.startsWith("```\n")) out = `${out.slice(0, -4)}\n${piece.slice(4)}`;
    else out = `${out}\n${piece}`;
  }
  return out;
}

const strip = (t: string) => t.replace(/```[^\n`]*/g, "").replace(/\s+/g, "");

describe("Slack text", () => {
  it("decodes what Slack sends: entities, auto-links of file names, mentions", () => {
    expect(decodeSlackText("x = a &lt; b &amp;&amp; c &gt; d")).toBe("x = a < b && c > d");
    expect(decodeSlackText("see <http://model.py|model.py> and <https://keras.io>")).toBe(
      "see model.py and https://keras.io",
    );
    expect(decodeSlackText("hey <!here> <#C1|general>")).toBe("hey @here general");
    // Entities are undone after links, so an escaped "&lt;" in code stays a "<".
    expect(decodeSlackText("print('&lt;b&gt;')")).toBe("print('<b>')");
  });

  it("drops the bot's own mention from a question, in both forms", () => {
    expect(questionText("<@UBOT> conv 3x3 on 32x32x3 <@UBOT|shapebot>", "UBOT")).toBe("conv 3x3 on 32x32x3");
    expect(questionText("<@UOTHER> look", "UBOT")).toBe("UOTHER look".replace("UOTHER", "@UOTHER"));
  });

  it("escapes echoed text so nothing becomes a live mention or link", () => {
    expect(escapeMrkdwn("<!channel> & <@U1>")).toBe("&lt;!channel&gt; &amp; &lt;@U1&gt;");
    expect(bareFences("```text\na\n```\n  ```python\nb\n  ```")).toBe("```\na\n```\n  ```\nb\n  ```");
  });
});

describe("Slack reply blocks", () => {
  it("a short answer is one message, a section per piece, and a notification text", () => {
    const r = slackReply("3 layers\n```text\n| a |\n```\n<!channel>");
    expect(r.messages).toHaveLength(1);
    expect(r.messages[0]?.text).toBe("3 layers");
    expect(r.messages[0]?.blocks).toEqual([
      { type: "section", text: { type: "mrkdwn", text: "3 layers\n```\n| a |\n```\n&lt;!channel&gt;" } },
    ]);
    expect(r.files).toEqual([]);
  });

  it("a long answer keeps its head in the thread and uploads the whole text as summary.txt", () => {
    const answer = `head\n\`\`\`text\n${Array.from({ length: 2000 }, (_, i) => `│ layer_${i} │ (None, ${i}) │`).join("\n")}\n\`\`\``;
    const r = slackReply(answer, [{ name: "01-conv.png", png: Buffer.from("p"), caption: "conv" }]);
    const blocks = r.messages[0]?.blocks ?? [];
    expect(blocks.length).toBe(2);
    expect(blocks[1]?.text.text).toContain("summary.txt");
    expect(r.files.map((f) => f.filename)).toEqual(["summary.txt", "01-conv.png"]);
    expect(r.files[0]?.data.toString("utf8")).toBe(answer);
  });

  it("an ephemeral answer (no files possible) is cut after its head and says so", () => {
    const answer = `head\n${"│ a row of a long table │\n".repeat(2000)}`;
    const r = slackReply(answer, [{ name: "a.png", png: Buffer.from("p"), caption: "a" }], false);
    expect(r.files).toEqual([]);
    const blocks = r.messages[0]?.blocks ?? [];
    expect(blocks).toHaveLength(2);
    expect(blocks[1]?.text.text).toMatch(/The answer goes on: [\d,]+ characters in all/);
  });

  it("never a section over 3,000 characters, never over 50 blocks, and the text comes back whole", () => {
    const line = fc.oneof(
      fc.string({ maxLength: 200 }),
      fc.constantFrom("```", "```text", "&&&&&&&&&&", "<!channel>", "", "│ conv2d │ (None, 26, 26, 8) │"),
      fc.string({ minLength: 3000, maxLength: 7000 }),
    );
    fc.assert(
      fc.property(fc.array(line, { maxLength: 60 }), (lines) => {
        const answer = lines.join("\n");
        const r = slackReply(answer);
        for (const m of r.messages) {
          expect(m.blocks.length).toBeLessThanOrEqual(50);
          expect(m.blocks.length).toBeLessThanOrEqual(INLINE_SECTIONS);
          for (const b of m.blocks) {
            expect(b.text.text.length).toBeLessThanOrEqual(SECTION_LIMIT);
            expect(b.text.text.trim()).not.toBe("");
          }
          expect(m.text.length).toBeLessThanOrEqual(300 * 5);
        }
        const inline = (r.messages[0]?.blocks ?? []).map((b) => b.text.text).join("");
        expect(inline).not.toMatch(/<!channel>/);
        if (r.files.length === 0 && answer.trim() !== "")
          // Over-long lines are cut (at a space when there is one) and fences reopened (the exact
          // round trip is chat-split's property): nothing else is lost, added or reordered.
          expect(strip(sectionsBack(r.messages[0]?.blocks ?? []))).toBe(strip(answer));
      }),
      { seed: 20261126, numRuns: 300 },
    );
  });
});

describe("which events are answered", () => {
  const mention = { type: "app_mention", channel: "C1", user: "U1", text: "<@UBOT> hi", ts: "1.1" };
  const dm = { type: "message", channel_type: "im", channel: "D1", user: "U1", text: "hi", ts: "1.2" };
  it("mentions and direct messages (typed or a shared file), never bots, itself or edits", () => {
    expect(shouldAnswerEvent(mention, "UBOT")).toBe(true);
    expect(shouldAnswerEvent(dm, "UBOT")).toBe(true);
    expect(shouldAnswerEvent({ ...dm, subtype: "file_share" }, "UBOT")).toBe(true);
    expect(shouldAnswerEvent({ ...dm, subtype: "message_changed" }, "UBOT")).toBe(false);
    expect(shouldAnswerEvent({ ...dm, channel_type: "channel" }, "UBOT")).toBe(false);
    expect(shouldAnswerEvent({ ...dm, bot_id: "B2" }, "UBOT")).toBe(false);
    expect(shouldAnswerEvent({ ...mention, user: "UBOT" }, "UBOT")).toBe(false);
  });
  it("replies in the message's thread, or starts one under it", () => {
    expect(replyThread({ ts: "5.5" })).toBe("5.5");
    expect(replyThread({ ts: "5.5", thread_ts: "4.4" })).toBe("4.4");
  });
});

describe("repeated deliveries", () => {
  it("answers an event id once within the hour, remembers a bounded number of ids", () => {
    let now = 0;
    const d = new EventDedupe(3, 3_600_000, () => now);
    expect(d.first("Ev1")).toBe(true);
    expect(d.first("Ev1")).toBe(false);
    now = 3_600_001;
    expect(d.first("Ev1")).toBe(true);
    for (const id of ["Ev2", "Ev3", "Ev4"]) expect(d.first(id)).toBe(true);
    // Capacity 3: Ev1, the oldest, was forgotten.
    expect(d.first("Ev1")).toBe(true);
    expect(d.first("Ev4")).toBe(false);
  });
});

describe("files shared with a message", () => {
  it("sends the token only to Slack's file host (or the configured API's)", () => {
    const files = [
      {
        name: "m.py",
        filetype: "python",
        size: 10,
        url_private_download: "https://files.slack.com/files-pri/T1-F1/m.py",
      },
      { name: "x.png", mimetype: "image/png", size: 10, url_private: "https://evil.example/x.png" },
      { name: "y.png", mimetype: "image/png", size: 10, url_private: "http://127.0.0.1:9/files/y.png" },
      { title: "Untitled", mode: "snippet", filetype: "text", url_private: "https://files.slack.com/s" },
    ];
    const { attachments, refused } = slackAttachments(files, "http://127.0.0.1:9/api/");
    expect(attachments.map((a) => [a.name, a.isCode])).toEqual([
      ["m.py", true],
      ["y.png", false],
      ["Untitled", true],
    ]);
    expect(refused).toEqual(["x.png: not a Slack file link"]);
    expect(slackAttachments(files, null).attachments.map((a) => a.name)).toEqual(["m.py", "Untitled"]);
  });
});

describe("settings", () => {
  it("come from the environment: none, incomplete, HTTP or Socket Mode", () => {
    expect(slackSettingsFromEnv({})).toBeNull();
    expect(slackSettingsFromEnv({ SLACK_BOT_TOKEN: "xoxb-1" })).toHaveProperty("error");
    expect(slackSettingsFromEnv({ SLACK_APP_TOKEN: "xapp-1" })).toHaveProperty("error");
    expect(
      slackSettingsFromEnv({
        SLACK_BOT_TOKEN: "xoxb-1",
        SLACK_SIGNING_SECRET: "s",
        PORT: "8080",
        SLACK_API_URL: "http://h/api",
      }),
    ).toMatchObject({ port: 8080, apiUrl: "http://h/api/", appToken: null, perUserPerMinute: 6 });
    expect(slackSettingsFromEnv({ SLACK_BOT_TOKEN: "xoxb-1", SLACK_APP_TOKEN: "xapp-1" })).toMatchObject({
      appToken: "xapp-1",
      port: 3000,
    });
  });
});

describe("rate-limited calls", () => {
  const limited = (retryAfter: number) =>
    Object.assign(new Error("rate limited"), { code: "slack_webapi_rate_limited_error", retryAfter });
  it("waits out a 429 as Retry-After says, then gives up after three tries or a long wait", async () => {
    const waits: number[] = [];
    const sleep = async (ms: number) => void waits.push(ms);
    let calls = 0;
    const ok = await waitingOutRateLimits(async () => {
      calls++;
      if (calls < 3) throw limited(2);
      return "sent";
    }, sleep);
    expect(ok).toBe("sent");
    expect(waits).toEqual([2000, 2000]);
    await expect(waitingOutRateLimits(async () => Promise.reject(limited(1)), sleep)).rejects.toThrow(
      "rate limited",
    );
    await expect(waitingOutRateLimits(async () => Promise.reject(limited(600)), sleep)).rejects.toThrow();
    await expect(waitingOutRateLimits(async () => Promise.reject(new Error("other")), sleep)).rejects.toThrow(
      "other",
    );
  });
});

describe("manifest.yml", () => {
  const manifest = readFileSync(new URL("../../../manifest.yml", import.meta.url), "utf8");
  const list = (key: string) => {
    const m = new RegExp(`\\n(\\s+)${key}:\\n((?:\\1  - .*\\n)+)`).exec(manifest);
    return (m?.[2] ?? "")
      .split("\n")
      .map((l) => l.replace(/^\s*- /, "").trim())
      .filter((l) => l !== "");
  };
  it("asks for exactly the scopes and events the adapter uses, with its command and shortcut", () => {
    expect(list("bot").sort()).toEqual(
      [
        "app_mentions:read",
        "chat:write",
        "commands",
        "files:read",
        "files:write",
        "im:history",
        "im:read",
      ].sort(),
    );
    expect(list("bot_events")).toEqual(["app_mention", "message.im"]);
    expect(manifest).toContain(`command: ${SHAPE_COMMAND}\n`);
    expect(manifest).toContain(`callback_id: ${ANALYZE_SHAPES}\n`);
    expect(manifest.match(/url: https:\/\/shapebot\.example\.com\/slack\/events/g)).toHaveLength(3);
  });
});

describe("chat message caps", () => {
  it("16 KB of typed text, 64 KB of attached code on top", () => {
    const code = [{ name: "m.py", text: "x = 1\n".repeat(2000) }];
    expect(chatLimits("short question", code).maxInputBytes).toBeGreaterThan(12_000 + 14);
    expect(chatLimits("q".repeat(MAX_CHAT_TEXT_BYTES + 1), code).maxInputBytes).toBe(MAX_CHAT_TEXT_BYTES);
    const huge = [{ name: "big.py", text: "y".repeat(200_000) }];
    expect(chatLimits("q", huge).maxInputBytes).toBeLessThanOrEqual(1 + MAX_CODE_BYTES + 64);
    expect(
      answer(
        { text: "q".repeat(MAX_CHAT_TEXT_BYTES + 1) },
        chatLimits("q".repeat(MAX_CHAT_TEXT_BYTES + 1), []),
      ).text,
    ).toMatch(/That message is 16 KB; I read at most 16 KB/);
  });
});
