// Bundles the CLI (dist/cli/shapebot.mjs, the `shapebot` bin). Loading ~125 ES modules
// one by one cost ~45 ms of a 170 ms run (module resolution, file opens, per-module compiles);
// one bundled file cuts the whole run to ~125 ms. npm start and the tests keep using dist/src.
import { build } from "esbuild";

await build({
  entryPoints: ["dist/src/adapters/cli-bin.js"],
  // The image path (sharp, the conv engine) is a chunk of its own, loaded only with --image/--out.
  outdir: "dist/cli",
  entryNames: "shapebot",
  chunkNames: "chunk-[hash]",
  outExtension: { ".js": ".mjs" },
  splitting: true,
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node20",
  // nearley and moo are CommonJS: give the bundle a require() of its own.
  banner: {
    js: "import { createRequire as shapebotRequire } from 'node:module'; const require = shapebotRequire(import.meta.url);",
  },
  legalComments: "none",
  // Native and worker-thread packages load from node_modules, as installed.
  external: ["sharp", "piscina"],
  logLevel: "warning",
});
