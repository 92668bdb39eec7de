import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { answer } from "../core/answer.js";

export const CLI_USAGE =
  "usage: shapebot [--json] [--input SHAPE] [--framework keras|pytorch] [--image FILE] [--out DIR] [FILE|-]\n" +
  "Reads one chat message (model code, prose around it, or an error) from FILE or stdin and prints the reply.\n" +
  "Exit 0: answered (a shape error found is an answer). Exit 2: the message was not understood.";

export interface CliIo {
  readStdin(): string;
  stdout(text: string): void;
  stderr(text: string): void;
}

/** Runs the CLI and returns its exit code; all I/O goes through `io` so tests can drive it. */
export function runCli(argv: string[], io: CliIo): number {
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(argv);
  } catch (e) {
    io.stderr(`shapebot: ${(e as Error).message}\n${CLI_USAGE}\n`);
    return 2;
  }
  const { values, positionals } = parsed;
  if (values.help) {
    io.stdout(`${CLI_USAGE}\n`);
    return 0;
  }
  const framework = values.framework;
  if (framework !== undefined && framework !== "keras" && framework !== "pytorch") {
    io.stderr(`shapebot: --framework must be keras or pytorch, not '${framework}'\n`);
    return 2;
  }
  if (positionals.length > 1) {
    io.stderr(`shapebot: one message at a time (got ${positionals.length} files)\n${CLI_USAGE}\n`);
    return 2;
  }
  if (values.image !== undefined || values.out !== undefined)
    io.stderr(
      "shapebot: --image and --out are accepted but images are not analysed yet; answering the text.\n",
    );

  const source = positionals[0] ?? "-";
  let text: string;
  try {
    text = source === "-" ? io.readStdin() : readFileSync(source, "utf8");
  } catch (e) {
    io.stderr(
      `shapebot: cannot read ${source}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}\n`,
    );
    return 2;
  }

  const reply = answer({ text, input: values.input ?? null, framework: framework ?? null });
  if (values.json) io.stdout(`${JSON.stringify(reply.json, null, 2)}\n`);
  else if (reply.understood) io.stdout(`${reply.text}\n`);
  if (!reply.understood) {
    io.stderr(`${reply.text}\n`);
    return 2;
  }
  return 0;
}

function parse(argv: string[]) {
  return parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      json: { type: "boolean" },
      input: { type: "string" },
      framework: { type: "string" },
      image: { type: "string" },
      out: { type: "string" },
      help: { type: "boolean", short: "h" },
    },
  });
}
