// Perceptual colour maps as 256-entry RGB tables, and the mapping from a plane of floats to RGB.
//
// viridis (sequential, for non-negative maps such as ReLU outputs): matplotlib's `_viridis_data`
// (lib/matplotlib/_cm_listed.py; van der Walt & Smith, CC0), 256 sRGB float triples, each channel
// written here as round(v·255).
//
// coolwarm (diverging, centred on 0, for signed maps): Kenneth Moreland's "Diverging Color Maps for
// Scientific Visualization" (CoolWarmFloat33), as matplotlib ships it (`_coolwarm_data` in
// lib/matplotlib/_cm.py): 33 control points linearly interpolated at i/255 for i = 0…255 (what
// matplotlib's LinearSegmentedColormap(N=256) does), each channel written here as round(v·255).
// Blue (#3b4cc0) for the most negative value, light grey (#dddddd) at 0, red (#b40426) at the top.
//
// Each table is 256 colours as one hex string (6 hex digits per colour, 16 colours per line).

export type ColormapName = "viridis" | "coolwarm";

/** 256 colours, RGB bytes: entry i is at [3i, 3i + 1, 3i + 2]. */
export type ColorTable = Uint8Array;

const VIRIDIS_HEX = [
  "44015444025645045745055946075a46085c460a5d460b5e470d60470e61471063471164471365481467481668481769",
  "48186a481a6c481b6d481c6e481d6f481f70482071482173482374482475482576482677482878482979472a7a472c7a",
  "472d7b472e7c472f7d46307e46327e46337f463480453581453781453882443983443a83443b84433d84433e85423f85",
  "4240864241864142874144874045884046883f47883f48893e49893e4a893e4c8a3d4d8a3d4e8a3c4f8a3c508b3b518b",
  "3b528b3a538b3a548c39558c39568c38588c38598c375a8c375b8d365c8d365d8d355e8d355f8d34608d34618d33628d",
  "33638d32648e32658e31668e31678e31688e30698e306a8e2f6b8e2f6c8e2e6d8e2e6e8e2e6f8e2d708e2d718e2c718e",
  "2c728e2c738e2b748e2b758e2a768e2a778e2a788e29798e297a8e297b8e287c8e287d8e277e8e277f8e27808e26818e",
  "26828e26828e25838e25848e25858e24868e24878e23888e23898e238a8d228b8d228c8d228d8d218e8d218f8d21908d",
  "21918c20928c20928c20938c1f948c1f958b1f968b1f978b1f988b1f998a1f9a8a1e9b8a1e9c891e9d891f9e891f9f88",
  "1fa0881fa1881fa1871fa28720a38620a48621a58521a68522a78522a88423a98324aa8325ab8225ac8226ad8127ad81",
  "28ae8029af7f2ab07f2cb17e2db27d2eb37c2fb47c31b57b32b67a34b67935b77937b87838b9773aba763bbb753dbc74",
  "3fbc7340bd7242be7144bf7046c06f48c16e4ac16d4cc26c4ec36b50c46a52c56954c56856c66758c7655ac8645cc863",
  "5ec96260ca6063cb5f65cb5e67cc5c69cd5b6ccd5a6ece5870cf5773d05675d05477d1537ad1517cd2507fd34e81d34d",
  "84d44b86d54989d5488bd6468ed64590d74393d74195d84098d83e9bd93c9dd93ba0da39a2da37a5db36a8db34aadc32",
  "addc30b0dd2fb2dd2db5de2bb8de29bade28bddf26c0df25c2df23c5e021c8e020cae11fcde11dd0e11cd2e21bd5e21a",
  "d8e219dae319dde318dfe318e2e418e5e419e7e419eae51aece51befe51cf1e51df4e61ef6e620f8e621fbe723fde725",
].join("");

const COOLWARM_HEX = [
  "3b4cc03c4ec23d50c33e51c53f53c64055c84257c94358cb445acc455cce465ecf485fd14961d24a63d34b64d54c66d6",
  "4e68d84f69d9506bda516ddb536edd5470de5572df5673e05875e15977e35a78e45b7ae55d7ce65e7de75f7fe86180e9",
  "6282ea6384eb6485ec6687ed6788ee688aef6a8bef6b8df06c8ff16e90f26f92f37093f37295f47396f57597f67699f6",
  "779af7799cf87a9df87b9ff97da0f97ea1fa80a3fa81a4fb82a6fb84a7fc85a8fc86a9fc88abfd89acfd8badfd8caffe",
  "8db0fe8fb1fe90b2fe92b4fe93b5fe94b6ff96b7ff97b8ff98b9ff9abbff9bbcff9dbdff9ebeff9fbfffa1c0ffa2c1ff",
  "a3c2fea5c3fea6c4fea7c5fea9c6fdaac7fdabc8fdadc9fdaec9fcafcafcb1cbfcb2ccfbb3cdfbb5cdfab6cefab7cff9",
  "b9d0f9bad0f8bbd1f8bcd2f7bed2f6bfd3f6c0d4f5c1d4f4c3d5f4c4d5f3c5d6f2c6d6f1c7d7f0c9d7f0cad8efcbd8ee",
  "ccd9edcdd9eccedaebcfdaead1dae9d2dbe8d3dbe7d4dbe6d5dbe5d6dce4d7dce3d8dce2d9dce1dadce0dbdcdedcdddd",
  "dddcdcdedcdbdfdbd9e0dbd8e1dad6e2dad5e3d9d3e4d9d2e5d8d1e6d7cfe7d7cee8d6cce9d5cbead5c9ead4c8ebd3c6",
  "ecd3c5edd2c3edd1c2eed0c0efcfbfefcebdf0cdbbf1cdbaf1ccb8f2cbb7f2cab5f2c9b4f3c8b2f3c7b1f4c6aff4c5ad",
  "f5c4acf5c2aaf5c1a9f5c0a7f6bfa6f6bea4f6bda2f7bca1f7ba9ff7b99ef7b89cf7b79bf7b599f7b497f7b396f7b194",
  "f7b093f7af91f7ad90f7ac8ef7aa8cf7a98bf7a889f7a688f6a586f6a385f6a283f5a081f59f80f59d7ef59c7df49a7b",
  "f4987af39778f39577f39475f29274f29072f18f71f18d6ff08b6ef08a6cef886bee8669ee8468ed8366ec8165ec7f63",
  "eb7d62ea7b60e97a5fe9785de8765ce7745be67259e57058e46e56e36c55e36b54e26952e16751e0654fdf634ede614d",
  "dd5f4bdc5d4ada5a49d95847d85646d75445d65244d55042d44e41d24b40d1493fd0473dcf453ccd423bcc403acb3e38",
  "ca3b37c83836c73635c53334c43032c32e31c12b30c0282fbe242ebd1f2dbb1b2cba162bb8122ab70d28b50927b40426",
].join("");

