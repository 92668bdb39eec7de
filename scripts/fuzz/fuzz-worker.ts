import { writeFileSync } from "node:fs";
import { getHeapStatistics } from "node:v8";
import { parentPort, workerData } from "node:worker_threads";
import fc from "fast-check";
import { answer } from "../../src/core/answer.js";
import { findPastedError } from "../../src/parse/errors/pasted-error.js";
import { parseMessage } from "../../src/parse/parse-python.js";
import { MAX_PLAIN_CHARS, parsePhrases } from "../../src/parse/plain/parse-plain.js";
import { hostileMessage } from "../../test/support/hostile-messages.js";

// One fuzz worker (scripts/fuzz/fuzz.ts starts them with a 256 MB heap): `runs` hostile messages
// from its own seed, each through the three grammars and the whole answer. Counts, never stops.

const { seed, runs, limitMs, trace } = workerData as {
  seed: number;
  runs: number;
  limitMs: number;
  trace: string | null;
};
const stats = {
  runs: 0,
  crashes: [] as string[],
  ambiguous: 0,
  slow: [] as { ms: number; bytes: number; head: string }[],
  /** Milliseconds per input, as a histogram: index = floor(ms). */
  histogram: new Array<number>(1001).fill(0),
  maxMs: 0,
  peakHeapMb: 0,
};

fc.assert(
  fc.property(hostileMessage, (message) => {
    // --trace FILE: the input being worked on, so a crash that kills the process can be replayed.
    if (trace) writeFileSync(trace, message);
    const started = performance.now();
    try {
      const parsed = parseMessage(message);
      stats.ambiguous += parsed.ambiguousLines ?? 0;
      if (message.length <= MAX_PLAIN_CHARS) {
        const phrases = parsePhrases(message);
        if (phrases.ok && phrases.parses > 1) stats.ambiguous++;
      }
      findPastedError(message);
      const reply = answer({ text: message });
      if (reply.text.length === 0) throw new Error("empty reply");
    } catch (e) {
      stats.crashes.push(`${(e as Error).stack ?? String(e)}\n--- input:\n${message.slice(0, 300)}`);
    }
    const ms = performance.now() - started;
    stats.runs++;
    const bucket = Math.min(1000, Math.floor(ms));
    stats.histogram[bucket] = (stats.histogram[bucket] ?? 0) + 1;
    stats.maxMs = Math.max(stats.maxMs, ms);
    if (ms > limitMs) stats.slow.push({ ms, bytes: Buffer.byteLength(message), head: message.slice(0, 120) });
    if (stats.runs % 1000 === 0) {
      stats.peakHeapMb = Math.max(stats.peakHeapMb, getHeapStatistics().used_heap_size / 2 ** 20);
      parentPort?.postMessage({ progress: stats.runs });
    }
  }),
  { seed, numRuns: runs, endOnFailure: false },
);
stats.peakHeapMb = Math.max(stats.peakHeapMb, getHeapStatistics().used_heap_size / 2 ** 20);
parentPort?.postMessage({ done: stats });
