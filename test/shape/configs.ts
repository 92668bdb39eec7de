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

/** PyTorch-style `padding=p` on every spatial axis. */
export const explicit = (p: number, rank = 2): { explicit: [number, number][] } => ({
  explicit: Array.from({ length: rank }, () => [p, p] as [number, number]),
});

/** A 2-D transposed conv with square kernel and strides. */
export const convTranspose = (
  filters: number,
  kernel: number,
  strides: number,
  padding: Padding,
  outputPadding: number | null,
  o: { dilation?: number; inChannels?: number | null; channelsFirst?: boolean } = {},
): LayerConfig => ({
  kind: "conv_transpose",
  rank: 2,
  filters,
  kernel: [kernel, kernel],
  strides: [strides, strides],
  padding,
  outputPadding: outputPadding === null ? null : [outputPadding, outputPadding],
  dilation: [o.dilation ?? 1, o.dilation ?? 1],
  groups: 1,
  useBias: true,
  dataFormat: o.channelsFirst ? "channels_first" : "channels_last",
  activation: "linear",
  inChannels: o.inChannels ?? null,
});

/** A 2-D SeparableConv (Keras), 'valid', stride 1 unless given. */
export const separable = (filters: number, kernel: number, depthMultiplier = 1): LayerConfig => ({
  kind: "separable_conv",
  rank: 2,
  filters,
  kernel: [kernel, kernel],
  strides: [1, 1],
  padding: "valid",
  dilation: [1, 1],
  depthMultiplier,
  useBias: true,
  dataFormat: "channels_last",
  activation: "linear",
});

/** A 2-D DepthwiseConv (Keras), 'valid', stride 1. */
export const depthwise = (kernel: number, depthMultiplier = 1): LayerConfig => ({
  kind: "depthwise_conv",
  rank: 2,
  kernel: [kernel, kernel],
  strides: [1, 1],
  padding: "valid",
  dilation: [1, 1],
  depthMultiplier,
  useBias: true,
  dataFormat: "channels_last",
  activation: "linear",
});
