import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { answer } from "../core/answer.js";
import type { Request } from "../core/request.js";
import type { WeightChoice } from "../core/weight-choice.js";
import { LOCAL_FORMATS } from "../image/allowed-formats.js";

export const CLI_USAGE =
  "usage: shapebot [--json] [--input SHAPE] [--framework keras|pytorch] [--image FILE] [--weights init|sobel-x,…] [--out DIR] [FILE|-]\n" +
  "Reads one chat message (model code, prose around it, or an error) from FILE or stdin and prints the reply.\n" +
  "Exit 0: answered (a shape error found is an answer). Exit 2: the message was not understood.";

export interface CliIo {
  readStdin(): string;
  stdout(text: string): void;
  stderr(text: string): void;
}

/**
 * Runs the CLI and returns its exit code; all I/O goes through `io` so tests can drive it.
 * With --image the answer runs the model on the picture, which is asynchronous (a Promise).
 */
export function runCli(argv: string[], io: CliIo): number | Promise<number> {
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

  const request: Request = { text, input: values.input ?? null, framework: framework ?? null };
  if (values.image !== undefined || values.out !== undefined)
    return runWithFiles(
      request,
      values.image ?? null,
      values.out ?? "shapebot-out",
      values.json === true,
      io,
    );
  const reply = answer(request);
  if (values.json) io.stdout(`${JSON.stringify(reply.json, null, 2)}\n`);
  else if (reply.understood) io.stdout(`${reply.text}\n`);
  if (!reply.understood) {
    io.stderr(`${reply.text}\n`);
    return 2;
  }
  return 0;
}

/** --image and/or --out: the answer with its attachments (feature maps, the arithmetic picture) written to outDir. */
async function runWithFiles(
  request: Request,
  imagePath: string | null,
  outDir: string,
  json: boolean,
  io: CliIo,
  weights?: WeightChoice,
): Promise<number> {
  let image: Buffer | null = null;
  try {
    if (imagePath !== null) image = readFileSync(imagePath);
  } catch (e) {
    io.stderr(
      `shapebot: cannot read ${imagePath}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}\n`,
    );
    return 2;
  }
  // Loaded only here: sharp and the conv engine cost a text-only run ~30 ms to load.
  const { answerWithFiles } = await import("../core/attachments.js");
  const { reply, files } = await answerWithFiles(request, image, {
    imageFormats: LOCAL_FORMATS,
    ...(weights ? { weights } : {}),
  });
  const written: string[] = [];
  if (files.length > 0) {
    mkdirSync(outDir, { recursive: true });
    for (const f of files) {
      const path = join(outDir, f.name);
      writeFileSync(path, f.png);
      written.push(path);
    }
  }
  if (json) io.stdout(`${JSON.stringify({ ...reply.json, files: written }, null, 2)}\n`);
  else if (reply.understood)
    io.stdout(`${reply.text}\n${written.map((p) => `  ${p}`).join("\n")}${written.length > 0 ? "\n" : ""}`);
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
      weights: { type: "string" },
      help: { type: "boolean", short: "h" },
    },
  });
}
