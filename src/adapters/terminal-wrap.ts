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
    if (inFence || line.startsWith("```") || line.length <= columns) {
      out.push(line);
      continue;
    }
    const indent = " ".repeat(/^\s*(?:• |Fix: )?/.exec(line)?.[0].length ?? 0);
    let rest = line;
    let first = true;
    while (rest.length > columns) {
      let cut = rest.lastIndexOf(" ", columns);
      if (cut <= indent.length) cut = columns;
      out.push(rest.slice(0, cut).trimEnd());
      rest = indent + rest.slice(cut).trimStart();
      first = false;
    }
    if (!first || rest.trim() !== "") out.push(rest);
  }
  return out.join("\n");
}
