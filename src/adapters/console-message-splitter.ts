/**
 * Turns console lines into whole messages. A message ends at an empty line outside a ``` fence,
 * or at the end of input. Inside an indented block (the last line was indented, as in a pasted
 * `def`), one empty line is part of the code; a second one sends, as Python's own REPL does.
 */
export class MessageSplitter {
  private lines: string[] = [];
  private inFence = false;
  private blankRun = 0;

  /** Feeds one line; returns a complete message when this line ends one. */
  /** No message is being typed: a console command (/image) may come now. */
  get idle(): boolean {
    return this.lines.length === 0;
  }

  push(line: string): string | null {
    if (/^\s*(```|~~~)/.test(line)) this.inFence = !this.inFence;
    if (line.trim() === "" && !this.inFence) {
      if (this.lines.length === 0) return null;
      this.blankRun++;
      const lastCode = [...this.lines].reverse().find((l) => l.trim() !== "") ?? "";
      const insideBlock = /^\s+\S/.test(lastCode);
      if (insideBlock && this.blankRun < 2) {
        this.lines.push(line);
        return null;
      }
      return this.flush();
    }
    this.blankRun = 0;
    this.lines.push(line);
    return null;
  }

  /** End of input: whatever is pending is a message. */
  end(): string | null {
    return this.lines.some((l) => l.trim() !== "") ? this.flush() : null;
  }

  private flush(): string {
    const text = this.lines.join("\n").replace(/\s+$/, "");
    this.lines = [];
    this.inFence = false;
    this.blankRun = 0;
    return text;
  }
}
