import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { answerWithFiles } from "../core/attachments.js";
import { LOCAL_FORMATS } from "../image/allowed-formats.js";
import { MessageSplitter } from "./console-message-splitter.js";
import { wrapForTerminal } from "./terminal-wrap.js";

const BANNER = [
  "shapebot — local console chat (no Discord/Slack tokens set).",
  "Paste Keras or PyTorch model code (``` fences optional) or ask in a sentence, e.g. conv 24 filters 8x8 stride 2 on 128x128x3;",
  "press Enter on an empty line to send.",
  "Inside an indented block, a second empty line sends. Ctrl-D quits.",
  "/image PATH attaches a picture to the next message: its feature maps are written as PNGs (--out: ./shapebot-out).",
  "",
];

/** The local console chat: the same replies the bots send, on stdin/stdout. */
export async function runConsole(
  input: NodeJS.ReadableStream,
  output: NodeJS.WritableStream,
  outDir = "shapebot-out",
): Promise<void> {
  const interactive = (input as NodeJS.ReadStream).isTTY === true;
  output.write(`${BANNER.join("\n")}\n`);
  const splitter = new MessageSplitter();
  const rl = createInterface({ input, terminal: false });
  const prompt = () => {
    if (interactive) output.write("you> ");
  };
  const columns = () => (output as NodeJS.WriteStream).columns ?? Number.NaN;
  let attached: { path: string; bytes: Buffer } | null = null;
  const send = async (message: string) => {
    const image = attached;
    attached = null;
    const { reply, files } = await answerWithFiles({ text: message }, image?.bytes ?? null, {
      imageFormats: LOCAL_FORMATS,
    });
    const written = files.map((f) => {
      mkdirSync(outDir, { recursive: true });
      const path = join(outDir, f.name);
      writeFileSync(path, f.png);
      return `  ${path}  (${f.caption})`;
    });
    const paths = written.length > 0 ? `${wrapForTerminal(written.join("\n"), columns())}\n` : "";
    output.write(`\nshapebot>\n${wrapForTerminal(reply.text, columns())}\n${paths}\n`);
  };
  prompt();
  for await (const line of rl) {
    const command = /^\/image\s+(.+)$/.exec(line.trim());
    if (command && splitter.idle) {
      const path = (command[1] as string).trim();
      try {
        attached = { path, bytes: readFileSync(path) };
        output.write(`(attached ${path}: it goes with the next message)\n`);
      } catch (e) {
        output.write(`(cannot read ${path}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message})\n`);
      }
      prompt();
      continue;
    }
    const message = splitter.push(line);
    if (message !== null) {
      await send(message);
      prompt();
    }
  }
  const last = splitter.end();
  if (last !== null) await send(last);
}
