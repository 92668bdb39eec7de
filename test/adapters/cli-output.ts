import { runCli } from "../../src/adapters/cli.js";

/** What `shapebot -` prints for a message on stdin: what every chat adapter must also say. */
export async function cliOutput(message: string): Promise<string> {
  let out = "";
  await runCli(["-"], {
    readStdin: () => message,
    stdout: (t) => {
      out += t;
    },
    stderr: () => {},
  });
  return out;
}
