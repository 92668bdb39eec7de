/** Terminal columns a string takes: CJK characters and full-width punctuation take two. */
export function displayWidth(text: string): number {
  let width = 0;
  for (const ch of text)
    width +=
      /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/.test(ch)
        ? 2
        : 1;
  return width;
}

/** The longest prefix of `text` (in characters) that fits in `columns`. */
function fitting(text: string, columns: number): number {
  let width = 0;
  let i = 0;
  for (const ch of text) {
    width += displayWidth(ch);
    if (width > columns) break;
    i += ch.length;
  }
  return i;
}

/**
 * Word-wraps a reply for a terminal of `columns` columns: prose lines wrap at spaces with a
 * hanging indent under bullets; lines inside ``` fences (the table) are left as they are.
 */
export function wrapForTerminal(text: string, columns: number): string {
  if (!Number.isFinite(columns) || columns < 20) return text;
  const out: string[] = [];
  let inFence = false;
  for (const line of text.split("\n")) {
    if (line.startsWith("```")) inFence = !inFence;
    if (inFence || line.startsWith("```") || displayWidth(line) <= columns) {
      out.push(line);
      continue;
    }
    const indent = " ".repeat(/^\s*(?:• |Fix: )?/.exec(line)?.[0].length ?? 0);
    let rest = line;
    let first = true;
    while (displayWidth(rest) > columns) {
      const room = fitting(rest, columns);
      // Break at a space when there is one; Chinese text has none and may break anywhere.
      let cut = rest.lastIndexOf(" ", room);
      if (cut <= indent.length) cut = room;
      out.push(rest.slice(0, cut).trimEnd());
      rest = indent + rest.slice(cut).trimStart();
      first = false;
    }
    if (!first || rest.trim() !== "") out.push(rest);
  }
  return out.join("\n");
}
