import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

// .env.example lists every variable the code reads (secrets come only from the environment).

/** Set by discord.js' ShardingManager in the shard processes it spawns, not by an operator. */
const INTERNAL = new Set(["SHARDING_MANAGER", "SHARDS", "SHARD_COUNT", "PATH"]);

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    return /\.(ts|mjs)$/.test(name) ? [path] : [];
  });
}

describe(".env.example", () => {
  it("lists every environment variable read in src/ and scripts/", () => {
    const example = readFileSync(".env.example", "utf8");
    const listed = new Set([...example.matchAll(/^([A-Z][A-Z0-9_]*)=/gm)].map((m) => m[1]));
    const read = new Set<string>();
    for (const file of [...sources("src"), ...sources("scripts")])
      for (const m of readFileSync(file, "utf8").matchAll(/\benv\.([A-Z][A-Z0-9_]*)/g))
        read.add(m[1] as string);
    const missing = [...read].filter((v) => !INTERNAL.has(v) && !listed.has(v));
    expect(read.size).toBeGreaterThan(8);
    expect(missing).toEqual([]);
  });
});
