// Splits a reply into chat messages of at most `limit` characters (Discord: 2,000; Slack: 4,000
// per text block), on line boundaries, preferring a blank line in the last third of a message. A
// split inside a ``` fence closes the fence at the end of one message and reopens it, with the
// same info string, at the start of the next, so every message renders on its own. A line too
// long for any message is cut, at a space when there is one. Joining the messages and dropping
// the fence lines the split added gives the text back.

const FENCE = /^\s*(```|~~~)(.*)$/;

interface Fence {
  marker: string;
  opener: string;
}

/** The fence open after `line`, given the one open before it. */
function advance(fence: Fence | null, line: string): Fence | null {
  const m = FENCE.exec(line);
  if (!m) return fence;
  const marker = m[1] as string;
  if (fence) return marker === fence.marker && (m[2] ?? "").trim() === "" ? null : fence;
  return { marker, opener: line.trimStart() };
}

/** Lengths count UTF-16 code units, as Discord and Slack count message length. */
export function splitForChat(text: string, limit: number): string[] {
  if (limit < 40) throw new RangeError(`splitForChat: limit ${limit} is too small`);
  if (text.length <= limit) return [text];
  const messages: string[] = [];
  // The message being filled: its lines, and the fence open after each of them.
  let start: Fence | null = null;
  let lines: string[] = [];
  let after: (Fence | null)[] = [];

  const sizeOf = (n: number) =>
    (start ? start.opener.length + 1 : 0) +
    lines.slice(0, n).reduce((s, l) => s + l.length + 1, 0) +
    (n > 0 && after[n - 1] ? (after[n - 1] as Fence).marker.length : 0);
  const emit = (n: number) => {
    const end = n > 0 ? (after[n - 1] ?? null) : start;
    const body = [...(start ? [start.opener] : []), ...lines.slice(0, n), ...(end ? [end.marker] : [])];
    messages.push(body.join("\n"));
    const rest = lines.slice(n);
    start = end;
    lines = [];
    after = [];
    for (const l of rest) push(l);
  };
  const push = (line: string) => {
    const before = lines.length > 0 ? (after[lines.length - 1] ?? null) : start;
    lines.push(line);
    after.push(advance(before, line));
  };

  const room = limit - 2 * 16; // a reopened and a closing fence line fit beside any piece
  for (const raw of text.split("\n")) {
    for (const line of cutLong(raw, room)) {
      push(line);
      if (sizeOf(lines.length) <= limit) continue;
      // Over: end the message before this line, at a blank line in its last third if there is one.
      const full = lines.length - 1;
      let blank = full - 1;
      while (blank >= 0 && lines[blank]?.trim() !== "") blank--;
      if (blank > 0 && blank > (full * 2) / 3) {
        emit(blank);
        // The blank line was only a separator; outside a fence it need not start the next message.
        if (!start && lines[0]?.trim() === "") {
          lines.shift();
          after.shift();
        }
      } else emit(full);
      while (sizeOf(lines.length) > limit && lines.length > 1) emit(lines.length - 1);
    }
  }
  if (lines.length > 0) emit(lines.length);
  return messages;
}

/** Pieces of a line no longer than `max`, cut at the last space before the limit when possible. */
function cutLong(line: string, max: number): string[] {
  if (line.length <= max) return [line];
  const out: string[] = [];
  let rest = line;
  while (rest.length > max) {
    const space = rest.lastIndexOf(" ", max);
    const at = space > max / 2 ? space : max;
    out.push(rest.slice(0, at));
    rest = rest.slice(at).replace(/^ /, "");
  }
  out.push(rest);
  return out;
}
