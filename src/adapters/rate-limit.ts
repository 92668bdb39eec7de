// How often strangers can make the bot work: a token bucket per user (`perMinute`, with a burst of
// `burst` at once) and one per place (a Discord server, a Slack workspace), so neither one user nor
// one busy server can starve the others or get the bot rate-limited by the platform. Over the
// limit, the user is told once a minute at most; otherwise the request is dropped quietly.

export interface RateSettings {
  perMinute: number;
  /** Requests allowed at once; by default half a minute's worth. */
  burst?: number;
  placePerMinute?: number;
  placeBurst?: number;
}

interface Bucket {
  tokens: number;
  at: number;
}

const NOTICE_EVERY_MS = 60_000;

export class RateLimiter {
  private readonly users = new Map<string, Bucket>();
  private readonly places = new Map<string, Bucket>();
  private readonly noticed = new Map<string, number>();
  private readonly user: { rate: number; burst: number };
  private readonly place: { rate: number; burst: number };

  constructor(
    settings: RateSettings,
    private readonly now: () => number = Date.now,
  ) {
    const placePerMinute = settings.placePerMinute ?? 60;
    this.user = {
      rate: settings.perMinute / 60_000,
      burst: settings.burst ?? Math.max(1, Math.ceil(settings.perMinute / 2)),
    };
    this.place = {
      rate: placePerMinute / 60_000,
      burst: settings.placeBurst ?? Math.max(1, Math.ceil(placePerMinute / 2)),
    };
  }

  /** "ok" to answer, "warn" to say (once a minute) that they are going too fast, "drop" to stay silent. */
  take(user: string, place: string | null = null): "ok" | "warn" | "drop" {
    const t = this.now();
    const mine = this.fill(this.users, user, this.user, t);
    const theirs = place === null ? null : this.fill(this.places, place, this.place, t);
    if (mine.tokens >= 1 && (theirs === null || theirs.tokens >= 1)) {
      mine.tokens -= 1;
      if (theirs) theirs.tokens -= 1;
      return "ok";
    }
    const last = this.noticed.get(user);
    if (last !== undefined && t - last < NOTICE_EVERY_MS) return "drop";
    this.noticed.set(user, t);
    return "warn";
  }

  /** Seconds until `user` may ask again. */
  waitSeconds(user: string): number {
    const b = this.users.get(user);
    if (!b || b.tokens >= 1) return 0;
    return Math.max(1, Math.ceil((1 - b.tokens) / this.user.rate / 1000));
  }

  private fill(
    map: Map<string, Bucket>,
    key: string,
    spec: { rate: number; burst: number },
    t: number,
  ): Bucket {
    let b = map.get(key);
    if (!b) {
      b = { tokens: spec.burst, at: t };
      map.set(key, b);
    }
    b.tokens = Math.min(spec.burst, b.tokens + (t - b.at) * spec.rate);
    b.at = t;
    return b;
  }
}
