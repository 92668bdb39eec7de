import { type SpawnSyncReturns, spawnSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { availableParallelism, loadavg } from "node:os";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";

// Whole-process time of `shapebot --json` on a pasted torchvision-style ResNet-50 against the peer
// a user would otherwise run: python3 importing torch, executing the same file (the model call
// included) with a global forward hook recording every leaf module's output shape. Both are run
// as fresh processes, interleaved (shapebot, torch, shapebot, torch, …) so they share machine
// noise; one untimed warm-up of each first. Target: shapebot ≥ 20× faster (median). Without a
// python3 that imports torch the comparison is skipped with a message (exit 0). Runs: $TORCH_BENCH_RUNS
// (default 5).

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const FIXTURE = "bench/fixtures/resnet50.py";
const CLI = "dist/cli/shapebot.mjs";
const EXPECTED_PARAMS = 25_557_032;
const EXPECTED_OUTPUT = [1, 1000];
const TARGET = 20;
const PYTHONS = ["/usr/bin/python3", "python3"];
const MAX_BUFFER = 64 * 1024 * 1024;

// sys.argv[1] is the fixture. The hook is global (torch ≥ 1.13), so it sees the modules the
// pasted code builds without knowing their names; leaf = a module without children.
const PEER_SCRIPT = `
import resource, sys, time, torch
shapes = []
def hook(module, inputs, output):
    if next(module.children(), None) is None:
        shapes.append((type(module).__name__, tuple(output.shape) if isinstance(output, torch.Tensor) else None))
torch.nn.modules.module.register_module_forward_hook(hook)
path = sys.argv[1]
with open(path) as f:
    source = f.read()
ns = {"__name__": "__main__"}
t0 = time.perf_counter()
exec(compile(source, path, "exec"), ns)
print("exec_ms", (time.perf_counter() - t0) * 1000)
print("leaf_calls", len(shapes))
print("output", ",".join(str(d) for d in ns["out"].shape))
print("params", sum(p.numel() for p in ns["model"].parameters()))
print("maxrss_kb", resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
`;

// Prints the process's peak RSS (KiB) on stderr at exit; used for one extra, untimed shapebot run.
const RSS_HOOK =
  'data:text/javascript,process.on("exit",()=>process.stderr.write("\\nshapebot-maxrss-kb "+process.resourceUsage().maxRSS+"\\n"))';

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] as number;
}

function run(cmd: string, args: string[]): { ms: number; result: SpawnSyncReturns<string> } {
  const t0 = performance.now();
  const result = spawnSync(cmd, args, { cwd: ROOT, encoding: "utf8", maxBuffer: MAX_BUFFER });
  const ms = performance.now() - t0;
  if (result.error) throw result.error;
  return { ms, result };
}

function newestMtime(dir: string, keep: (file: string) => boolean): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile()) continue;
    const file = join(entry.parentPath, entry.name);
    if (keep(file)) newest = Math.max(newest, statSync(file).mtimeMs);
  }
  return newest;
}

function oldestMtime(dir: string, keep: (file: string) => boolean): number {
  let oldest = Number.POSITIVE_INFINITY;
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile()) continue;
    const file = join(entry.parentPath, entry.name);
    if (keep(file)) oldest = Math.min(oldest, statSync(file).mtimeMs);
  }
  return oldest;
}

/** Runs `npm run build` when dist is missing or older than any source or grammar file. */
function ensureBuilt(): void {
  const distSrc = join(ROOT, "dist", "src");
  let reason: string | null = null;
  if (!existsSync(join(ROOT, CLI))) reason = `${CLI} is missing`;
  else {
    const sources = Math.max(
      newestMtime(join(ROOT, "src"), (f) => f.endsWith(".ts") && !f.includes(join("parse", "generated"))),
      newestMtime(join(ROOT, "grammar"), (f) => f.endsWith(".ne")),
    );
    if (sources > oldestMtime(distSrc, (f) => f.endsWith(".js"))) reason = "dist is older than src/grammar";
  }
  if (reason === null) return;
  console.log(`torch: ${reason}; running npm run build`);
  const build = spawnSync("npm", ["run", "build"], { cwd: ROOT, stdio: ["ignore", "ignore", "inherit"] });
  if (build.error) throw build.error;
  if (build.status !== 0) throw new Error(`npm run build failed (exit ${build.status})`);
}

