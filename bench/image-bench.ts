import { readFileSync } from "node:fs";
import { join } from "node:path";
import sharp from "sharp";
import { answerWithImage } from "../src/core/image-answer.js";

// The whole answer for a phone photo: a high-entropy 4032×3024 JPEG (~8 MB, noise, which
// compresses worst) through the seed model to all its PNGs, against sharp alone decoding and
// resizing the same JPEG to the model's 128×128 in the same process. Target: ≤ 3×.

const ROOT = join(import.meta.dirname, "..");

async function noisyJpeg(width: number, height: number): Promise<Buffer> {
  const raw = Buffer.alloc(width * height * 3);
  let s = 20261126;
  for (let i = 0; i < raw.length; i++) {
    s = (s * 1664525 + 1013904223) >>> 0;
    raw[i] = (s >>> 24) & 0xff;
  }
  return sharp(raw, { raw: { width, height, channels: 3 } })
    .jpeg({ quality: 92 })
    .toBuffer();
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] as number;
}

async function time(fn: () => Promise<unknown>, runs: number): Promise<number[]> {
  await fn();
  const out: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await fn();
    out.push(performance.now() - t0);
  }
  return out;
}

export async function imageBench(): Promise<void> {
  const runs = Number(process.env.IMAGE_BENCH_RUNS ?? 5);
  const jpeg = await noisyJpeg(4032, 3024);
  const seed = readFileSync(join(ROOT, "test", "golden", "messages", "01-seed.txt"), "utf8");
  const sharpAlone = await time(
    () => sharp(jpeg).rotate().resize(128, 128, { fit: "cover" }).removeAlpha().raw().toBuffer(),
    runs,
  );
  let files = 0;
  let bytes = 0;
  const whole = await time(async () => {
    const r = await answerWithImage({ text: seed }, jpeg);
    files = r.files.length;
    bytes = r.files.reduce((s, f) => s + f.png.length, 0);
  }, runs);
  const ratio = median(whole) / median(sharpAlone);
  console.log(
    `image: 4032×3024 noise JPEG, ${(jpeg.length / 1e6).toFixed(1)} MB, N=${runs}, median after a warm-up`,
  );
  console.log(`  sharp alone (decode + cover-resize to 128×128): ${median(sharpAlone).toFixed(0)} ms`);
  console.log(
    `  whole answer (text + decode + seed model + ${files} PNGs, ${(bytes / 1e3).toFixed(0)} KB): ${median(whole).toFixed(0)} ms`,
  );
  console.log(`image ratio whole/sharp: ${ratio.toFixed(2)} (target ≤ 3)`);
}
