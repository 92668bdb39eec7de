// Canonical configs as the Keras builder would produce them, for tests.
import type {
  ConvConfig,
  DataFormat,
  LayerConfig,
  Padding,
  PoolConfig,
  RecurrentConfig,
} from "../../src/model/layer-config.js";

const tuple = (v: number | number[], rank: number): number[] => (Array.isArray(v) ? v : Array(rank).fill(v));

export function conv(
  rank: 1 | 2 | 3,
  filters: number,
  kernel: number | number[],
  o: {
    strides?: number | number[];
    padding?: Padding;
    dilation?: number | number[];
    groups?: number;
    useBias?: boolean;
    dataFormat?: DataFormat;
    inChannels?: number | null;
  } = {},
): ConvConfig {
  return {
    kind: "conv",
    rank,
    filters,
    kernel: tuple(kernel, rank),
    strides: tuple(o.strides ?? 1, rank),
    padding: o.padding ?? "valid",
    dilation: tuple(o.dilation ?? 1, rank),
    groups: o.groups ?? 1,
    useBias: o.useBias ?? true,
    dataFormat: o.dataFormat ?? "channels_last",
    activation: "linear",
    inChannels: o.inChannels ?? null,
  };
}

export function pool(
  rank: 1 | 2 | 3,
  op: "max" | "avg",
  size: number | number[],
  o: {
    strides?: number | number[];
    padding?: Padding;
    ceilMode?: boolean;
    dataFormat?: DataFormat;
    dilation?: number | number[];
  } = {},
): PoolConfig {
  return {
    kind: "pool",
    rank,
    op,
    pool: tuple(size, rank),
    strides: tuple(o.strides ?? size, rank),
    padding: o.padding ?? "valid",
    dilation: tuple(o.dilation ?? 1, rank),
    ceilMode: o.ceilMode ?? false,
    dataFormat: o.dataFormat ?? "channels_last",
  };
}

export function rnn(
  cell: "simple" | "lstm" | "gru",
  units: number,
  o: Partial<Omit<RecurrentConfig, "kind" | "cell" | "units">> = {},
): RecurrentConfig {
  return {
    kind: "recurrent",
    cell,
    units,
    returnSequences: o.returnSequences ?? false,
    returnState: o.returnState ?? false,
    useBias: o.useBias ?? true,
    resetAfter: o.resetAfter ?? true,
  };
}

export const dense = (units: number, useBias = true, inFeatures: number | null = null): LayerConfig => ({
  kind: "dense",
  units,
  useBias,
  activation: "linear",
  inFeatures,
});

export const flatten = (): LayerConfig => ({
  kind: "flatten",
  startDim: 1,
  endDim: -1,
  dataFormat: "channels_last",
});