interface ShapebotAnswer {
  ok: boolean;
  seen: string;
  layers: number;
}

function checkShapebot(args: string[]): ShapebotAnswer {
  const { result } = run(process.execPath, args);
  let json: {
    framework?: unknown;
    totalParams?: unknown;
    output?: unknown;
    layers?: unknown;
    reply?: unknown;
  };
  try {
    json = JSON.parse(result.stdout);
  } catch {
    return {
      ok: false,
      seen: `exit ${result.status}, stdout is not JSON: ${result.stdout.slice(0, 200)}`,
      layers: 0,
    };
  }
  const output = Array.isArray(json.output) ? json.output : null;
  const ok =
    result.status === 0 &&
    json.totalParams === EXPECTED_PARAMS &&
    output !== null &&
    output.length === EXPECTED_OUTPUT.length &&
    output.every((d, i) => d === EXPECTED_OUTPUT[i]);
  const layers = Array.isArray(json.layers) ? json.layers.length : 0;
  const seen =
    `exit ${result.status}, framework ${JSON.stringify(json.framework)}, totalParams ${JSON.stringify(json.totalParams)}, ` +
    `output ${JSON.stringify(json.output)}, ${layers} layers` +
    (ok ? "" : `; reply: ${String(json.reply).split("\n")[0]}`);
  return { ok, seen, layers };
}

interface Python {
  cmd: string;
  torch: string;
}

function findTorchPython(): Python | null {
  for (const cmd of PYTHONS) {
    const r = spawnSync(cmd, ["-c", "import torch; print(torch.__version__)"], { encoding: "utf8" });
    if (!r.error && r.status === 0) return { cmd, torch: r.stdout.trim() };
  }
  return null;
}

/** The peer's own report (leaf hook calls, output shape, params, peak RSS), checked like shapebot's. */
function checkPeer(result: SpawnSyncReturns<string>): {
  leafCalls: number;
  maxRssKb: number;
  execMs: number;
} {
  const field = (name: string) => result.stdout.match(new RegExp(`^${name} (.*)$`, "m"))?.[1];
  const leafCalls = Number(field("leaf_calls"));
  const output = field("output");
  const params = Number(field("params"));
  if (
    result.status !== 0 ||
    !(leafCalls > 0) ||
    output !== EXPECTED_OUTPUT.join(",") ||
    params !== EXPECTED_PARAMS
  )
    throw new Error(
      `torch peer did not run the model as expected (exit ${result.status}):\n${result.stdout}\n${result.stderr.slice(-2000)}`,
    );
  return { leafCalls, maxRssKb: Number(field("maxrss_kb")), execMs: Number(field("exec_ms")) };
}

const ms = (x: number) => x.toFixed(0);
const mb = (kb: number) => (Number.isFinite(kb) && kb > 0 ? (kb / 1024).toFixed(0) : "?");

