import { startFakeSlack } from "../../test/fakes/slack/fake-slack.js";
import type { FakeSlackIds } from "../../test/fakes/slack/payloads.js";

// The fake Slack for `npm run load`, in a process of its own: its work (parsing uploads, checking
// blocks) stays out of the bot's event loop, as the real Slack's does. It tells the parent each
// message or ephemeral posted (with its thread), and takes "reset" and "close".

export interface ChildReady {
  apiUrl: string;
  botToken: string;
  signingSecret: string;
  ids: FakeSlackIds;
  picture: unknown;
}
export interface ChildPosted {
  posted: string;
}

const send = (m: unknown) => process.send?.(m);
const fake = await startFakeSlack({
  responseUrlMaxUses: 1_000_000,
  onRecord: (kind, item) => {
    if (kind !== "messages" && kind !== "ephemerals") return;
    const ts = (item as { args: { thread_ts?: unknown } }).args.thread_ts;
    if (typeof ts === "string") send({ posted: ts } satisfies ChildPosted);
  },
});
const bytes = Buffer.from(process.argv[2] ?? "", "base64");
const picture = fake.addFile({ name: "photo.jpg", bytes, mimetype: "image/jpeg", filetype: "jpg" });
send({
  apiUrl: fake.apiUrl,
  botToken: fake.botToken,
  signingSecret: fake.signingSecret,
  ids: fake.ids,
  picture,
} satisfies ChildReady);
process.on("message", async (m) => {
  if (m === "reset") fake.resetState();
  if (m === "close") {
    await fake.close();
    process.exit(0);
  }
});
