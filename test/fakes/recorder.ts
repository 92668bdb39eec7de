// What the local fakes of Discord and Slack share: a record of what the client under test sent,
// by kind, and promises that resolve when a matching record is (or already was) made.

export interface Recorder<S extends Record<string, unknown[]>> {
  record<K extends keyof S>(kind: K, item: S[K][number]): void;
  /** The first record of `kind` matching `predicate`, already made or coming within timeoutMs. */
  waitFor<K extends keyof S>(
    kind: K,
    predicate: (item: S[K][number]) => boolean,
    timeoutMs: number,
  ): Promise<S[K][number]>;
  /** Only records made after this call. */
  waitForNext<K extends keyof S>(
    kind: K,
    predicate: (item: S[K][number]) => boolean,
    timeoutMs: number,
  ): Promise<S[K][number]>;
  /** Forget the pending waits (they never resolve). */
  clearWaiters(): void;
}

interface Waiter {
  kind: PropertyKey;
  predicate: (item: unknown) => boolean;
  resolve: (item: unknown) => void;
}

/** `name` goes into the timeout message ("fake slack: no matching messages within 2000 ms"). */
export function createRecorder<S extends Record<string, unknown[]>>(state: S, name: string): Recorder<S> {
  const waiters = new Set<Waiter>();
  const wait = <K extends keyof S>(
    kind: K,
    predicate: (item: S[K][number]) => boolean,
    timeoutMs: number,
    includeExisting: boolean,
  ): Promise<S[K][number]> => {
    if (includeExisting) {
      const found = (state[kind] as unknown[]).find(predicate as (item: unknown) => boolean);
      if (found !== undefined) return Promise.resolve(found as S[K][number]);
    }
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        waiters.delete(waiter);
        const seen = (state[kind] as unknown[]).length;
        reject(new Error(`${name}: no matching ${String(kind)} within ${timeoutMs} ms (${seen} recorded)`));
      }, timeoutMs);
      const waiter: Waiter = {
        kind,
        predicate: predicate as (item: unknown) => boolean,
        resolve: (item) => {
          clearTimeout(timer);
          resolve(item as S[K][number]);
        },
      };
      waiters.add(waiter);
    });
  };
  return {
    record(kind, item) {
      (state[kind] as unknown[]).push(item);
      for (const w of waiters)
        if (w.kind === kind && w.predicate(item)) {
          waiters.delete(w);
          w.resolve(item);
        }
    },
    waitFor: (kind, predicate, timeoutMs) => wait(kind, predicate, timeoutMs, true),
    waitForNext: (kind, predicate, timeoutMs) => wait(kind, predicate, timeoutMs, false),
    clearWaiters: () => waiters.clear(),
  };
}