export async function torchBench(): Promise<void> {
  const runs = Number(process.env.TORCH_BENCH_RUNS ?? 5);
  if (!Number.isInteger(runs) || runs < 1) throw new Error(`TORCH_BENCH_RUNS must be a positive integer`);
  ensureBuilt();

  // The issue's command is plain `shapebot --json FILE`; if its answer is wrong, say so loudly
  // (exit code 1 at the end) and time the explicit `--framework pytorch` form instead.
  const plain = [CLI, "--json", FIXTURE];
  const explicit = [CLI, "--json", "--framework", "pytorch", FIXTURE];
  let args = plain;
  let answer = checkShapebot(plain);
  if (!answer.ok) {
    process.stderr.write(
      `torch: FAIL — shapebot --json ${FIXTURE} gave a wrong answer (expected totalParams ${EXPECTED_PARAMS}, ` +
        `output ${JSON.stringify(EXPECTED_OUTPUT)}): ${answer.seen}\n`,
    );
    process.exitCode = 1;
    args = explicit;
    answer = checkShapebot(explicit);
    if (!answer.ok)
      throw new Error(`shapebot --json --framework pytorch ${FIXTURE} is wrong too: ${answer.seen}`);
    process.stderr.write(`torch: timing 'shapebot --json --framework pytorch' instead: ${answer.seen}\n`);
  } else console.log(`torch: shapebot answer checked: ${answer.seen}`);

  const rss = run(process.execPath, ["--import", RSS_HOOK, ...args]).result.stderr;
  const shapebotRssKb = Number(rss.match(/shapebot-maxrss-kb (\d+)/)?.[1]);

  const python = findTorchPython();
  const cmdLine = `node ${args.join(" ")}`;
  console.log(
    `torch: machine: node ${process.version}, ${availableParallelism()} CPUs, load ${loadavg()
      .map((l) => l.toFixed(2))
      .join(" ")}; ${python ? `${python.cmd} with torch ${python.torch}` : "no torch"}`,
  );
  if (!python) {
    const times = Array.from({ length: runs + 1 }, () => run(process.execPath, args).ms).slice(1);
    console.log(
      `torch: shapebot alone (N=${runs}): median ${ms(median(times))} ms, min ${ms(Math.min(...times))} ms, ` +
        `peak RSS ${mb(shapebotRssKb)} MB`,
    );
    console.log(
      `torch: SKIPPED the comparison — no python3 that can 'import torch' (tried ${PYTHONS.join(", ")}).`,
    );
    return;
  }

  const peerArgs = ["-c", PEER_SCRIPT, FIXTURE];
  run(process.execPath, args); // warm-up (file cache)
  const peerInfo = checkPeer(run(python.cmd, peerArgs).result); // warm-up + check
  const ours: number[] = [];
  const peer: number[] = [];
  const peerExec: number[] = [];
  const nodeAlone: number[] = [];
  for (let i = 0; i < runs; i++) {
    const s = run(process.execPath, args);
    if (s.result.status !== 0) throw new Error(`shapebot failed on run ${i + 1}: ${s.result.stderr}`);
    ours.push(s.ms);
    const p = run(python.cmd, peerArgs);
    peerExec.push(checkPeer(p.result).execMs);
    peer.push(p.ms);
    nodeAlone.push(run(process.execPath, ["-e", "0"]).ms);
  }
  // What a running bot pays: answer() in this process, after one warm-up, against torch's own
  // time for the same file after `import torch` (building the model and the forward pass).
  const core = (await import(join(ROOT, "dist", "src", "core", "answer.js"))) as {
    answer: (r: { text: string }) => { understood: boolean };
  };
  const text = readFileSync(join(ROOT, FIXTURE), "utf8");
  core.answer({ text });
  const warm = Array.from({ length: Math.max(runs, 5) }, () => {
    const t0 = performance.now();
    core.answer({ text });
    return performance.now() - t0;
  });

  const oursMed = median(ours);
  const peerMed = median(peer);
  const ratio = peerMed / oursMed;
  const rows: [string, number[], number][] = [
    [`shapebot (${answer.layers} rows)`, ours, shapebotRssKb],
    [`python3 + torch (${peerInfo.leafCalls} leaf hooks)`, peer, peerInfo.maxRssKb],
  ];
  console.log(
    `torch: whole-process time on ${relative(ROOT, join(ROOT, FIXTURE))}, N=${runs} interleaved runs`,
  );
  console.log(`  shapebot: ${cmdLine}`);
  console.log(`  peer:     ${python.cmd} -c <import torch; global forward hook; exec file> ${FIXTURE}`);
  console.log(
    `${"".padEnd(38)} ${"median ms".padStart(10)} ${"min ms".padStart(8)} ${"peak RSS MB".padStart(12)}`,
  );
  for (const [name, times, kb] of rows)
    console.log(
      `${name.padEnd(38)} ${ms(median(times)).padStart(10)} ${ms(Math.min(...times)).padStart(8)} ${mb(kb).padStart(12)}`,
    );
  console.log(
    `ratio torch/shapebot: ${ratio.toFixed(1)}× (median), ${(Math.min(...peer) / Math.min(...ours)).toFixed(1)}× (min); ` +
      `target ≥ ${TARGET}×: ${ratio >= TARGET ? "met" : "NOT met"}`,
  );
  console.log(
    `  node -e 0 alone: ${ms(median(nodeAlone))} ms median (the ${TARGET}× target leaves shapebot ${ms(peerMed / TARGET)} ms in all)`,
  );
  const warmMed = median(warm);
  const execMed = median(peerExec);
  console.log(
    `in-process, as a running bot answers: shapebot answer() ${warmMed.toFixed(1)} ms median (N=${warm.length}); ` +
      `torch after import, model built and run with hooks ${ms(execMed)} ms → ${(execMed / warmMed).toFixed(0)}×`,
  );
}
