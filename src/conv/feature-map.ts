// One sample as the conv engine carries it between layers: Planes (C×H×W) plus its rank —
// 2 for images, 1 for signals (H = 1), 0 for vectors (N features as channels, 1×1) — and the
// framework's batch-first shape of it, to compare with the shape engine.

import type { DataFormat } from "../model/layer-config.js";
import type { Planes } from "./tensor.js";

export interface FeatureMap {
  planes: Planes;
  /** 2: image (H×W), 1: signal (H = 1), 0: vector (C features, 1×1). */
  rank: 0 | 1 | 2;
}

export function featureMap(p: Planes, rank: 0 | 1 | 2): FeatureMap {
  if (rank < 2 && p.height !== 1) throw new Error(`featureMap: rank ${rank} needs height 1, got ${p.height}`);
  if (rank === 0 && p.width !== 1) throw new Error(`featureMap: a vector needs width 1, got ${p.width}`);
  return { planes: p, rank };
}

/** The framework's batch-first shape of a sample (batch 1) in `dataFormat`. */
export function frameworkShape(fm: FeatureMap, dataFormat: DataFormat): number[] {
  const { channels: C, height: H, width: W } = fm.planes;
  if (fm.rank === 0) return [1, C];
  const spatial = fm.rank === 1 ? [W] : [H, W];
  return dataFormat === "channels_first" ? [1, C, ...spatial] : [1, ...spatial, C];
}
