// npm run fuzz [-- --runs 1000000 --seed 20261126 --workers 2]: hostile messages (arbitrary text,
// damaged golden messages, deep nesting, absurd numbers; ≤ 16 KB each) through the three grammars
// and the whole answer, in worker threads with a 256 MB heap. Prints crashes, ambiguous parses,
// the time per input (p50, p99, max, over 250 ms) and the peak heap; exits 1 on any crash,
// ambiguity, input over the limit or worker out of memory. --trace FILE keeps each worker's
// current input in FILE.<n>, to replay a crash that kills the process. `npm test` runs 20,000 of the same
// inputs through the grammars (test/parse/hostile-fuzz.test.ts).
import { availableParallelism } from "node:os";
import { parseArgs } from "node:util";
import { Worker } from "node:worker_threads";

const { values } = parseArgs({
  options: {
    runs: { type: "string", default: "1000000" },
    seed: { type: "string", default: "20261126" },
    workers: { type: "string", default: String(Math.max(1, availableParallelism())) },
    "limit-ms": { type: "string", default: "250" },
    trace: { type: "string" },
  },
});
const runs = Number(values.runs);
const workers = Number(values.workers);
const limitMs = Number(values["limit-ms"]);
const HEAP_MB = 256;

interface Stats {
  runs: number;
  crashes: string[];
  ambiguous: number;
  slow: { ms: number; bytes: number; head: string }[];
  histogram: number[];
  maxMs: number;
  peakHeapMb: number;
}

const started = performance.now();
let done = 0;
const results = await Promise.all(
  Array.from({ length: workers }, (_, i) => {
    const share = Math.floor(runs / workers) + (i < runs % workers ? 1 : 0);
    return new Promise<Stats | { outOfMemory: string }>((resolve) => {
      const worker = new Worker(new URL("./fuzz-worker.mjs", import.meta.url), {
        workerData: {
          seed: Number(values.seed) + i,
          runs: share,
          limitMs,
          trace: values.trace ? `${values.trace}.${i}` : null,
        },
        resourceLimits: { maxOldGenerationSizeMb: HEAP_MB },
      });
      let last = 0;
      worker.on("message", (m: { progress?: number; done?: Stats }) => {
        if (m.progress !== undefined) {
          done += m.progress - last;
          last = m.progress;
          if (done % 50_000 < 1000)
            process.stderr.write(`  ${done.toLocaleString("en-US")} / ${runs.toLocaleString("en-US")}\n`);
        }
        if (m.done) resolve(m.done);
      });
      worker.on("error", (e) =>
        resolve({ outOfMemory: `${(e as { code?: string }).code ?? ""} ${e.message}` }),
      );
    });
  }),
);
const seconds = (performance.now() - started) / 1000;

const failed = results.filter((r): r is { outOfMemory: string } => "outOfMemory" in r);
const stats = results.filter((r): r is Stats => !("outOfMemory" in r));
const histogram = new Array<number>(1001).fill(0);
for (const s of stats) for (const [i, c] of s.histogram.entries()) histogram[i] = (histogram[i] ?? 0) + c;
const total = stats.reduce((n, s) => n + s.runs, 0);
const quantile = (q: number) => {
  let seen = 0;
  for (let i = 0; i < histogram.length; i++) {
    seen += histogram[i] ?? 0;
    if (seen >= q * total) return i;
  }
  return 1000;
};
const crashes = stats.flatMap((s) => s.crashes);
const slow = stats.flatMap((s) => s.slow).sort((a, b) => b.ms - a.ms);
const ambiguous = stats.reduce((n, s) => n + s.ambiguous, 0);
const maxMs = Math.max(0, ...stats.map((s) => s.maxMs));
const peak = Math.max(0, ...stats.map((s) => s.peakHeapMb));

console.log(
  `fuzz: ${total.toLocaleString("en-US")} inputs, seed ${values.seed}, ${workers} workers (${HEAP_MB} MB heap each), ${seconds.toFixed(0)} s`,
);
console.log(
  `  crashes ${crashes.length} · ambiguous parses ${ambiguous} · workers out of memory ${failed.length}`,
);
console.log(
  `  ms per input (grammars + answer): p50 < ${quantile(0.5) + 1}, p99 < ${quantile(0.99) + 1}, max ${maxMs.toFixed(1)}; over ${limitMs} ms: ${slow.length}`,
);
console.log(`  peak heap in a worker ${peak.toFixed(0)} MB`);
for (const c of crashes.slice(0, 5)) console.log(`\ncrash:\n${c}`);
for (const s of slow.slice(0, 5))
  console.log(`slow: ${s.ms.toFixed(0)} ms, ${s.bytes} bytes: ${JSON.stringify(s.head)}`);
for (const f of failed) console.log(`worker failed: ${f.outOfMemory}`);
process.exitCode = crashes.length + ambiguous + slow.length + failed.length > 0 ? 1 : 0;
