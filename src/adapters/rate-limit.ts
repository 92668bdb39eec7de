// A per-user budget of answers: `perMinute` in any rolling minute. A user over it gets one
// friendly note, then silence until the window moves on.

export class UserRateLimit {
  private readonly seen = new Map<string, number[]>();
  private readonly warned = new Set<string>();

  constructor(
    private readonly perMinute: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** "ok" to answer, "warn" to say once that they are going too fast, "drop" to stay silent. */
  take(user: string): "ok" | "warn" | "drop" {
    const t = this.now();
    const recent = (this.seen.get(user) ?? []).filter((at) => t - at < 60_000);
    if (recent.length < this.perMinute) {
      recent.push(t);
      this.seen.set(user, recent);
      this.warned.delete(user);
      return "ok";
    }
    this.seen.set(user, recent);
    if (this.warned.has(user)) return "drop";
    this.warned.add(user);
    return "warn";
  }

  /** Seconds until `user` may ask again. */
  waitSeconds(user: string): number {
    const oldest = (this.seen.get(user) ?? [])[0];
    return oldest === undefined ? 0 : Math.max(1, Math.ceil((60_000 - (this.now() - oldest)) / 1000));
  }
}
