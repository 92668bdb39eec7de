import { createInterface } from "node:readline";
import { answer } from "../core/answer.js";
import { MessageSplitter } from "./console-message-splitter.js";
import { wrapForTerminal } from "./terminal-wrap.js";

const BANNER = [
  "shapebot — local console chat (no Discord/Slack tokens set).",
  "Paste Keras or PyTorch model code (``` fences optional) or ask in a sentence, e.g. conv 24 filters 8x8 stride 2 on 128x128x3;",
  "press Enter on an empty line to send.",
  "Inside an indented block, a second empty line sends. Ctrl-D quits.",
  "",
];

/** The local console chat: the same replies the bots send, on stdin/stdout. */
export async function runConsole(input: NodeJS.ReadableStream, output: NodeJS.WritableStream): Promise<void> {
  const interactive = (input as NodeJS.ReadStream).isTTY === true;
  output.write(`${BANNER.join("\n")}\n`);
  const splitter = new MessageSplitter();
  const rl = createInterface({ input, terminal: false });
  const prompt = () => {
    if (interactive) output.write("you> ");
  };
  const send = (message: string) => {
    const reply = answer({ text: message });
    const columns = (output as NodeJS.WriteStream).columns ?? Number.NaN;
    output.write(`\nshapebot>\n${wrapForTerminal(reply.text, columns)}\n\n`);
  };
  prompt();
  for await (const line of rl) {
    const message = splitter.push(line);
    if (message !== null) {
      send(message);
      prompt();
    }
  }
  const last = splitter.end();
  if (last !== null) send(last);
}
