// Slack redelivers an event it thinks was not acknowledged in 3 seconds (x-slack-retry-num), and
// the retry can arrive while the first delivery is still being answered. Each event id is
// answered once: remembered for an hour, at most `capacity` ids (oldest forgotten first).

export class EventDedupe {
  private readonly seen = new Map<string, number>();

  constructor(
    private readonly capacity = 10_000,
    private readonly ttlMs = 3_600_000,
    private readonly now: () => number = Date.now,
  ) {}

  /** True the first time `id` is offered (within the window), false for a repeat. */
  first(id: string): boolean {
    const t = this.now();
    const at = this.seen.get(id);
    if (at !== undefined && t - at < this.ttlMs) return false;
    this.seen.delete(id);
    this.seen.set(id, t);
    for (const [old, when] of this.seen) {
      if (this.seen.size <= this.capacity && t - when < this.ttlMs) break;
      this.seen.delete(old);
    }
    return true;
  }
}
