// Bundles the CLI into one file (dist/shapebot.mjs), the `shapebot` bin. Loading ~125 ES modules
// one by one cost ~45 ms of a 170 ms run (module resolution, file opens, per-module compiles);
// one bundled file cuts the whole run to ~125 ms. npm start and the tests keep using dist/src.
import { build } from "esbuild";

await build({
  entryPoints: ["dist/src/adapters/cli-bin.js"],
  outfile: "dist/shapebot.mjs",
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node20",
  // nearley and moo are CommonJS: give the bundle a require() of its own.
  banner: {
    js: "import { createRequire as shapebotRequire } from 'node:module'; const require = shapebotRequire(import.meta.url);",
  },
  legalComments: "none",
  logLevel: "warning",
});
