// npm run bench [-- NAME…]: runs the named benchmarks (all when none is named) and prints figures.
import { convBench } from "./conv-bench.js";
import { imageBench } from "./image-bench.js";
import { parseBench } from "./parse-bench.js";
import { torchBench } from "./torch-bench.js";

const BENCHES: Record<string, () => Promise<void>> = {
  parse: parseBench,
  torch: torchBench,
  conv: convBench,
  image: imageBench,
};

const wanted = process.argv.slice(2).filter((a) => a !== "--");
const names = wanted.length > 0 ? wanted : Object.keys(BENCHES);
for (const name of names) {
  const bench = BENCHES[name];
  if (!bench) {
    process.stderr.write(`unknown benchmark '${name}'; known: ${Object.keys(BENCHES).join(", ")}\n`);
    process.exit(2);
  }
  await bench();
}
