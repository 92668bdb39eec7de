// A box-drawn table in the layout Keras 3's model.summary() prints through rich (heavy header,
// a rule between rows), fitted to a maximum width by wrapping the wrappable columns.

export interface Column {
  header: string;
  align: "left" | "right";
  /** Columns that may wrap onto several lines when the table is too wide. */
  wrap: boolean;
  /** Wrappable columns shrink in this order (lower first), each down to its longest word first. */
  shrinkOrder?: number;
}

export function renderTable(columns: Column[], rows: string[][], maxWidth: number): string[] {
  const natural = columns.map((c, i) =>
    Math.max(c.header.length, ...rows.map((r) => longestLine(r[i] ?? ""))),
  );
  const words = columns.map((_, i) => Math.max(4, ...rows.map((r) => longestWord(r[i] ?? ""))));
  const widths = fitWidths(columns, natural, words, maxWidth);
  const line = (l: string, mid: string, r: string, fill: string) =>
    l + widths.map((w) => fill.repeat(w + 2)).join(mid) + r;
  const out: string[] = [line("┏", "┳", "┓", "━")];
  out.push(
    ...renderRow(
      columns.map((c) => c.header),
      columns,
      widths,
      "┃",
    ),
  );
  out.push(line("┡", "╇", "┩", "━"));
  rows.forEach((row, i) => {
    if (i > 0) out.push(line("├", "┼", "┤", "─"));
    out.push(...renderRow(row, columns, widths, "│"));
  });
  out.push(line("└", "┴", "┘", "─"));
  return out;
}

function longestLine(s: string): number {
  return Math.max(...s.split("\n").map((l) => l.length));
}

function longestWord(s: string): number {
  return Math.max(...s.split(/[\s]+/).map((w) => w.length));
}

/**
 * Shrinks wrappable columns until the table fits (borders: 3 per column + 1), widest first. The
 * last shrinkOrder (the shapes) is kept whole as long as possible: the others first go down to
 * their longest word, then get cut inside words (down to 14), and only then does the last one give.
 */
function fitWidths(columns: Column[], natural: number[], words: number[], maxWidth: number): number[] {
  const widths = [...natural];
  const total = () => widths.reduce((a, b) => a + b, 0) + 3 * widths.length + 1;
  const orders = columns.filter((c) => c.wrap).map((c) => c.shrinkOrder ?? 0);
  const last = Math.max(0, ...orders);
  const shrink = (maxOrder: number, floor: (i: number) => number) => {
    while (total() > maxWidth) {
      let widest = -1;
      widths.forEach((w, i) => {
        const c = columns[i];
        if (!c?.wrap || (c.shrinkOrder ?? 0) > maxOrder || w <= floor(i)) return;
        if (widest < 0 || w > (widths[widest] as number)) widest = i;
      });
      if (widest < 0) return;
      widths[widest] = (widths[widest] as number) - 1;
    }
  };
  shrink(last - 1, (i) => words[i] as number);
  shrink(last - 1, () => 14);
  shrink(last, (i) => words[i] as number);
  shrink(last, () => 8);
  return widths;
}

function renderRow(cells: string[], columns: Column[], widths: number[], bar: string): string[] {
  const wrapped = cells.map((c, i) => wrapCell(c, widths[i] as number));
  const height = Math.max(...wrapped.map((w) => w.length));
  const lines: string[] = [];
  for (let k = 0; k < height; k++) {
    const parts = wrapped.map((w, i) => {
      const text = w[k] ?? "";
      const width = widths[i] as number;
      return columns[i]?.align === "right" ? text.padStart(width) : text.padEnd(width);
    });
    lines.push(`${bar} ${parts.join(` ${bar} `)} ${bar}`);
  }
  return lines;
}

/** Wraps at spaces where possible (as rich does), else cuts hard. */
export function wrapCell(text: string, width: number): string[] {
  const out: string[] = [];
  for (const paragraph of text.split("\n")) {
    let rest = paragraph;
    while (rest.length > width) {
      let cut = rest.lastIndexOf(" ", width);
      if (cut <= 0) cut = width;
      out.push(rest.slice(0, cut).trimEnd());
      rest = rest.slice(cut).trimStart();
    }
    out.push(rest);
  }
  return out;
}
