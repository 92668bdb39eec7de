// A small seeded pseudo-random generator, so the same seed always gives the same weights, in
// every process and on every platform: mulberry32 (32-bit state, period 2³²; plenty for weights).

/** Uniform numbers in [0, 1), 2⁻³² resolution. */
export type Rng = () => number;

export function mulberry32(seed: number): Rng {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** n numbers uniform in [−bound, bound), as float32. */
export function uniformArray(rng: Rng, n: number, bound: number): Float32Array {
  const out = new Float32Array(n);
  for (let i = 0; i < n; i++) out[i] = (2 * rng() - 1) * bound;
  return out;
}