function parseTable(hex: string): ColorTable {
  if (hex.length !== 256 * 6) throw new Error(`colormap: ${hex.length / 6} colours, expected 256`);
  const out = new Uint8Array(256 * 3);
  for (let i = 0; i < out.length; i++) out[i] = Number.parseInt(hex.slice(2 * i, 2 * i + 2), 16);
  return out;
}

export const VIRIDIS: ColorTable = parseTable(VIRIDIS_HEX);
export const COOLWARM: ColorTable = parseTable(COOLWARM_HEX);

export function colorTable(name: ColormapName): ColorTable {
  return name === "viridis" ? VIRIDIS : COOLWARM;
}

/** Painted for NaN: loud on purpose, a NaN in an activation is a bug worth seeing. */
export const NAN_RGB: readonly [number, number, number] = [255, 0, 255];

/** Values lo…hi map onto the first…last colour; outside is clamped. Always hi > lo. */
export interface ValueRange {
  lo: number;
  hi: number;
}

/**
 * The range a colour map shows for these values (NaN and ±Infinity are skipped).
 * viridis: min…max. coolwarm: −m…+m with m = max|v|, so 0 is always the centre colour.
 * A zero-width range is widened (never divide by zero): a constant map gets the first colour with
 * viridis, and the centre colour with coolwarm when it is all zeros (else the end of its sign).
 */
export function rangeOf(values: ArrayLike<number>, map: ColormapName): ValueRange {
  return sharedRangeOf([values], map);
}

/** One range over several planes (the "shared" option): every map on the same scale. */
export function sharedRangeOf(planes: readonly ArrayLike<number>[], map: ColormapName): ValueRange {
  let lo = Number.POSITIVE_INFINITY;
  let hi = Number.NEGATIVE_INFINITY;
  for (const p of planes) {
    for (let i = 0; i < p.length; i++) {
      const v = p[i] as number;
      if (!Number.isFinite(v)) continue;
      if (v < lo) lo = v;
      if (v > hi) hi = v;
    }
  }
  if (lo > hi) return map === "viridis" ? { lo: 0, hi: 1 } : { lo: -1, hi: 1 }; // no finite value
  if (map === "coolwarm") {
    const m = Math.max(Math.abs(lo), Math.abs(hi));
    return m > 0 ? { lo: -m, hi: m } : { lo: -1, hi: 1 };
  }
  return hi > lo ? { lo, hi } : { lo, hi: lo + (Math.abs(lo) || 1) };
}

/** Table index 0…255 for v (matplotlib's rule: ⌊t·256⌋ clipped, so t = 0.5 is entry 128); −1 for NaN. */
export function colorIndex(v: number, range: ValueRange): number {
  if (Number.isNaN(v)) return -1;
  const k = Math.floor((v - range.lo) * (256 / (range.hi - range.lo)));
  return Math.max(0, Math.min(255, k));
}

/**
 * A plane of values → interleaved RGB bytes (same length × 3). Per-plane range by default (see
 * rangeOf); pass `range` (e.g. from sharedRangeOf) to put several maps on one scale.
 */
export function planeToRgb(values: ArrayLike<number>, map: ColormapName, range?: ValueRange): Uint8Array {
  const r = range ?? rangeOf(values, map);
  const table = colorTable(map);
  const out = new Uint8Array(values.length * 3);
  const scale = 256 / (r.hi - r.lo);
  for (let i = 0, o = 0; i < values.length; i++, o += 3) {
    const v = values[i] as number;
    if (Number.isNaN(v)) {
      out[o] = NAN_RGB[0];
      out[o + 1] = NAN_RGB[1];
      out[o + 2] = NAN_RGB[2];
      continue;
    }
    const k = Math.floor((v - r.lo) * scale);
    const t = 3 * Math.max(0, Math.min(255, k));
    out[o] = table[t] as number;
    out[o + 1] = table[t + 1] as number;
    out[o + 2] = table[t + 2] as number;
  }
  return out;
}
