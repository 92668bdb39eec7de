// Damages a message the way a chat paste gets damaged, for the fuzz tests: characters cut,
// text inserted, a number made huge or zero, a line doubled. Positions wrap around the text.

export interface Edit {
  at: number;
  kind: string;
  text: string;
  length: number;
}

export function mutate(message: string, edits: Edit[]): string {
  let m = message;
  for (const e of edits) {
    const at = m.length === 0 ? 0 : e.at % m.length;
    if (e.kind === "delete") m = m.slice(0, at) + m.slice(at + e.length);
    else if (e.kind === "insert") m = m.slice(0, at) + e.text + m.slice(at);
    else if (e.kind === "number")
      m = m.replace(
        /\d+/,
        e.text === "10**30" ? "1000000000000000000000000000000" : /^\d+$/.test(e.text) ? e.text : "0",
      );
    else {
      const lines = m.split("\n");
      const i = at % Math.max(1, lines.length);
      lines.splice(i, 0, lines[i] ?? "");
      m = lines.join("\n");
    }
  }
  return m;
}
