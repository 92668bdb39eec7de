// Hand-worked rows for the PyTorch shape rules (framework "pytorch"), used by torch-rules.test.ts.
// `torch` is the PyTorch call each row stands for (x = torch.randn(*shape), i = torch.randint(0, 10,
// shape)); every number below was worked out from PyTorch's documented formulas, the arithmetic in
// the comment beside it, and the messages are PyTorch's own text.
import type { IndexItem, LayerConfig, Padding, TensorOp } from "../../src/model/layer-config.js";
import type { Shape } from "../../src/model/shape.js";
import type { ShapeIssue } from "../../src/shape/issues.js";

export interface TorchRow {
  /** The PyTorch code the row mirrors; also the test's title. */
  torch: string;
  config: LayerConfig;
  inputs: Shape[];
  /** Every output, in the order PyTorch returns them (nested tuples flattened). */
  outs?: Shape[];
  params?: number;
  /** Per spatial axis, the padding [before, after] the rule reports (conv/pool geometry). */
  pads?: [number, number][];
  issue?: ShapeIssue["code"];
  /** torch_error: PyTorch's exact text. Other codes: text the English description must contain. */
  message?: string;
  /** torch_error: PyTorch 2.x's text where it words the failure differently from 1.13's `message`. */
  other?: string;
}

type Rank = 1 | 2 | 3;
type IntOrTuple = number | number[];

const tuple = (v: IntOrTuple, rank: number): number[] => (Array.isArray(v) ? v : Array(rank).fill(v));

const padding = (p: IntOrTuple | "same", rank: number): Padding =>
  p === "same" ? "same_torch" : { explicit: tuple(p, rank).map((n): [number, number] => [n, n]) };

/** nn.Conv{rank}d(in, out, k, stride, padding, dilation, groups, bias) as the PyTorch builder makes it. */
function conv(
  rank: Rank,
  inC: number,
  outC: number,
  k: IntOrTuple,
  o: { s?: IntOrTuple; p?: IntOrTuple | "same"; d?: IntOrTuple; groups?: number; bias?: boolean } = {},
): LayerConfig {
  return {
    kind: "conv",
    rank,
    filters: outC,
    kernel: tuple(k, rank),
    strides: tuple(o.s ?? 1, rank),
    padding: padding(o.p ?? 0, rank),
    dilation: tuple(o.d ?? 1, rank),
    groups: o.groups ?? 1,
    useBias: o.bias ?? true,
    dataFormat: "channels_first",
    activation: "linear",
    inChannels: inC,
  };
}

/** nn.ConvTranspose{rank}d(in, out, k, stride, padding, output_padding, groups, bias, dilation). */
function convT(
  rank: Rank,
  inC: number,
  outC: number,
  k: IntOrTuple,
  o: {
    s?: IntOrTuple;
    p?: IntOrTuple;
    op?: IntOrTuple;
    d?: IntOrTuple;
    groups?: number;
    bias?: boolean;
  } = {},
): LayerConfig {
  return {
    kind: "conv_transpose",
    rank,
    filters: outC,
    kernel: tuple(k, rank),
    strides: tuple(o.s ?? 1, rank),
    padding: padding(o.p ?? 0, rank),
    outputPadding: tuple(o.op ?? 0, rank),
    dilation: tuple(o.d ?? 1, rank),
    groups: o.groups ?? 1,
    useBias: o.bias ?? true,
    dataFormat: "channels_first",
    activation: "linear",
    inChannels: inC,
  };
}

/** nn.MaxPool{rank}d / nn.AvgPool{rank}d: stride defaults to the kernel. */
function pool(
  rank: Rank,
  op: "max" | "avg",
  k: IntOrTuple,
  o: { s?: IntOrTuple; p?: IntOrTuple; d?: IntOrTuple; ceil?: boolean } = {},
): LayerConfig {
  return {
    kind: "pool",
    rank,
    op,
    pool: tuple(k, rank),
    strides: tuple(o.s ?? k, rank),
    padding: padding(o.p ?? 0, rank),
    dilation: tuple(o.d ?? 1, rank),
    ceilMode: o.ceil ?? false,
    dataFormat: "channels_first",
  };
}

const adaptive = (rank: Rank, op: "max" | "avg", size: (number | null)[]): LayerConfig => ({
  kind: "adaptive_pool",
  rank,
  op,
  outputSize: size,
});

const linear = (inF: number, outF: number, bias = true): LayerConfig => ({
  kind: "dense",
  units: outF,
  useBias: bias,
  activation: "linear",
  inFeatures: inF,
});

const batchNorm = (rank: Rank, c: number, affine = true): LayerConfig => ({
  kind: "batch_norm",
  axis: 1,
  center: affine,
  scale: affine,
  numFeatures: c,
  torchRanks: { ranks: rank === 1 ? [2, 3] : [rank + 2], className: `BatchNorm${rank}d` },
});

const layerNorm = (shape: number[], affine = true): LayerConfig => ({
  kind: "layer_norm",
  axes: [-1],
  center: affine,
  scale: affine,
  normalizedShape: shape,
});

const groupNorm = (groups: number, c: number, affine = true): LayerConfig => ({
  kind: "group_norm",
  className: "GroupNorm",
  groups,
  channels: c,
  affine,
  ranks: null,
});

const instanceNorm = (rank: Rank, c: number, affine = false): LayerConfig => ({
  kind: "group_norm",
  className: `InstanceNorm${rank}d`,
  groups: null,
  channels: c,
  affine,
  ranks: [rank + 1, rank + 2],
});

function rnn(
  cell: "simple" | "lstm" | "gru",
  inputSize: number,
  hiddenSize: number,
  o: {
    layers?: number;
    bias?: boolean;
    batchFirst?: boolean;
    bi?: boolean;
    proj?: number;
    step?: boolean;
  } = {},
): LayerConfig {
  return {
    kind: "torch_rnn",
    cell,
    inputSize,
    hiddenSize,
    numLayers: o.layers ?? 1,
    bias: o.bias ?? true,
    batchFirst: o.batchFirst ?? false,
    bidirectional: o.bi ?? false,
    projSize: o.proj ?? 0,
    ...(o.step ? { step: true } : {}),
  };
}

function mha(
  embedDim: number,
  numHeads: number,
  o: { kdim?: number; vdim?: number; bias?: boolean; biasKv?: boolean; batchFirst?: boolean } = {},
): LayerConfig {
  return {
    kind: "attention",
    embedDim,
    numHeads,
    kdim: o.kdim ?? embedDim,
    vdim: o.vdim ?? embedDim,
    bias: o.bias ?? true,
    addBiasKv: o.biasKv ?? false,
    batchFirst: o.batchFirst ?? false,
  };
}

const bilinear = (in1: number, in2: number, out: number, bias = true): LayerConfig => ({
  kind: "bilinear",
  in1,
  in2,
  out,
  bias,
});

const op = (o: TensorOp): LayerConfig => ({ kind: "tensor_op", op: o });
const view = (...target: (number | string)[]): LayerConfig => op({ name: "view", method: "view", target });
const index = (...items: IndexItem[]): LayerConfig => op({ name: "index", items });
const I = (v: number): IndexItem => ({ t: "int", v });
const S = (lo: number | null = null, hi: number | null = null, step: number | null = null): IndexItem => ({
  t: "slice",
  lo,
  hi,
  step,
});
const NEW: IndexItem = { t: "newaxis" };
/** One tensor passed as both key and value: the same Shape object twice. */
const kv32: Shape = [6, 2, 32];
const ELL: IndexItem = { t: "ellipsis" };

export const convRows: TorchRow[] = [
  // ── Conv1d/2d/3d: out = ⌊(in + 2p − d(k−1) − 1)/s⌋ + 1; params out·(in/groups)·∏k + out ─────────
  {
    torch: "nn.Conv1d(16, 33, 3, stride=2)(x(20, 16, 50))",
    config: conv(1, 16, 33, 3, { s: 2 }),
    inputs: [[20, 16, 50]],
    outs: [[20, 33, 24]], // ⌊(50 − 3)/2⌋ + 1 = 24
    params: 1617, // 33·16·3 + 33
  },
  {
    torch: "nn.Conv2d(16, 33, (3, 5), stride=2, padding=(4, 2))(x(20, 16, 50, 100))",
    config: conv(2, 16, 33, [3, 5], { s: 2, p: [4, 2] }),
    inputs: [[20, 16, 50, 100]],
    outs: [[20, 33, 28, 50]], // H ⌊(50+8−3)/2⌋+1 = 28; W ⌊(100+4−5)/2⌋+1 = 50
    params: 7953, // 33·16·15 + 33
    pads: [
      [4, 4],
      [2, 2],
    ],
  },
  {
    torch: "nn.Conv2d(16, 33, (3, 5), stride=(2, 1), padding=(4, 2), dilation=(3, 1))(x(20, 16, 50, 100))",
    config: conv(2, 16, 33, [3, 5], { s: [2, 1], p: [4, 2], d: [3, 1] }),
    inputs: [[20, 16, 50, 100]],
    outs: [[20, 33, 26, 100]], // H k_eff 3·2+1 = 7: ⌊(50+8−7)/2⌋+1 = 26; W (100+4−5)/1+1 = 100
    params: 7953,
  },
  {
    torch: "nn.Conv3d(16, 33, 3, stride=2)(x(20, 16, 10, 50, 100))",
    config: conv(3, 16, 33, 3, { s: 2 }),
    inputs: [[20, 16, 10, 50, 100]],
    outs: [[20, 33, 4, 24, 49]], // ⌊7/2⌋+1, ⌊47/2⌋+1, ⌊97/2⌋+1
    params: 14_289, // 33·16·27 + 33
  },
  {
    torch: "nn.Conv3d(16, 33, (3, 5, 2), stride=(2, 1, 1), padding=(4, 2, 0))(x(20, 16, 10, 50, 100))",
    config: conv(3, 16, 33, [3, 5, 2], { s: [2, 1, 1], p: [4, 2, 0] }),
    inputs: [[20, 16, 10, 50, 100]],
    outs: [[20, 33, 8, 50, 99]], // D ⌊(10+8−3)/2⌋+1 = 8; H 50+4−5+1 = 50; W 100−2+1 = 99
    params: 15_873, // 33·16·30 + 33
  },
  {
    torch: "nn.Conv2d(3, 64, 7, stride=2, padding=3, bias=False)(x(1, 3, 224, 224))",
    config: conv(2, 3, 64, 7, { s: 2, p: 3, bias: false }),
    inputs: [[1, 3, 224, 224]],
    outs: [[1, 64, 112, 112]], // ⌊(224+6−7)/2⌋+1 = 111+1
    params: 9408, // 64·3·49, no bias
  },
  {
    torch: "nn.Conv1d(2, 4, 4, padding='same')(x(1, 2, 10))",
    config: conv(1, 2, 4, 4, { p: "same" }),
    inputs: [[1, 2, 10]],
    outs: [[1, 4, 10]],
    params: 36, // 4·2·4 + 4
    pads: [[1, 2]], // total k−1 = 3: 1 left, the extra one on the right
  },
  {
    torch: "nn.Conv2d(1, 1, (2, 3), padding='same', dilation=(3, 2))(x(1, 1, 9, 9))",
    config: conv(2, 1, 1, [2, 3], { p: "same", d: [3, 2] }),
    inputs: [[1, 1, 9, 9]],
    outs: [[1, 1, 9, 9]],
    params: 7, // 6 + 1
    pads: [
      [1, 2], // k_eff 3·1+1 = 4: total 3
      [2, 2], // k_eff 2·2+1 = 5: total 4
    ],
  },
  {
    torch: "nn.Conv2d(4, 8, 3, groups=2)(x(1, 4, 5, 5))",
    config: conv(2, 4, 8, 3, { groups: 2 }),
    inputs: [[1, 4, 5, 5]],
    outs: [[1, 8, 3, 3]],
    params: 152, // 8·(4/2)·9 + 8
  },
  {
    torch: "nn.Conv2d(32, 32, 3, padding=1, groups=32)(x(1, 32, 56, 56))",
    config: conv(2, 32, 32, 3, { p: 1, groups: 32 }),
    inputs: [[1, 32, 56, 56]],
    outs: [[1, 32, 56, 56]],
    params: 320, // depthwise: 32·1·9 + 32
  },
  {
    torch: "nn.Conv2d(16, 32, 3, groups=16, bias=False)(x(2, 16, 10, 10))",
    config: conv(2, 16, 32, 3, { groups: 16, bias: false }),
    inputs: [[2, 16, 10, 10]],
    outs: [[2, 32, 8, 8]],
    params: 288, // depth multiplier 2: 32·1·9
  },
  {
    torch: "nn.Conv2d(1, 1, 3, stride=2, dilation=2)(x(1, 1, 9, 9))",
    config: conv(2, 1, 1, 3, { s: 2, d: 2 }),
    inputs: [[1, 1, 9, 9]],
    outs: [[1, 1, 3, 3]], // k_eff 5: ⌊(9−5)/2⌋+1 = 3
    params: 10,
  },
  {
    torch: "nn.Conv1d(16, 32, 5)(x(8, 50, 16))",
    config: conv(1, 16, 32, 5),
    inputs: [[8, 50, 16]],
    issue: "channel_mismatch",
    message:
      "Given groups=1, weight of size [32, 16, 5], expected input[8, 50, 16] to have 16 channels, but got 50 channels instead",
  },
  {
    torch: "nn.Conv2d(4, 8, 3, groups=2)(x(1, 6, 5, 5))",
    config: conv(2, 4, 8, 3, { groups: 2 }),
    inputs: [[1, 6, 5, 5]],
    issue: "channel_mismatch",
    message:
      "Given groups=2, weight of size [8, 2, 3, 3], expected input[1, 6, 5, 5] to have 4 channels, but got 6 channels instead",
  },
  {
    torch: "nn.Conv2d(5, 4, 3)(x(1, 5, 2, 2))",
    config: conv(2, 5, 4, 3),
    inputs: [[1, 5, 2, 2]],
    issue: "non_positive_output",
    message:
      "Calculated padded input size per channel: (2 x 2). Kernel size: (3 x 3). Kernel size can't be greater than actual input size",
  },
  {
    torch: "nn.Conv2d(1, 1, 3, stride=2, padding='same')",
    config: conv(2, 1, 1, 3, { s: 2, p: "same" }),
    inputs: [[1, 1, 9, 9]],
    issue: "same_padding_strided",
  },

  // ── ConvTranspose: (in−1)·s − 2p + d(k−1) + op + 1; weight (in, out/groups, k…) ──────────────────
  {
    torch: "nn.ConvTranspose2d(16, 33, 3, stride=2)(x(20, 16, 50, 100))",
    config: convT(2, 16, 33, 3, { s: 2 }),
    inputs: [[20, 16, 50, 100]],
    outs: [[20, 33, 101, 201]], // 49·2 + 2 + 1 = 101; 99·2 + 3 = 201
    params: 4785, // 16·33·9 + 33
  },
  {
    torch: "nn.ConvTranspose2d(16, 33, (3, 5), stride=(2, 1), padding=(4, 2))(x(20, 16, 50, 100))",
    config: convT(2, 16, 33, [3, 5], { s: [2, 1], p: [4, 2] }),
    inputs: [[20, 16, 50, 100]],
    outs: [[20, 33, 93, 100]], // 49·2 − 8 + 2 + 1 = 93; 99 − 4 + 4 + 1 = 100
    params: 7953, // 16·33·15 + 33
  },
  {
    torch: "nn.ConvTranspose2d(8, 4, 3, stride=2, padding=1, output_padding=1)(x(1, 8, 16, 16))",
    config: convT(2, 8, 4, 3, { s: 2, p: 1, op: 1 }),
    inputs: [[1, 8, 16, 16]],
    outs: [[1, 4, 32, 32]], // 15·2 − 2 + 2 + 1 + 1 = 32
    params: 292, // 8·4·9 + 4
  },
  {
    torch: "nn.ConvTranspose2d(4, 2, 3, dilation=2)(x(1, 4, 5, 5))",
    config: convT(2, 4, 2, 3, { d: 2 }),
    inputs: [[1, 4, 5, 5]],
    outs: [[1, 2, 9, 9]], // 4·1 + 2·2 + 0 + 1 = 9
    params: 74, // 4·2·9 + 2
  },
  {
    torch: "nn.ConvTranspose2d(4, 2, 3, stride=2, output_padding=1, dilation=2)(x(1, 4, 5, 5))",
    config: convT(2, 4, 2, 3, { s: 2, op: 1, d: 2 }),
    inputs: [[1, 4, 5, 5]],
    outs: [[1, 2, 14, 14]], // 4·2 + 2·2 + 1 + 1 = 14
    params: 74,
  },
  {
    torch: "nn.ConvTranspose2d(4, 2, 3, output_padding=1, dilation=2)(x(1, 4, 5, 5))",
    config: convT(2, 4, 2, 3, { op: 1, d: 2 }),
    inputs: [[1, 4, 5, 5]],
    outs: [[1, 2, 10, 10]], // op 1 < dilation 2 is allowed: 4 + 4 + 1 + 1 = 10
    params: 74,
  },
  {
    torch: "nn.ConvTranspose2d(4, 8, 3, groups=2)(x(1, 4, 5, 5))",
    config: convT(2, 4, 8, 3, { groups: 2 }),
    inputs: [[1, 4, 5, 5]],
    outs: [[1, 8, 7, 7]], // 4 + 2 + 1 = 7
    params: 152, // weight (4, 8/2, 3, 3) = 144, + 8
  },
  {
    torch: "nn.ConvTranspose1d(16, 8, 4, stride=2, padding=1)(x(1, 16, 100))",
    config: convT(1, 16, 8, 4, { s: 2, p: 1 }),
    inputs: [[1, 16, 100]],
    outs: [[1, 8, 200]], // 99·2 − 2 + 3 + 1 = 200
    params: 520, // 16·8·4 + 8
  },
  {
    torch: "nn.ConvTranspose3d(2, 4, 2, stride=2)(x(1, 2, 3, 4, 5))",
    config: convT(3, 2, 4, 2, { s: 2 }),
    inputs: [[1, 2, 3, 4, 5]],
    outs: [[1, 4, 6, 8, 10]], // (n−1)·2 + 1 + 1 = 2n
    params: 68, // 2·4·8 + 4
  },
  {
    torch: "nn.ConvTranspose2d(4, 2, 3, stride=2, output_padding=2)(x(1, 4, 8, 8))",
    config: convT(2, 4, 2, 3, { s: 2, op: 2 }),
    inputs: [[1, 4, 8, 8]],
    issue: "output_padding_too_large",
    message:
      "output padding must be smaller than either stride or dilation, but got output_padding_height: 2 output_padding_width: 2 stride_height: 2 stride_width: 2 dilation_height: 1 dilation_width: 1",
  },
  {
    torch: "nn.ConvTranspose2d(8, 4, 3)(x(1, 3, 5, 5))",
    config: convT(2, 8, 4, 3),
    inputs: [[1, 3, 5, 5]],
    issue: "channel_mismatch",
    message:
      "Given transposed=1, weight of size [8, 4, 3, 3], expected input[1, 3, 5, 5] to have 8 channels, but got 3 channels instead",
  },
];

export const poolRows: TorchRow[] = [
  // ── Pooling: ⌊(in + 2p − d(k−1) − 1)/s⌋ + 1, or ⌈…⌉ with ceil_mode, dropping a last window that
  //    would start past in + p (i.e. (out−1)·s ≥ in + p) ────────────────────────────────────────────
  {
    torch: "nn.MaxPool2d(2)(x(1, 3, 5, 5))",
    config: pool(2, "max", 2),
    inputs: [[1, 3, 5, 5]],
    outs: [[1, 3, 2, 2]], // ⌊3/2⌋ + 1
    params: 0,
  },
  {
    torch: "nn.MaxPool2d(2, ceil_mode=True)(x(1, 3, 5, 5))",
    config: pool(2, "max", 2, { ceil: true }),
    inputs: [[1, 3, 5, 5]],
    outs: [[1, 3, 3, 3]], // ⌈3/2⌉ + 1 = 3; last start 4 < 5 kept
  },
  {
    torch: "nn.MaxPool1d(3, stride=3, padding=1, ceil_mode=True)(x(1, 2, 6))",
    config: pool(1, "max", 3, { s: 3, p: 1, ceil: true }),
    inputs: [[1, 2, 6]],
    outs: [[1, 2, 3]], // ⌈(6+2−3)/3⌉ + 1 = 3; last start 2·3 = 6 < 6 + 1 kept
  },
  {
    torch: "nn.MaxPool1d(2, stride=2, padding=1, ceil_mode=True)(x(1, 2, 3))",
    config: pool(1, "max", 2, { s: 2, p: 1, ceil: true }),
    inputs: [[1, 2, 3]],
    outs: [[1, 2, 2]], // ⌈(3+2−2)/2⌉ + 1 = 3, but (3−1)·2 = 4 ≥ 3 + 1: dropped → 2
  },
  {
    torch: "nn.MaxPool2d(2, stride=2, padding=1, ceil_mode=True)(x(1, 3, 5, 6))",
    config: pool(2, "max", 2, { s: 2, p: 1, ceil: true }),
    inputs: [[1, 3, 5, 6]],
    outs: [[1, 3, 3, 4]], // H ⌈5/2⌉+1 = 4, 6 ≥ 6 dropped → 3; W ⌈6/2⌉+1 = 4, 6 < 7 kept
  },
  {
    torch: "nn.MaxPool2d(3, stride=2, ceil_mode=True)(x(1, 64, 112, 112))",
    config: pool(2, "max", 3, { s: 2, ceil: true }),
    inputs: [[1, 64, 112, 112]],
    outs: [[1, 64, 56, 56]], // ⌈109/2⌉ + 1 = 56 (floor mode would give 55)
  },
  {
    torch: "nn.AvgPool1d(4, ceil_mode=True)(x(1, 2, 10))",
    config: pool(1, "avg", 4, { ceil: true }),
    inputs: [[1, 2, 10]],
    outs: [[1, 2, 3]], // ⌈6/4⌉ + 1 = 3; last start 8 < 10 kept
  },
  {
    torch: "nn.AvgPool2d(3, stride=2, padding=1)(x(1, 8, 32, 32))",
    config: pool(2, "avg", 3, { s: 2, p: 1 }),
    inputs: [[1, 8, 32, 32]],
    outs: [[1, 8, 16, 16]], // ⌊(32+2−3)/2⌋ + 1 = 16
    pads: [
      [1, 1],
      [1, 1],
    ],
  },
  {
    torch: "nn.MaxPool2d(3, stride=1, dilation=2)(x(1, 1, 10, 10))",
    config: pool(2, "max", 3, { s: 1, d: 2 }),
    inputs: [[1, 1, 10, 10]],
    outs: [[1, 1, 6, 6]], // k_eff 5: 10 − 5 + 1
  },
  {
    torch: "nn.MaxPool2d(2, stride=2, padding=1, dilation=2)(x(1, 1, 10, 10))",
    config: pool(2, "max", 2, { s: 2, p: 1, d: 2 }),
    inputs: [[1, 1, 10, 10]],
    outs: [[1, 1, 5, 5]], // k_eff 3: ⌊(10+2−3)/2⌋ + 1 = 5
  },
  {
    torch: "nn.MaxPool1d(3, stride=2, dilation=2, ceil_mode=True)(x(1, 1, 10))",
    config: pool(1, "max", 3, { s: 2, d: 2, ceil: true }),
    inputs: [[1, 1, 10]],
    outs: [[1, 1, 4]], // k_eff 5: ⌈5/2⌉ + 1 = 4; last start 6 < 10 kept
  },
  {
    torch: "nn.MaxPool1d(3, stride=3, padding=1, dilation=2, ceil_mode=True)(x(1, 1, 9))",
    config: pool(1, "max", 3, { s: 3, p: 1, d: 2, ceil: true }),
    inputs: [[1, 1, 9]],
    outs: [[1, 1, 3]], // ⌈(9+2−5)/3⌉ + 1 = 3; last start 6 < 9 + 1 kept
  },
  {
    torch: "nn.MaxPool1d(3, stride=2)(x(4, 16, 50))",
    config: pool(1, "max", 3, { s: 2 }),
    inputs: [[4, 16, 50]],
    outs: [[4, 16, 24]], // ⌊47/2⌋ + 1
  },
  {
    torch: "nn.MaxPool3d(2)(x(1, 4, 8, 9, 10))",
    config: pool(3, "max", 2),
    inputs: [[1, 4, 8, 9, 10]],
    outs: [[1, 4, 4, 4, 5]],
  },
  {
    torch: "nn.MaxPool2d(2, padding=2)(x(1, 3, 5, 5))",
    config: pool(2, "max", 2, { p: 2 }),
    inputs: [[1, 3, 5, 5]],
    issue: "pool_padding_too_large", // pad 2 > 2/2
  },
  {
    torch: "nn.AvgPool2d(3, padding=2)(x(1, 3, 9, 9))",
    config: pool(2, "avg", 3, { p: 2 }),
    inputs: [[1, 3, 9, 9]],
    issue: "pool_padding_too_large", // pad 2 > ⌊3/2⌋
  },
  {
    torch: "nn.MaxPool2d(2)(x(1, 256, 1, 1))",
    config: pool(2, "max", 2),
    inputs: [[1, 256, 1, 1]],
    issue: "non_positive_output", // ⌊(1−2)/2⌋ + 1 = 0
    message: "Given input size: (256x1x1). Calculated output size: (256x0x0). Output size is too small",
  },
  {
    torch: "nn.MaxPool2d(3, dilation=2, padding=2)(x(1, 1, 10, 10))",
    config: pool(2, "max", 3, { p: 2, d: 2 }),
    inputs: [[1, 1, 10, 10]],
    issue: "pool_padding_too_large",
    message: "pad should be at most half of kernel size, but got pad=2 and kernel_size=3", // half the kernel 3, not of the dilated 5
  },
  {
    torch: "nn.AvgPool2d((3, 5), padding=(1, 3))(x(1, 1, 10, 10))",
    config: pool(2, "avg", [3, 5], { p: [1, 3] }),
    inputs: [[1, 1, 10, 10]],
    issue: "pool_padding_too_large",
    message: "pad should be at most half of kernel size, but got pad=3 and kernel_size=5",
  },
  {
    torch: "nn.MaxPool1d(3, padding=2, dilation=2)(x(1, 1, 10))",
    config: pool(1, "max", 3, { p: 2, d: 2 }),
    inputs: [[1, 1, 10]],
    issue: "pool_padding_too_large",
    message:
      "max_pool1d() padding should be at most half of kernel size, but got padding=2 and kernel_size=3", // MaxPool1d has its own text
  },
  {
    torch: "nn.MaxPool2d(4, padding=2, dilation=2)(x(1, 1, 10, 10))",
    config: pool(2, "max", 4, { p: 2, d: 2 }),
    inputs: [[1, 1, 10, 10]],
    outs: [[1, 1, 2, 2]], // ⌊(10 + 4 − 7)/4⌋ + 1
  },

  // ── Adaptive pooling: the last `rank` axes become the output size; None keeps the input's ────────
  {
    torch: "nn.AdaptiveAvgPool2d((1, 1))(x(8, 512, 7, 7))",
    config: adaptive(2, "avg", [1, 1]),
    inputs: [[8, 512, 7, 7]],
    outs: [[8, 512, 1, 1]],
    params: 0,
  },
  {
    torch: "nn.AdaptiveAvgPool2d((None, 7))(x(1, 64, 10, 9))",
    config: adaptive(2, "avg", [null, 7]),
    inputs: [[1, 64, 10, 9]],
    outs: [[1, 64, 10, 7]],
  },
  {
    torch: "nn.AdaptiveAvgPool2d(7)(x(512, 14, 14))",
    config: adaptive(2, "avg", [7, 7]),
    inputs: [[512, 14, 14]],
    outs: [[512, 7, 7]], // unbatched (C, H, W)
  },
  {
    torch: "nn.AdaptiveMaxPool1d(5)(x(1, 64, 8))",
    config: adaptive(1, "max", [5]),
    inputs: [[1, 64, 8]],
    outs: [[1, 64, 5]],
  },
  {
    torch: "nn.AdaptiveMaxPool1d(16)(x(1, 64, 8))",
    config: adaptive(1, "max", [16]),
    inputs: [[1, 64, 8]],
    outs: [[1, 64, 16]], // larger than the input is allowed
  },
  {
    torch: "nn.AdaptiveAvgPool3d((1, None, 2))(x(2, 3, 4, 5, 6))",
    config: adaptive(3, "avg", [1, null, 2]),
    inputs: [[2, 3, 4, 5, 6]],
    outs: [[2, 3, 1, 5, 2]],
  },
  {
    torch: "nn.AdaptiveAvgPool2d(1)(x(4, 5))",
    config: adaptive(2, "avg", [1, 1]),
    inputs: [[4, 5]],
    outs: [[1, 1]], // to 1×1 it is a mean over the last two axes
  },
  {
    torch: "nn.AdaptiveAvgPool2d(1)(x(2, 3, 4, 5, 6))",
    config: adaptive(2, "avg", [1, 1]),
    inputs: [[2, 3, 4, 5, 6]],
    outs: [[2, 3, 4, 1, 1]],
  },
  {
    torch: "nn.AdaptiveAvgPool3d(1)(x(4, 5))",
    config: adaptive(3, "avg", [1, 1, 1]),
    inputs: [[4, 5]],
    issue: "torch_error",
    message: "Dimension out of range (expected to be in range of [-2, 1], but got -3)",
  },
  {
    torch: "nn.AdaptiveAvgPool2d(2)(x(4, 5))",
    config: adaptive(2, "avg", [2, 2]),
    inputs: [[4, 5]],
    issue: "torch_error",
    message: "adaptive_avg_pool2d(): Expected 3D or 4D tensor, but got [4, 5]",
  },
  {
    torch: "nn.AdaptiveMaxPool2d(1)(x(4, 5))",
    config: adaptive(2, "max", [1, 1]),
    inputs: [[4, 5]],
    issue: "torch_error",
    message: "adaptive_max_pool2d(): Expected 3D or 4D tensor, but got: [4, 5]",
  },
  {
    torch: "nn.AdaptiveMaxPool3d(1)(x(3, 4, 5))",
    config: adaptive(3, "max", [1, 1, 1]),
    inputs: [[3, 4, 5]],
    issue: "torch_error",
    message: "adaptive_max_pool3d(): Expected 4D or 5D tensor, but got: [3, 4, 5]",
  },
  {
    torch: "nn.AdaptiveAvgPool1d(1)(x(2, 3, 4, 5))",
    config: adaptive(1, "avg", [1]),
    inputs: [[2, 3, 4, 5]],
    issue: "torch_error",
    message:
      "Expected 2 to 3 dimensions, but got 4-dimensional tensor for argument #1 'self' (while checking arguments for adaptive_avg_pool1d)",
  },
  {
    torch: "nn.AdaptiveMaxPool1d(1)(x(5))",
    config: adaptive(1, "max", [1]),
    inputs: [[5]],
    issue: "torch_error",
    message:
      "Expected 2 to 3 dimensions, but got 1-dimensional tensor for argument #1 'self' (while checking arguments for adaptive_max_pool1d)",
  },
  {
    torch: "nn.AdaptiveAvgPool1d(2)(x(3, 5))",
    config: adaptive(1, "avg", [2]),
    inputs: [[3, 5]],
    outs: [[3, 2]],
  },
];

export const denseNormRows: TorchRow[] = [
  // ── Linear acts on the last axis; a mismatch folds every leading axis into mat1's rows ───────────
  {
    torch: "nn.Linear(32, 10)(x(4, 32))",
    config: linear(32, 10),
    inputs: [[4, 32]],
    outs: [[4, 10]],
    params: 330, // 32·10 + 10
  },
  {
    torch: "nn.Linear(32, 64)(x(2, 7, 32))",
    config: linear(32, 64),
    inputs: [[2, 7, 32]],
    outs: [[2, 7, 64]],
    params: 2112, // 32·64 + 64
  },
  {
    torch: "nn.Linear(32, 16)(x(2, 3, 5, 32))",
    config: linear(32, 16),
    inputs: [[2, 3, 5, 32]],
    outs: [[2, 3, 5, 16]],
    params: 528,
  },
  {
    torch: "nn.Linear(32, 10)(x(32))",
    config: linear(32, 10),
    inputs: [[32]],
    outs: [[10]], // a 1-D input is one sample
    params: 330,
  },
  {
    torch: "nn.Linear(128, 10, bias=False)(x(1, 128))",
    config: linear(128, 10, false),
    inputs: [[1, 128]],
    outs: [[1, 10]],
    params: 1280,
  },
  {
    torch: "nn.Linear(64, 10)(x(2, 7, 32))",
    config: linear(64, 10),
    inputs: [[2, 7, 32]],
    issue: "in_features_mismatch",
    message: "mat1 and mat2 shapes cannot be multiplied (14x32 and 64x10)", // rows 2·7 = 14
  },

  // ── BatchNorm: γ, β = 2C params (running stats are buffers); the rank is checked per class ───────
  {
    torch: "nn.BatchNorm2d(16)(x(4, 16, 8, 8))",
    config: batchNorm(2, 16),
    inputs: [[4, 16, 8, 8]],
    outs: [[4, 16, 8, 8]],
    params: 32,
  },
  {
    torch: "nn.BatchNorm1d(64)(x(32, 64))",
    config: batchNorm(1, 64),
    inputs: [[32, 64]],
    outs: [[32, 64]],
    params: 128,
  },
  {
    torch: "nn.BatchNorm1d(64)(x(32, 64, 10))",
    config: batchNorm(1, 64),
    inputs: [[32, 64, 10]],
    outs: [[32, 64, 10]],
    params: 128,
  },
  {
    torch: "nn.BatchNorm3d(8, affine=False)(x(2, 8, 4, 4, 4))",
    config: batchNorm(3, 8, false),
    inputs: [[2, 8, 4, 4, 4]],
    outs: [[2, 8, 4, 4, 4]],
    params: 0,
  },
  {
    torch: "nn.BatchNorm2d(16)(x(8, 16))",
    config: batchNorm(2, 16),
    inputs: [[8, 16]],
    issue: "torch_error",
    message: "expected 4D input (got 2D input)",
  },
  {
    torch: "nn.BatchNorm1d(16)(x(8, 16, 2, 2))",
    config: batchNorm(1, 16),
    inputs: [[8, 16, 2, 2]],
    issue: "torch_error",
    message: "expected 2D or 3D input (got 4D input)",
  },
  {
    torch: "nn.BatchNorm2d(32)(x(2, 16, 8, 8))",
    config: batchNorm(2, 32),
    inputs: [[2, 16, 8, 8]],
    issue: "channel_mismatch",
    message: "running_mean should contain 16 elements not 32",
  },

  // ── LayerNorm: γ, β of the normalized shape; the input must end in it ─────────────────────────────
  {
    torch: "nn.LayerNorm(64)(x(8, 10, 64))",
    config: layerNorm([64]),
    inputs: [[8, 10, 64]],
    outs: [[8, 10, 64]],
    params: 128,
  },
  {
    torch: "nn.LayerNorm([10, 64])(x(8, 10, 64))",
    config: layerNorm([10, 64]),
    inputs: [[8, 10, 64]],
    outs: [[8, 10, 64]],
    params: 1280, // 2·10·64
  },
  {
    torch: "nn.LayerNorm(64, elementwise_affine=False)(x(8, 64))",
    config: layerNorm([64], false),
    inputs: [[8, 64]],
    outs: [[8, 64]],
    params: 0,
  },
  {
    torch: "nn.LayerNorm(64)(x(8, 10, 32))",
    config: layerNorm([64]),
    inputs: [[8, 10, 32]],
    issue: "torch_error",
    message:
      "Given normalized_shape=[64], expected input with shape [*, 64], but got input of size[8, 10, 32]",
  },
  {
    torch: "nn.LayerNorm([3, 8, 10, 32])(x(8, 10, 32))",
    config: layerNorm([3, 8, 10, 32]),
    inputs: [[8, 10, 32]],
    issue: "torch_error",
    message:
      "Given normalized_shape=[3, 8, 10, 32], expected input with shape [*, 3, 8, 10, 32], but got input of size[8, 10, 32]",
  },

  // ── GroupNorm / InstanceNorm: shape kept; γ, β (C each) only when affine ───────────────────────────
  {
    torch: "nn.GroupNorm(4, 32)(x(2, 32, 8, 8))",
    config: groupNorm(4, 32),
    inputs: [[2, 32, 8, 8]],
    outs: [[2, 32, 8, 8]],
    params: 64,
  },
  {
    torch: "nn.GroupNorm(2, 4)(x(3, 4))",
    config: groupNorm(2, 4),
    inputs: [[3, 4]],
    outs: [[3, 4]],
    params: 8,
  },
  {
    torch: "nn.GroupNorm(1, 8, affine=False)(x(2, 8, 5))",
    config: groupNorm(1, 8, false),
    inputs: [[2, 8, 5]],
    outs: [[2, 8, 5]],
    params: 0,
  },
  {
    torch: "nn.GroupNorm(4, 8)(x(2, 6, 4, 4))",
    config: groupNorm(4, 8),
    inputs: [[2, 6, 4, 4]],
    issue: "torch_error",
    message:
      "Expected number of channels in input to be divisible by num_groups, but got input of shape [2, 6, 4, 4] and num_groups=4",
  },
  {
    torch: "nn.GroupNorm(4, 8)(x(2, 12, 4, 4))",
    config: groupNorm(4, 8),
    inputs: [[2, 12, 4, 4]],
    issue: "torch_error",
    message:
      "Expected weight to be a vector of size equal to the number of channels in input, but got weight of shape [8] and input of shape [2, 12, 4, 4]",
  },
  {
    torch: "nn.InstanceNorm2d(16)(x(1, 16, 8, 8))",
    config: instanceNorm(2, 16),
    inputs: [[1, 16, 8, 8]],
    outs: [[1, 16, 8, 8]],
    params: 0, // affine=False by default
  },
  {
    torch: "nn.InstanceNorm2d(16, affine=True)(x(1, 16, 8, 8))",
    config: instanceNorm(2, 16, true),
    inputs: [[1, 16, 8, 8]],
    outs: [[1, 16, 8, 8]],
    params: 32,
  },
  {
    torch: "nn.InstanceNorm1d(8, affine=True)(x(8, 20))",
    config: instanceNorm(1, 8, true),
    inputs: [[8, 20]],
    outs: [[8, 20]], // unbatched (C, L)
    params: 16,
  },
  {
    torch: "nn.InstanceNorm1d(4)(x(1, 4, 5, 6))",
    config: instanceNorm(1, 4),
    inputs: [[1, 4, 5, 6]],
    issue: "torch_error",
    message: "expected 2D or 3D input (got 4D input)",
  },
  {
    torch: "nn.InstanceNorm2d(16)(x(8, 16))",
    config: instanceNorm(2, 16),
    inputs: [[8, 16]],
    issue: "torch_error",
    message: "expected 3D or 4D input (got 2D input)",
  },
  {
    torch: "nn.GroupNorm(2, 4)(x(4))",
    config: groupNorm(2, 4),
    inputs: [[4]],
    issue: "torch_error",
    message: "Dimension out of range (expected to be in range of [-1, 0], but got 1)",
  },
  {
    torch: "nn.InstanceNorm2d(16, affine=True)(x(1, 8, 4, 4))",
    config: instanceNorm(2, 16, true),
    inputs: [[1, 8, 4, 4]],
    issue: "torch_error",
    message: "weight should contain 8 elements not 16",
  },
  {
    torch: "nn.InstanceNorm1d(16, affine=True)(x(2, 8, 4))",
    config: instanceNorm(1, 16, true),
    inputs: [[2, 8, 4]],
    issue: "torch_error",
    message: "weight should contain 16 elements not 32", // γ repeated per sample: 2·8 vs 2·16
  },
  {
    torch: "nn.InstanceNorm2d(16, affine=True)(x(8, 4, 4))",
    config: instanceNorm(2, 16, true),
    inputs: [[8, 4, 4]],
    issue: "torch_error",
    message: "weight should contain 8 elements not 16",
  },
  {
    torch: "nn.InstanceNorm2d(16)(x(1, 8, 4, 4))",
    config: instanceNorm(2, 16),
    inputs: [[1, 8, 4, 4]],
    outs: [[1, 8, 4, 4]], // without affine only a warning
  },

  // ── Bilinear: weight (out, in1, in2) + bias (out) ─────────────────────────────────────────────────
  {
    torch: "nn.Bilinear(10, 20, 5)(x(4, 10), x(4, 20))",
    config: bilinear(10, 20, 5),
    inputs: [
      [4, 10],
      [4, 20],
    ],
    outs: [[4, 5]],
    params: 1005, // 5·10·20 + 5
  },
  {
    torch: "nn.Bilinear(10, 20, 5, bias=False)(x(2, 4, 10), x(2, 4, 20))",
    config: bilinear(10, 20, 5, false),
    inputs: [
      [2, 4, 10],
      [2, 4, 20],
    ],
    outs: [[2, 4, 5]],
    params: 1000,
  },
  {
    torch: "nn.Bilinear(10, 20, 5)(x(4, 10), x(3, 20))",
    config: bilinear(10, 20, 5),
    inputs: [
      [4, 10],
      [3, 20],
    ],
    issue: "torch_error",
    message: "bilinear(): input batch dimensions do not match at dim 0: got 4 and 3",
  },
  {
    torch: "nn.Bilinear(10, 20, 5)(x(2, 4, 10), x(2, 3, 20))",
    config: bilinear(10, 20, 5),
    inputs: [
      [2, 4, 10],
      [2, 3, 20],
    ],
    issue: "torch_error",
    message: "bilinear(): input batch dimensions do not match at dim 1: got 4 and 3",
  },
  {
    torch: "nn.Bilinear(10, 20, 5)(x(2, 4, 10), x(4, 20))",
    config: bilinear(10, 20, 5),
    inputs: [
      [2, 4, 10],
      [4, 20],
    ],
    issue: "torch_error",
    message: "bilinear(): input dimensions do not match: got 3 and 2",
  },
  {
    torch: "nn.Bilinear(10, 20, 5)(x(4, 11), x(4, 20))",
    config: bilinear(10, 20, 5),
    inputs: [
      [4, 11],
      [4, 20],
    ],
    issue: "torch_error",
    message: "bilinear(): input1 size does not match weight size: got 11 but expected 10",
  },
  {
    torch: "nn.Bilinear(10, 20, 5)(x(4, 10), x(4, 21))",
    config: bilinear(10, 20, 5),
    inputs: [
      [4, 10],
      [4, 21],
    ],
    issue: "torch_error",
    message: "bilinear(): input2 size does not match weight size: got 21 but expected 20",
  },
  {
    torch: "nn.Bilinear(10, 20, 5)(x(10), x(20))",
    config: bilinear(10, 20, 5),
    inputs: [[10], [20]],
    outs: [[5]],
    params: 1005,
  },

  // ── Embedding, Flatten, PReLU on the PyTorch side ─────────────────────────────────────────────────
  {
    torch: "nn.Embedding(1000, 64)(i(8, 20))",
    config: { kind: "embedding", inputDim: 1000, outputDim: 64, inputLength: null },
    inputs: [[8, 20]],
    outs: [[8, 20, 64]],
    params: 64_000,
  },
  {
    torch: "nn.Flatten()(x(4, 16, 5, 5))",
    config: { kind: "flatten", startDim: 1, endDim: -1, dataFormat: "channels_first" },
    inputs: [[4, 16, 5, 5]],
    outs: [[4, 400]],
    params: 0,
  },
  {
    torch: "nn.Flatten(0)(x(4, 16, 5, 5))",
    config: { kind: "flatten", startDim: 0, endDim: -1, dataFormat: "channels_first" },
    inputs: [[4, 16, 5, 5]],
    outs: [[1600]],
  },
  {
    torch: "nn.Flatten(1, 2)(x(4, 16, 5, 5))",
    config: { kind: "flatten", startDim: 1, endDim: 2, dataFormat: "channels_first" },
    inputs: [[4, 16, 5, 5]],
    outs: [[4, 80, 5]],
  },
  {
    torch: "nn.PReLU(64)(x(2, 64, 8, 8))",
    config: { kind: "elementwise", op: "prelu", paramsPerChannel: 0, axis: null, fixedParams: 64 },
    inputs: [[2, 64, 8, 8]],
    outs: [[2, 64, 8, 8]],
    params: 64,
  },
];

export const rnnRows: TorchRow[] = [
  // ── RNN/LSTM/GRU. Per layer and direction: G·h·in + G·h·h_out + 2·G·h [+ proj·h], G = 1/4/3; layers
  //    after the first take D·h_out inputs. Outputs: out, h_n (D·layers, N, h_out)[, c_n (…, h)] ────
  {
    torch: "nn.LSTM(10, 20)(x(5, 3, 10))",
    config: rnn("lstm", 10, 20),
    inputs: [[5, 3, 10]],
    outs: [
      [5, 3, 20],
      [1, 3, 20],
      [1, 3, 20],
    ],
    params: 2560, // 4·20·10 + 4·20·20 + 2·4·20 = 800 + 1600 + 160
  },
  {
    torch: "nn.LSTM(10, 20, num_layers=2)(x(5, 3, 10))",
    config: rnn("lstm", 10, 20, { layers: 2 }),
    inputs: [[5, 3, 10]],
    outs: [
      [5, 3, 20],
      [2, 3, 20],
      [2, 3, 20],
    ],
    params: 5920, // 2560 + (4·20·20 + 4·20·20 + 160 = 3360)
  },
  {
    torch: "nn.LSTM(10, 20, batch_first=True)(x(3, 5, 10))",
    config: rnn("lstm", 10, 20, { batchFirst: true }),
    inputs: [[3, 5, 10]],
    outs: [
      [3, 5, 20],
      [1, 3, 20], // h_n stays (layers, N, h) with batch_first
      [1, 3, 20],
    ],
    params: 2560,
  },
  {
    torch: "nn.LSTM(10, 20, batch_first=True, bidirectional=True)(x(3, 5, 10))",
    config: rnn("lstm", 10, 20, { batchFirst: true, bi: true }),
    inputs: [[3, 5, 10]],
    outs: [
      [3, 5, 40],
      [2, 3, 20],
      [2, 3, 20],
    ],
    params: 5120, // 2·2560
  },
  {
    torch: "nn.LSTM(10, 20, bias=False)(x(5, 3, 10))",
    config: rnn("lstm", 10, 20, { bias: false }),
    inputs: [[5, 3, 10]],
    outs: [
      [5, 3, 20],
      [1, 3, 20],
      [1, 3, 20],
    ],
    params: 2400, // 800 + 1600
  },
  {
    torch: "nn.GRU(10, 20, bidirectional=True)(x(5, 3, 10))",
    config: rnn("gru", 10, 20, { bi: true }),
    inputs: [[5, 3, 10]],
    outs: [
      [5, 3, 40],
      [2, 3, 20],
    ],
    params: 3840, // 2·(3·20·10 + 3·20·20 + 2·3·20) = 2·1920
  },
  {
    torch: "nn.GRU(8, 16, num_layers=2, batch_first=True)(x(4, 7, 8))",
    config: rnn("gru", 8, 16, { layers: 2, batchFirst: true }),
    inputs: [[4, 7, 8]],
    outs: [
      [4, 7, 16],
      [2, 4, 16],
    ],
    params: 2880, // (384 + 768 + 96) + (768 + 768 + 96)
  },
  {
    torch: "nn.RNN(10, 20)(x(5, 3, 10))",
    config: rnn("simple", 10, 20),
    inputs: [[5, 3, 10]],
    outs: [
      [5, 3, 20],
      [1, 3, 20],
    ],
    params: 640, // 20·10 + 20·20 + 2·20
  },
  {
    torch: "nn.RNN(10, 20, num_layers=2, bidirectional=True)(x(5, 3, 10))",
    config: rnn("simple", 10, 20, { layers: 2, bi: true }),
    inputs: [[5, 3, 10]],
    outs: [
      [5, 3, 40],
      [4, 3, 20],
    ],
    params: 3760, // 2·(200+400+40) + 2·(20·40 + 400 + 40) = 1280 + 2480
  },
  {
    torch: "nn.LSTM(10, 20, proj_size=5)(x(5, 3, 10))",
    config: rnn("lstm", 10, 20, { proj: 5 }),
    inputs: [[5, 3, 10]],
    outs: [
      [5, 3, 5],
      [1, 3, 5], // h_n has the projected size
      [1, 3, 20], // c_n keeps hidden_size
    ],
    params: 1460, // 4·20·10 + 4·20·5 + 2·4·20 + 5·20 = 800 + 400 + 160 + 100
  },
  {
    torch: "nn.LSTM(10, 20, num_layers=2, bidirectional=True, proj_size=5)(x(5, 3, 10))",
    config: rnn("lstm", 10, 20, { layers: 2, bi: true, proj: 5 }),
    inputs: [[5, 3, 10]],
    outs: [
      [5, 3, 10],
      [4, 3, 5],
      [4, 3, 20],
    ],
    params: 5840, // layer 0: 2·1460; layer 1 input 2·5 = 10, so again 2·1460
  },
  {
    torch: "nn.LSTM(10, 20)(x(5, 10))",
    config: rnn("lstm", 10, 20),
    inputs: [[5, 10]],
    outs: [
      [5, 20], // unbatched: (L, H_in) → (L, D·h)
      [1, 20],
      [1, 20],
    ],
    params: 2560,
  },
  {
    torch: "nn.LSTM(10, 20, proj_size=5)(x(7, 10))",
    config: rnn("lstm", 10, 20, { proj: 5 }),
    inputs: [[7, 10]],
    outs: [
      [7, 5],
      [1, 5],
      [1, 20],
    ],
    params: 1460,
  },
  {
    torch: "nn.GRU(10, 20, num_layers=2, bidirectional=True, batch_first=True)(x(7, 10))",
    config: rnn("gru", 10, 20, { layers: 2, bi: true, batchFirst: true }),
    inputs: [[7, 10]],
    outs: [
      [7, 40], // batch_first does not apply to unbatched input
      [4, 20],
    ],
    params: 11_280, // 2·1920 + 2·(3·20·40 + 3·20·20 + 120 = 3720)
  },
  {
    torch: "nn.LSTM(10, 20)(x(5, 3, 20))",
    config: rnn("lstm", 10, 20),
    inputs: [[5, 3, 20]],
    issue: "torch_error",
    message: "input.size(-1) must be equal to input_size. Expected 10, got 20",
  },
  {
    torch: "nn.GRU(100, 64, batch_first=True)(x(4, 12, 128))",
    config: rnn("gru", 100, 64, { batchFirst: true }),
    inputs: [[4, 12, 128]],
    issue: "torch_error",
    message: "input.size(-1) must be equal to input_size. Expected 100, got 128",
  },
  // Cells: one step, (N, in) → h' (and c' for LSTMCell), each (N, hidden).
  {
    torch: "nn.LSTMCell(10, 20)(x(3, 10))",
    config: rnn("lstm", 10, 20, { step: true }),
    inputs: [[3, 10]],
    outs: [
      [3, 20],
      [3, 20],
    ],
    params: 2560,
  },
  {
    torch: "nn.GRUCell(10, 20)(x(3, 10))",
    config: rnn("gru", 10, 20, { step: true }),
    inputs: [[3, 10]],
    outs: [[3, 20]],
    params: 1920, // 3·20·10 + 3·20·20 + 2·3·20
  },
  {
    torch: "nn.RNNCell(10, 20)(x(10))",
    config: rnn("simple", 10, 20, { step: true }),
    inputs: [[10]],
    outs: [[20]], // unbatched
    params: 640,
  },
  {
    torch: "nn.GRUCell(10, 20)(x(11))",
    config: rnn("gru", 10, 20, { step: true }),
    inputs: [[11]],
    issue: "torch_error",
    message: "input has inconsistent input_size: got 11 expected 10",
  },
  {
    torch: "nn.LSTMCell(10, 20)(x(3, 11))",
    config: rnn("lstm", 10, 20, { step: true }),
    inputs: [[3, 11]],
    issue: "torch_error",
    message: "input has inconsistent input_size: got 11 expected 10",
  },
  {
    torch: "nn.LSTM(10, 20)(x(2, 5, 3, 10))",
    config: rnn("lstm", 10, 20),
    inputs: [[2, 5, 3, 10]],
    issue: "torch_error",
    message: "input must have 3 dimensions, got 5", // 1.13 adds a batch axis to any rank but 3
    other: "LSTM: Expected input to be 2D or 3D, got 4D instead",
  },
  {
    torch: "nn.RNN(10, 20)(x(10))",
    config: rnn("simple", 10, 20),
    inputs: [[10]],
    issue: "torch_error",
    message: "input must have 3 dimensions, got 2",
    other: "RNN: Expected input to be 2D or 3D, got 1D tensor instead",
  },
  {
    torch: "nn.LSTMCell(10, 20)(x(2, 3, 10))",
    config: rnn("lstm", 10, 20, { step: true }),
    inputs: [[2, 3, 10]],
    issue: "torch_error",
    message: "LSTMCell: Expected input to be 1-D or 2-D but received 3-D tensor",
    other: "LSTMCell: Expected input to be 1D or 2D, got 3D instead",
  },
  {
    torch: "nn.GRUCell(10, 20)(x(2, 3, 10))",
    config: rnn("gru", 10, 20, { step: true }),
    inputs: [[2, 3, 10]],
    issue: "torch_error",
    message: "GRUCell: Expected input to be 1-D or 2-D but received 3-D tensor",
    other: "GRUCell: Expected input to be 1D or 2D, got 3D instead",
  },

  // ── MultiheadAttention: in-proj 3E² (or E² + E·kdim + E·vdim) + 3E bias + out-proj E² + E;
  //    outputs attn_output (like query) and head-averaged weights (N, L, S) ───────────────────────
  {
    torch: "nn.MultiheadAttention(512, 8)(x(10, 32, 512), x(10, 32, 512), x(10, 32, 512))",
    config: mha(512, 8),
    inputs: [
      [10, 32, 512],
      [10, 32, 512],
      [10, 32, 512],
    ],
    outs: [
      [10, 32, 512],
      [32, 10, 10],
    ],
    params: 1_050_624, // 4·512² + 4·512
  },
  {
    torch: "nn.MultiheadAttention(64, 4, batch_first=True)(x(2, 5, 64), x(2, 7, 64), x(2, 7, 64))",
    config: mha(64, 4, { batchFirst: true }),
    inputs: [
      [2, 5, 64],
      [2, 7, 64],
      [2, 7, 64],
    ],
    outs: [
      [2, 5, 64],
      [2, 5, 7],
    ],
    params: 16_640, // 4·4096 + 4·64
  },
  {
    torch: "nn.MultiheadAttention(64, 8, kdim=32, vdim=16)(x(5, 2, 64), x(6, 2, 32), x(6, 2, 16))",
    config: mha(64, 8, { kdim: 32, vdim: 16 }),
    inputs: [
      [5, 2, 64],
      [6, 2, 32],
      [6, 2, 16],
    ],
    outs: [
      [5, 2, 64],
      [2, 5, 6],
    ],
    params: 11_520, // q 64·64 + k 64·32 + v 64·16 + bias 3·64 + out 64·64 + 64 = 4096+2048+1024+192+4160
  },
  {
    torch: "nn.MultiheadAttention(64, 4, bias=False)(x(5, 2, 64), x(5, 2, 64), x(5, 2, 64))",
    config: mha(64, 4, { bias: false }),
    inputs: [
      [5, 2, 64],
      [5, 2, 64],
      [5, 2, 64],
    ],
    outs: [
      [5, 2, 64],
      [2, 5, 5],
    ],
    params: 16_384, // 4·64², no biases
  },
  {
    torch: "nn.MultiheadAttention(64, 4, add_bias_kv=True)(x(5, 2, 64), x(6, 2, 64), x(6, 2, 64))",
    config: mha(64, 4, { biasKv: true }),
    inputs: [
      [5, 2, 64],
      [6, 2, 64],
      [6, 2, 64],
    ],
    outs: [
      [5, 2, 64],
      [2, 5, 7], // S + 1: bias_k/bias_v append one key position
    ],
    params: 16_768, // 16,640 + 2·64
  },
  {
    torch: "nn.MultiheadAttention(64, 4)(x(5, 64), x(6, 64), x(6, 64))",
    config: mha(64, 4),
    inputs: [
      [5, 64],
      [6, 64],
      [6, 64],
    ],
    outs: [
      [5, 64], // unbatched (L, E)
      [5, 6],
    ],
    params: 16_640,
  },
  {
    torch: "nn.MultiheadAttention(64, 8)(x(5, 2, 32), x(5, 2, 32), x(5, 2, 32))",
    config: mha(64, 8),
    inputs: [
      [5, 2, 32],
      [5, 2, 32],
      [5, 2, 32],
    ],
    issue: "torch_error",
    message: "was expecting embedding dimension of 64, but got 32",
  },
  {
    torch: "nn.MultiheadAttention(64, 8)(x(1, 5, 2, 64), x(1, 5, 2, 64), x(1, 5, 2, 64))",
    config: mha(64, 8),
    inputs: [
      [1, 5, 2, 64],
      [1, 5, 2, 64],
      [1, 5, 2, 64],
    ],
    issue: "torch_error",
    message: "query should be unbatched 2D or batched 3D tensor but received 4-D query tensor",
  },
  {
    torch: "nn.MultiheadAttention(64, 8, kdim=32, vdim=32)(x(5, 2, 64), x(6, 2, 32), x(6, 2, 48))",
    config: mha(64, 8, { kdim: 32, vdim: 32 }),
    inputs: [
      [5, 2, 64],
      [6, 2, 32],
      [6, 2, 48],
    ],
    issue: "torch_error",
    message: "expecting value weights shape of (64, 48), but got torch.Size([64, 32])",
  },
  {
    torch: "nn.MultiheadAttention(64, 8, kdim=32)(x(5, 2, 64), x(6, 2, 48), x(6, 2, 64))",
    config: mha(64, 8, { kdim: 32 }),
    inputs: [
      [5, 2, 64],
      [6, 2, 48],
      [6, 2, 64],
    ],
    issue: "torch_error",
    message: "expecting key weights shape of (64, 48), but got torch.Size([64, 32])",
  },
  {
    torch: "nn.MultiheadAttention(64, 8, kdim=32)(x(5, 2, 64), x(6, 2, 32), x(7, 2, 64))",
    config: mha(64, 8, { kdim: 32 }),
    inputs: [
      [5, 2, 64],
      [6, 2, 32],
      [7, 2, 64],
    ],
    issue: "torch_error",
    message: "key's sequence and batch dims torch.Size([6, 2]) do not match value's torch.Size([7, 2])",
  },
  {
    torch: "nn.MultiheadAttention(64, 8)(x(5, 2, 64), x(6, 2, 64), x(6, 2, 48))",
    config: mha(64, 8),
    inputs: [
      [5, 2, 64],
      [6, 2, 64],
      [6, 2, 48],
    ],
    issue: "torch_error",
    message: "key shape torch.Size([6, 2, 64]) does not match value shape torch.Size([6, 2, 48])",
  },
  {
    torch: "nn.MultiheadAttention(64, 8)(x(5, 2, 64), x(6, 2, 64), x(7, 2, 64))",
    config: mha(64, 8),
    inputs: [
      [5, 2, 64],
      [6, 2, 64],
      [7, 2, 64],
    ],
    issue: "torch_error",
    message: "key shape torch.Size([6, 2, 64]) does not match value shape torch.Size([7, 2, 64])",
  },
  {
    torch: "nn.MultiheadAttention(64, 8)(x(5, 64), x(6, 64), x(6, 48))",
    config: mha(64, 8),
    inputs: [
      [5, 64],
      [6, 64],
      [6, 48],
    ],
    issue: "torch_error",
    message: "key shape torch.Size([6, 1, 64]) does not match value shape torch.Size([6, 1, 48])", // unbatched: a batch of 1 is added first
  },
  {
    torch: "nn.MultiheadAttention(64, 8, batch_first=True)(x(2, 5, 64), x(2, 6, 64), x(2, 6, 48))",
    config: mha(64, 8, { batchFirst: true }),
    inputs: [
      [2, 5, 64],
      [2, 6, 64],
      [2, 6, 48],
    ],
    issue: "torch_error",
    message: "key shape torch.Size([6, 2, 64]) does not match value shape torch.Size([6, 2, 48])", // printed sequence-first
  },
  {
    torch: "nn.MultiheadAttention(64, 8)(x(5, 2, 64), x(6, 3, 64), x(6, 3, 64))",
    config: mha(64, 8),
    inputs: [
      [5, 2, 64],
      [6, 3, 64],
      [6, 3, 64],
    ],
    issue: "torch_error",
    message: "shape '[6, 16, 8]' is invalid for input of size 1152", // key viewed as (6, 2·8, 64/8): 6·3·64 values
  },
  {
    torch: "nn.MultiheadAttention(64, 8, batch_first=True)(x(2, 5, 64), x(3, 6, 64), x(3, 6, 64))",
    config: mha(64, 8, { batchFirst: true }),
    inputs: [
      [2, 5, 64],
      [3, 6, 64],
      [3, 6, 64],
    ],
    issue: "torch_error",
    message: "shape '[6, 16, 8]' is invalid for input of size 1152",
  },
  {
    torch: "nn.MultiheadAttention(64, 8, add_bias_kv=True)(x(5, 2, 64), x(6, 3, 64), x(6, 3, 64))",
    config: mha(64, 8, { biasKv: true }),
    inputs: [
      [5, 2, 64],
      [6, 3, 64],
      [6, 3, 64],
    ],
    issue: "torch_error",
    message:
      "Sizes of tensors must match except in dimension 0. Expected size 3 but got size 2 for tensor number 1 in the list.",
  },
  {
    torch: "nn.MultiheadAttention(64, 8)(x(5, 2, 64), x(6, 2, 32), x(6, 2, 32))",
    config: mha(64, 8),
    inputs: [
      [5, 2, 64],
      [6, 2, 32],
      [6, 2, 32],
    ],
    issue: "torch_error",
    message: "mat1 and mat2 shapes cannot be multiplied (12x32 and 64x64)", // key (6·2)×32 against W_kᵀ 64×64
  },
  {
    torch: "nn.MultiheadAttention(64, 8)(x(5, 2, 64), kv, kv) with kv = x(6, 2, 32)",
    config: mha(64, 8),
    inputs: [[5, 2, 64], kv32, kv32],
    issue: "torch_error",
    message: "mat1 and mat2 shapes cannot be multiplied (12x32 and 64x128)", // one tensor for key and value: [W_k; W_v]ᵀ is 64×128
  },
  {
    torch: "nn.MultiheadAttention(64, 8)(x(5, 2, 64), x(6, 64), x(6, 64))",
    config: mha(64, 8),
    inputs: [
      [5, 2, 64],
      [6, 64],
      [6, 64],
    ],
    issue: "torch_error",
    message:
      "For batched (3-D) `query`, expected `key` and `value` to be 3-D but found 2-D and 2-D tensors respectively",
  },
];

export const tensorOpRows: TorchRow[] = [
  // ── view / reshape / unflatten ───────────────────────────────────────────────────────────────────
  {
    torch: "x(4, 16, 5, 5).view(-1, 400)",
    config: view(-1, 400),
    inputs: [[4, 16, 5, 5]],
    outs: [[4, 400]], // 1600 / 400
    params: 0,
  },
  {
    torch: "x(2, 3, 4).view(-1)",
    config: view(-1),
    inputs: [[2, 3, 4]],
    outs: [[24]],
  },
  {
    torch: "x(6, 4).reshape(2, 3, 4)",
    config: op({ name: "view", method: "reshape", target: [2, 3, 4] }),
    inputs: [[6, 4]],
    outs: [[2, 3, 4]],
  },
  {
    torch: "x(N, 16, 5, 5).view(x.size(0), -1)",
    config: view("N", -1),
    inputs: [["N", 16, 5, 5]],
    outs: [["N", 400]], // N cancels; −1 = 16·5·5
  },
  {
    torch: "x(1, 16, 8, 8).view(-1, 400)",
    config: view(-1, 400),
    inputs: [[1, 16, 8, 8]],
    issue: "reshape_invalid",
    message: "shape '[-1, 400]' is invalid for input of size 1024", // 1024 = 2·400 + 224
  },
  {
    torch: "x(2, 3).view(7)",
    config: view(7),
    inputs: [[2, 3]],
    issue: "reshape_invalid",
    message: "shape '[7]' is invalid for input of size 6",
  },
  {
    torch: "x(4, 12).unflatten(1, (2, 6))",
    config: op({ name: "unflatten", dim: 1, sizes: [2, 6] }),
    inputs: [[4, 12]],
    outs: [[4, 2, 6]],
  },
  {
    torch: "x(4, 12).unflatten(-1, (4, -1))",
    config: op({ name: "unflatten", dim: -1, sizes: [4, -1] }),
    inputs: [[4, 12]],
    outs: [[4, 4, 3]], // −1 = 12/4
  },
  {
    torch: "x(2, 12).unflatten(1, (2, 5))",
    config: op({ name: "unflatten", dim: 1, sizes: [2, 5] }),
    inputs: [[2, 12]],
    issue: "torch_error",
    message:
      "unflatten: Provided sizes [2, 5] don't multiply up to the size of dim 1 (12) in the input tensor",
  },
  {
    torch: "x(N, 16, 5, 5).view(-1, 400)",
    config: view(-1, 400),
    inputs: [["N", 16, 5, 5]],
    outs: [["N", 400]], // 16·5·5 = 400 per sample: the batch stays N
  },
  {
    torch: "x(N, 16, 5, 5).view(-1, 25)",
    config: view(-1, 25),
    inputs: [["N", 16, 5, 5]],
    outs: [["16*N", 25]], // 400·N / 25
  },
  {
    torch: "x(2, 3, 4).view(-1, -1)",
    config: view(-1, -1),
    inputs: [[2, 3, 4]],
    issue: "torch_error",
    message: "only one dimension can be inferred",
  },
  {
    torch: "x(2, 3, 4).reshape(4, -1, -1)",
    config: op({ name: "view", method: "reshape", target: [4, -1, -1] }),
    inputs: [[2, 3, 4]],
    issue: "torch_error",
    message: "only one dimension can be inferred",
  },
  {
    torch: "x(2, 3, 4).view(-2, 12)",
    config: view(-2, 12),
    inputs: [[2, 3, 4]],
    issue: "torch_error",
    message: "invalid shape dimension -2",
  },

  // ── permute / transpose / squeeze / unsqueeze ────────────────────────────────────────────────────
  {
    torch: "x(8, 50, 16).permute(0, 2, 1)",
    config: op({ name: "permute", dims: [0, 2, 1] }),
    inputs: [[8, 50, 16]],
    outs: [[8, 16, 50]],
  },
  {
    torch: "x(2, 3, 4, 5).permute(0, -1, 1, 2)",
    config: op({ name: "permute", dims: [0, -1, 1, 2] }),
    inputs: [[2, 3, 4, 5]],
    outs: [[2, 5, 3, 4]],
  },
  {
    torch: "x(2, 3, 4, 5).permute(0, 2, 1)",
    config: op({ name: "permute", dims: [0, 2, 1] }),
    inputs: [[2, 3, 4, 5]],
    issue: "torch_error",
    message:
      "permute(sparse_coo): number of dimensions in the tensor input does not match the length of the desired ordering of dimensions i.e. input.dim() = 4 is not equal to len(dims) = 3",
  },
  {
    torch: "x(2, 3).permute(0, 0)",
    config: op({ name: "permute", dims: [0, 0] }),
    inputs: [[2, 3]],
    issue: "torch_error",
    message: "permute(): duplicate dims are not allowed.",
  },
  {
    torch: "x(2, 3, 4).transpose(-1, -2)",
    config: op({ name: "transpose", dim0: -1, dim1: -2 }),
    inputs: [[2, 3, 4]],
    outs: [[2, 4, 3]],
  },
  {
    torch: "x(10, 8, 64).transpose(0, 1)",
    config: op({ name: "transpose", dim0: 0, dim1: 1 }),
    inputs: [[10, 8, 64]],
    outs: [[8, 10, 64]],
  },
  {
    torch: "x(2, 3).transpose(0, 2)",
    config: op({ name: "transpose", dim0: 0, dim1: 2 }),
    inputs: [[2, 3]],
    issue: "torch_error",
    message: "Dimension out of range (expected to be in range of [-2, 1], but got 2)",
  },
  {
    torch: "x(4, 1, 7).squeeze(1)",
    config: op({ name: "squeeze", dim: 1 }),
    inputs: [[4, 1, 7]],
    outs: [[4, 7]],
  },
  {
    torch: "x(4, 3, 7).squeeze(1)",
    config: op({ name: "squeeze", dim: 1 }),
    inputs: [[4, 3, 7]],
    outs: [[4, 3, 7]], // size 3 is not squeezed: no-op
  },
  {
    torch: "x(1, 3, 1, 5).squeeze()",
    config: op({ name: "squeeze", dim: null }),
    inputs: [[1, 3, 1, 5]],
    outs: [[3, 5]],
  },
  {
    torch: "x(4, 7, 1).squeeze(-1)",
    config: op({ name: "squeeze", dim: -1 }),
    inputs: [[4, 7, 1]],
    outs: [[4, 7]],
  },
  {
    torch: "x(4, 7).unsqueeze(-1)",
    config: op({ name: "unsqueeze", dim: -1 }),
    inputs: [[4, 7]],
    outs: [[4, 7, 1]], // −1 wraps over rank + 1
  },
  {
    torch: "x(4, 7).unsqueeze(0)",
    config: op({ name: "unsqueeze", dim: 0 }),
    inputs: [[4, 7]],
    outs: [[1, 4, 7]],
  },
  {
    torch: "x(2, 3).unsqueeze(3)",
    config: op({ name: "unsqueeze", dim: 3 }),
    inputs: [[2, 3]],
    issue: "torch_error",
    message: "Dimension out of range (expected to be in range of [-3, 2], but got 3)",
  },

  // ── reductions ───────────────────────────────────────────────────────────────────────────────────
  {
    torch: "x(8, 10, 64).mean(dim=1)",
    config: op({ name: "reduce", fn: "mean", dims: [1], keepdim: false }),
    inputs: [[8, 10, 64]],
    outs: [[8, 64]],
  },
  {
    torch: "x(8, 64, 7, 7).sum(dim=(2, 3), keepdim=True)",
    config: op({ name: "reduce", fn: "sum", dims: [2, 3], keepdim: true }),
    inputs: [[8, 64, 7, 7]],
    outs: [[8, 64, 1, 1]],
  },
  {
    torch: "x(8, 64, 7, 7).mean((-1, -2))",
    config: op({ name: "reduce", fn: "mean", dims: [-1, -2], keepdim: false }),
    inputs: [[8, 64, 7, 7]],
    outs: [[8, 64]],
  },
  {
    torch: "x(2, 3).mean()",
    config: op({ name: "reduce", fn: "mean", dims: null, keepdim: false }),
    inputs: [[2, 3]],
    outs: [[]],
  },
  {
    torch: "x(2, 3, 4).sum((1, 1))",
    config: op({ name: "reduce", fn: "sum", dims: [1, 1], keepdim: false }),
    inputs: [[2, 3, 4]],
    issue: "torch_error",
    message: "dim 1 appears multiple times in the list of dims",
  },
  {
    torch: "x(2, 3, 4).mean((1, -2), keepdim=True)",
    config: op({ name: "reduce", fn: "mean", dims: [1, -2], keepdim: true }),
    inputs: [[2, 3, 4]],
    issue: "torch_error",
    message: "dim 1 appears multiple times in the list of dims",
  },
  {
    torch: "x(2, 3, 4).sum((1, 1, 5))",
    config: op({ name: "reduce", fn: "sum", dims: [1, 1, 5], keepdim: false }),
    inputs: [[2, 3, 4]],
    issue: "torch_error",
    message: "Dimension out of range (expected to be in range of [-3, 2], but got 5)", // the range is checked for every dim before repeats
  },

  // ── indexing ─────────────────────────────────────────────────────────────────────────────────────
  {
    torch: "x(8, 10, 64)[:, -1]",
    config: index(S(), I(-1)),
    inputs: [[8, 10, 64]],
    outs: [[8, 64]],
  },
  {
    torch: "x(8, 10, 64)[:, -3:]",
    config: index(S(), S(-3)),
    inputs: [[8, 10, 64]],
    outs: [[8, 3, 64]],
  },
  {
    torch: "x(8, 10, 64)[:, 1:-1]",
    config: index(S(), S(1, -1)),
    inputs: [[8, 10, 64]],
    outs: [[8, 8, 64]], // 9 − 1
  },
  {
    torch: "x(8, 10, 64)[:, ::3]",
    config: index(S(), S(null, null, 3)),
    inputs: [[8, 10, 64]],
    outs: [[8, 4, 64]], // ⌈10/3⌉: 0, 3, 6, 9
  },
  {
    torch: "x(2, 5)[:, 2:100]",
    config: index(S(), S(2, 100)),
    inputs: [[2, 5]],
    outs: [[2, 3]], // stop clamped to 5
  },
  {
    torch: "x(2, 5)[:, -100:2]",
    config: index(S(), S(-100, 2)),
    inputs: [[2, 5]],
    outs: [[2, 2]], // start clamped to 0
  },
  {
    torch: "x(8, 64)[:, None]",
    config: index(S(), NEW),
    inputs: [[8, 64]],
    outs: [[8, 1, 64]],
  },
  {
    torch: "x(2, 3, 4)[..., 0]",
    config: index(ELL, I(0)),
    inputs: [[2, 3, 4]],
    outs: [[2, 3]],
  },
  {
    torch: "x(2, 3, 4)[..., None]",
    config: index(ELL, NEW),
    inputs: [[2, 3, 4]],
    outs: [[2, 3, 4, 1]],
  },
  {
    torch: "x(2, 3, 4, 5)[0, ..., 1:3]",
    config: index(I(0), ELL, S(1, 3)),
    inputs: [[2, 3, 4, 5]],
    outs: [[3, 4, 2]],
  },
  {
    torch: "x(10)[-4:-1:2]",
    config: index(S(-4, -1, 2)),
    inputs: [[10]],
    outs: [[2]], // 6, 8
  },
  {
    torch: "x(2, 5)[:, 5]",
    config: index(S(), I(5)),
    inputs: [[2, 5]],
    issue: "torch_error",
    message: "index 5 is out of bounds for dimension 1 with size 5",
  },
  {
    torch: "x(2, 5)[0, 5]",
    config: index(I(0), I(5)),
    inputs: [[2, 5]],
    issue: "torch_error",
    message: "index 5 is out of bounds for dimension 1 with size 5",
  },
  {
    torch: "x(2, 5)[:, -6]",
    config: index(S(), I(-6)),
    inputs: [[2, 5]],
    issue: "torch_error",
    message: "index -6 is out of bounds for dimension 1 with size 5",
  },
  {
    torch: "x(2, 3)[0, 0, 0]",
    config: index(I(0), I(0), I(0)),
    inputs: [[2, 3]],
    issue: "torch_error",
    message: "too many indices for tensor of dimension 2",
  },
  {
    torch: "x(5)[None, 7]",
    config: index(NEW, I(7)),
    inputs: [[5]],
    issue: "torch_error",
    message: "index 7 is out of bounds for dimension 1 with size 5",
  },
  {
    torch: "x(2, 3, 5)[..., 7]",
    config: index(ELL, I(7)),
    inputs: [[2, 3, 5]],
    issue: "torch_error",
    message: "index 7 is out of bounds for dimension 1 with size 5",
  },
  {
    torch: "x(2, 5)[None, :, 7]",
    config: index(NEW, S(), I(7)),
    inputs: [[2, 5]],
    issue: "torch_error",
    message: "index 7 is out of bounds for dimension 2 with size 5",
  },
  {
    torch: "x(2, 3, 5)[0, ..., 7]",
    config: index(I(0), ELL, I(7)),
    inputs: [[2, 3, 5]],
    issue: "torch_error",
    message: "index 7 is out of bounds for dimension 2 with size 5",
  },
  {
    torch: "x(2, 3, 5)[..., 7, :]",
    config: index(ELL, I(7), S()),
    inputs: [[2, 3, 5]],
    issue: "torch_error",
    message: "index 7 is out of bounds for dimension 1 with size 3",
  },

  // ── broadcasting element-wise ops ────────────────────────────────────────────────────────────────
  {
    torch: "x(8, 1, 6, 1) + x(7, 1, 5)",
    config: op({ name: "broadcast", fn: "add" }),
    inputs: [
      [8, 1, 6, 1],
      [7, 1, 5],
    ],
    outs: [[8, 7, 6, 5]],
  },
  {
    torch: "x(4, 1) * x(3)",
    config: op({ name: "broadcast", fn: "mul" }),
    inputs: [[4, 1], [3]],
    outs: [[4, 3]],
  },
  {
    torch: "x(2, 3) * torch.tensor(2.0)",
    config: op({ name: "broadcast", fn: "mul" }),
    inputs: [[2, 3], []],
    outs: [[2, 3]], // a 0-d tensor broadcasts everywhere
  },
  {
    torch: "torch.where(x(3, 1, 1) > 0, x(1, 4, 1), x(1, 1, 5))",
    config: op({ name: "broadcast", fn: "where" }),
    inputs: [
      [3, 1, 1],
      [1, 4, 1],
      [1, 1, 5],
    ],
    outs: [[3, 4, 5]],
  },
  {
    torch: "x(2, 64) + x(2, 32)",
    config: op({ name: "broadcast", fn: "add" }),
    inputs: [
      [2, 64],
      [2, 32],
    ],
    issue: "torch_error",
    message: "The size of tensor a (64) must match the size of tensor b (32) at non-singleton dimension 1",
  },
  {
    torch: "x(4, 3, 21, 21) + x(4, 3, 21, 22)",
    config: op({ name: "broadcast", fn: "add" }),
    inputs: [
      [4, 3, 21, 21],
      [4, 3, 21, 22],
    ],
    issue: "torch_error",
    message: "The size of tensor a (21) must match the size of tensor b (22) at non-singleton dimension 3",
  },

  // ── matmul / mm / bmm ────────────────────────────────────────────────────────────────────────────
  {
    torch: "x(3) @ x(3)",
    config: op({ name: "matmul", fn: "matmul" }),
    inputs: [[3], [3]],
    outs: [[]], // dot product: a 0-d tensor
  },
  {
    torch: "x(2, 3) @ x(3, 4)",
    config: op({ name: "matmul", fn: "matmul" }),
    inputs: [
      [2, 3],
      [3, 4],
    ],
    outs: [[2, 4]],
  },
  {
    torch: "x(3) @ x(3, 4)",
    config: op({ name: "matmul", fn: "matmul" }),
    inputs: [[3], [3, 4]],
    outs: [[4]], // prepended 1 removed again
  },
  {
    torch: "x(2, 3, 4) @ x(4)",
    config: op({ name: "matmul", fn: "matmul" }),
    inputs: [[2, 3, 4], [4]],
    outs: [[2, 3]],
  },
  {
    torch: "x(2, 7, 32) @ x(32, 10)",
    config: op({ name: "matmul", fn: "matmul" }),
    inputs: [
      [2, 7, 32],
      [32, 10],
    ],
    outs: [[2, 7, 10]],
  },
  {
    torch: "x(3, 4) @ x(2, 4, 6)",
    config: op({ name: "matmul", fn: "matmul" }),
    inputs: [
      [3, 4],
      [2, 4, 6],
    ],
    outs: [[2, 3, 6]],
  },
  {
    torch: "x(10, 1, 3, 4) @ x(5, 4, 6)",
    config: op({ name: "matmul", fn: "matmul" }),
    inputs: [
      [10, 1, 3, 4],
      [5, 4, 6],
    ],
    outs: [[10, 5, 3, 6]], // batch (10, 1) and (5,) broadcast to (10, 5)
  },
  {
    torch: "x(2, 12, 10, 8) @ x(2, 12, 8, 10)",
    config: op({ name: "matmul", fn: "matmul" }),
    inputs: [
      [2, 12, 10, 8],
      [2, 12, 8, 10],
    ],
    outs: [[2, 12, 10, 10]],
  },
  {
    torch: "torch.bmm(x(4, 3, 5), x(4, 5, 6))",
    config: op({ name: "matmul", fn: "bmm" }),
    inputs: [
      [4, 3, 5],
      [4, 5, 6],
    ],
    outs: [[4, 3, 6]],
  },
  {
    torch: "torch.mm(x(2, 3), x(3, 4))",
    config: op({ name: "matmul", fn: "mm" }),
    inputs: [
      [2, 3],
      [3, 4],
    ],
    outs: [[2, 4]],
  },
  {
    torch: "x(2, 7, 32) @ x(64, 32)",
    config: op({ name: "matmul", fn: "matmul" }),
    inputs: [
      [2, 7, 32],
      [64, 32],
    ],
    issue: "torch_error",
    message: "mat1 and mat2 shapes cannot be multiplied (14x32 and 64x32)", // rows 2·7
  },
  {
    torch: "x(3) @ x(4, 5)",
    config: op({ name: "matmul", fn: "matmul" }),
    inputs: [[3], [4, 5]],
    issue: "torch_error",
    message: "mat1 and mat2 shapes cannot be multiplied (1x3 and 4x5)",
  },
  {
    torch: "x(3) @ x(4)",
    config: op({ name: "matmul", fn: "matmul" }),
    inputs: [[3], [4]],
    issue: "torch_error",
    message:
      "inconsistent tensor size, expected tensor [3] and src [4] to have the same number of elements, but got 3 and 4 elements respectively",
  },
  {
    torch: "x(2, 12, 10, 8) @ x(2, 12, 12, 10)",
    config: op({ name: "matmul", fn: "matmul" }),
    inputs: [
      [2, 12, 10, 8],
      [2, 12, 12, 10],
    ],
    issue: "torch_error",
    message: "Expected size for first two dimensions of batch2 tensor to be: [24, 8] but got: [24, 12].",
  },
  {
    torch: "x(2, 3, 4) @ x(5, 4, 6)",
    config: op({ name: "matmul", fn: "matmul" }),
    inputs: [
      [2, 3, 4],
      [5, 4, 6],
    ],
    issue: "torch_error",
    message: "The size of tensor a (2) must match the size of tensor b (5) at non-singleton dimension 0",
  },
  {
    torch: "torch.mm(x(2, 3), x(4, 5))",
    config: op({ name: "matmul", fn: "mm" }),
    inputs: [
      [2, 3],
      [4, 5],
    ],
    issue: "torch_error",
    message: "mat1 and mat2 shapes cannot be multiplied (2x3 and 4x5)",
  },
  {
    torch: "torch.bmm(x(4, 3, 5), x(4, 6, 6))",
    config: op({ name: "matmul", fn: "bmm" }),
    inputs: [
      [4, 3, 5],
      [4, 6, 6],
    ],
    issue: "torch_error",
    message: "Expected size for first two dimensions of batch2 tensor to be: [4, 5] but got: [4, 6].",
  },
  {
    torch: "torch.mm(x(2, 3, 4), x(4, 5))",
    config: op({ name: "matmul", fn: "mm" }),
    inputs: [
      [2, 3, 4],
      [4, 5],
    ],
    issue: "torch_error",
    message: "self must be a matrix",
  },
  {
    torch: "torch.bmm(x(2, 3, 4), x(4, 5))",
    config: op({ name: "matmul", fn: "bmm" }),
    inputs: [
      [2, 3, 4],
      [4, 5],
    ],
    issue: "torch_error",
    message: "batch2 must be a 3D tensor",
  },
  {
    torch: "torch.bmm(x(1, 3, 5), x(4, 5, 6))",
    config: op({ name: "matmul", fn: "bmm" }),
    inputs: [
      [1, 3, 5],
      [4, 5, 6],
    ],
    issue: "torch_error",
    message: "Expected size for first two dimensions of batch2 tensor to be: [1, 5] but got: [4, 5].", // bmm does not broadcast
  },
  {
    torch: "torch.bmm(x(4, 3, 5), x(3, 5, 6))",
    config: op({ name: "matmul", fn: "bmm" }),
    inputs: [
      [4, 3, 5],
      [3, 5, 6],
    ],
    issue: "torch_error",
    message: "Expected size for first two dimensions of batch2 tensor to be: [4, 5] but got: [3, 5].",
  },
  {
    torch: "x(3, 4) @ x(5)",
    config: op({ name: "matmul", fn: "matmul" }),
    inputs: [[3, 4], [5]],
    issue: "torch_error",
    message: "size mismatch, got 3, 3x4,5",
    other: "size mismatch, got input (3), mat (3x4), vec (5)",
  },
  {
    torch: "x(2, 3, 4) @ x(5)",
    config: op({ name: "matmul", fn: "matmul" }),
    inputs: [[2, 3, 4], [5]],
    issue: "torch_error",
    message: "size mismatch, got 6, 6x4,5", // rows folded: 2·3
    other: "size mismatch, got input (6), mat (6x4), vec (5)",
  },
  {
    torch: "x(3, 4) @ x(2, 5, 6)",
    config: op({ name: "matmul", fn: "matmul" }),
    inputs: [
      [3, 4],
      [2, 5, 6],
    ],
    issue: "torch_error",
    message: "mat1 and mat2 shapes cannot be multiplied (12x5 and 4x3)", // folded: (2·6)×5 against the transposed (4×3)
  },
  {
    torch: "x(3, 4) @ x(2, 3, 5, 6)",
    config: op({ name: "matmul", fn: "matmul" }),
    inputs: [
      [3, 4],
      [2, 3, 5, 6],
    ],
    issue: "torch_error",
    message: "mat1 and mat2 shapes cannot be multiplied (36x5 and 4x3)", // 2·3·6 = 36 rows
  },
  {
    torch: "x(4) @ x(2, 5, 6)",
    config: op({ name: "matmul", fn: "matmul" }),
    inputs: [[4], [2, 5, 6]],
    issue: "torch_error",
    message: "size mismatch, got 12, 12x5,4",
    other: "size mismatch, got input (12), mat (12x5), vec (4)",
  },
  {
    torch: "x(4) @ x(2, 4, 6)",
    config: op({ name: "matmul", fn: "matmul" }),
    inputs: [[4], [2, 4, 6]],
    outs: [[2, 6]],
  },

  // ── cat / stack ──────────────────────────────────────────────────────────────────────────────────
  {
    torch: "torch.cat([x(4, 32, 8, 8), x(4, 16, 8, 8)], dim=1)",
    config: op({ name: "cat", fn: "cat", dim: 1 }),
    inputs: [
      [4, 32, 8, 8],
      [4, 16, 8, 8],
    ],
    outs: [[4, 48, 8, 8]],
  },
  {
    torch: "torch.cat([x(2, 3), x(2, 5), x(2, 1)], dim=-1)",
    config: op({ name: "cat", fn: "cat", dim: -1 }),
    inputs: [
      [2, 3],
      [2, 5],
      [2, 1],
    ],
    outs: [[2, 9]],
  },
  {
    torch: "torch.cat([x(4, 8, 32), x(4, 8, 16)], dim=1)",
    config: op({ name: "cat", fn: "cat", dim: 1 }),
    inputs: [
      [4, 8, 32],
      [4, 8, 16],
    ],
    issue: "torch_error",
    message:
      "Sizes of tensors must match except in dimension 1. Expected size 32 but got size 16 for tensor number 1 in the list.",
  },
  {
    torch: "torch.cat([x(2, 3, 4), x(2, 5, 5)], -2)",
    config: op({ name: "cat", fn: "cat", dim: -2 }),
    inputs: [
      [2, 3, 4],
      [2, 5, 5],
    ],
    issue: "torch_error",
    message:
      "Sizes of tensors must match except in dimension 1. Expected size 4 but got size 5 for tensor number 1 in the list.", // −2 wraps to 1
  },
  {
    torch: "torch.cat([x(2, 3, 4), x(2, 3)], dim=1)",
    config: op({ name: "cat", fn: "cat", dim: 1 }),
    inputs: [
      [2, 3, 4],
      [2, 3],
    ],
    issue: "torch_error",
    message: "Tensors must have same number of dimensions: got 3 and 2",
  },
  {
    torch: "torch.stack([x(4, 16), x(4, 16)])",
    config: op({ name: "cat", fn: "stack", dim: 0 }),
    inputs: [
      [4, 16],
      [4, 16],
    ],
    outs: [[2, 4, 16]],
  },
  {
    torch: "torch.stack([x(4, 16), x(4, 16), x(4, 16)], dim=-1)",
    config: op({ name: "cat", fn: "stack", dim: -1 }),
    inputs: [
      [4, 16],
      [4, 16],
      [4, 16],
    ],
    outs: [[4, 16, 3]], // −1 wraps over rank + 1
  },
  {
    torch: "torch.stack([x(4, 16), x(4, 32)])",
    config: op({ name: "cat", fn: "stack", dim: 0 }),
    inputs: [
      [4, 16],
      [4, 32],
    ],
    issue: "torch_error",
    message: "stack expects each tensor to be equal size, but got [4, 16] at entry 0 and [4, 32] at entry 1",
  },
  {
    torch: "torch.stack([x(2, 3), x(2, 3), x(3, 3)])",
    config: op({ name: "cat", fn: "stack", dim: 0 }),
    inputs: [
      [2, 3],
      [2, 3],
      [3, 3],
    ],
    issue: "torch_error",
    message: "stack expects each tensor to be equal size, but got [2, 3] at entry 0 and [3, 3] at entry 2",
  },
  {
    torch: "torch.stack([x(2, 3), x(2, 3)], dim=3)",
    config: op({ name: "cat", fn: "stack", dim: 3 }),
    inputs: [
      [2, 3],
      [2, 3],
    ],
    issue: "torch_error",
    message: "Dimension out of range (expected to be in range of [-3, 2], but got 3)",
  },

  // ── F.pad: (before, after) pairs from the last axis backwards ───────────────────────────────────
  {
    torch: "F.pad(x(1, 3, 4, 4), (1, 2))",
    config: op({ name: "pad", pads: [1, 2], mode: "constant" }),
    inputs: [[1, 3, 4, 4]],
    outs: [[1, 3, 4, 7]], // last axis 4 + 1 + 2
  },
  {
    torch: "F.pad(x(1, 3, 4, 4), (1, 1, 2, 0))",
    config: op({ name: "pad", pads: [1, 1, 2, 0], mode: "constant" }),
    inputs: [[1, 3, 4, 4]],
    outs: [[1, 3, 6, 6]], // W 4+1+1, H 4+2+0
  },
  {
    torch: "F.pad(x(1, 3, 4, 4), (1, 1, 1, 1, 1, 1))",
    config: op({ name: "pad", pads: [1, 1, 1, 1, 1, 1], mode: "constant" }),
    inputs: [[1, 3, 4, 4]],
    outs: [[1, 5, 6, 6]],
  },
  {
    torch: "F.pad(x(1, 3, 4, 4), (-1, -1))",
    config: op({ name: "pad", pads: [-1, -1], mode: "constant" }),
    inputs: [[1, 3, 4, 4]],
    outs: [[1, 3, 4, 2]], // negative pads crop
  },
  {
    torch: "F.pad(x(1, 1, 4, 4), (3, 3, 1, 1), mode='reflect')",
    config: op({ name: "pad", pads: [3, 3, 1, 1], mode: "reflect" }),
    inputs: [[1, 1, 4, 4]],
    outs: [[1, 1, 6, 10]], // reflect needs each pad < 4: W 4+3+3, H 4+1+1
  },
  {
    torch: "nn.ReflectionPad1d(2)(x(3, 5))",
    config: op({ name: "pad", pads: [2, 2], mode: "reflect" }),
    inputs: [[3, 5]],
    outs: [[3, 9]], // unbatched (C, L)
  },
  {
    torch: "F.pad(x(1, 2, 4), (4, 1), mode='reflect')",
    config: op({ name: "pad", pads: [4, 1], mode: "reflect" }),
    inputs: [[1, 2, 4]],
    issue: "torch_error",
    message:
      "Argument #4: Padding size should be less than the corresponding input dimension, but got: padding (4, 1) at dimension 2 of input [1, 2, 4]",
  },
  {
    torch: "F.pad(x(1, 3, 4, 4), (1, 2, 3))",
    config: op({ name: "pad", pads: [1, 2, 3], mode: "constant" }),
    inputs: [[1, 3, 4, 4]],
    issue: "torch_error",
    message: "Padding length must be divisible by 2",
  },
  {
    torch: "F.pad(x(1, 1, 4, 4), (3, 3), mode='reflect')",
    config: op({ name: "pad", pads: [3, 3], mode: "reflect" }),
    inputs: [[1, 1, 4, 4]],
    issue: "torch_error",
    message: "Only 2D, 3D, 4D, 5D padding with non-constant padding are supported for now", // one pair only on a 2-D or 3-D input
  },
  {
    torch: "F.pad(x(1, 1, 4, 4), (1, 1), mode='replicate')",
    config: op({ name: "pad", pads: [1, 1], mode: "replicate" }),
    inputs: [[1, 1, 4, 4]],
    issue: "torch_error",
    message: "Only 2D, 3D, 4D, 5D padding with non-constant padding are supported for now",
  },
  {
    torch: "F.pad(x(4, 4), (1, 1, 1, 1), mode='reflect')",
    config: op({ name: "pad", pads: [1, 1, 1, 1], mode: "reflect" }),
    inputs: [[4, 4]],
    issue: "torch_error",
    message: "Only 2D, 3D, 4D, 5D padding with non-constant padding are supported for now", // two pairs need a 3-D or 4-D input
  },
  {
    torch: "F.pad(x(4), (1, 1), mode='circular')",
    config: op({ name: "pad", pads: [1, 1], mode: "circular" }),
    inputs: [[4]],
    issue: "torch_error",
    message: "Only 2D, 3D, 4D, 5D padding with non-constant padding are supported for now",
  },
  {
    torch: "F.pad(x(2, 4, 4), (1, 1, 1, 1), mode='reflect')",
    config: op({ name: "pad", pads: [1, 1, 1, 1], mode: "reflect" }),
    inputs: [[2, 4, 4]],
    outs: [[2, 6, 6]],
  },
  {
    torch: "F.pad(x(1, 1, 4, 4), (5, 5, 0, 0), mode='replicate')",
    config: op({ name: "pad", pads: [5, 5, 0, 0], mode: "replicate" }),
    inputs: [[1, 1, 4, 4]],
    outs: [[1, 1, 4, 14]], // replicate has no size limit
  },
  {
    torch: "F.pad(x(1, 1, 4, 4), (5, 5, 0, 0), mode='reflect')",
    config: op({ name: "pad", pads: [5, 5, 0, 0], mode: "reflect" }),
    inputs: [[1, 1, 4, 4]],
    issue: "torch_error",
    message:
      "Argument #4: Padding size should be less than the corresponding input dimension, but got: padding (5, 5) at dimension 3 of input 4", // 2-D reflect names the input by its rank
  },
  {
    torch: "F.pad(x(1, 1, 4, 8), (1, 1, 5, 5), mode='reflect')",
    config: op({ name: "pad", pads: [1, 1, 5, 5], mode: "reflect" }),
    inputs: [[1, 1, 4, 8]],
    issue: "torch_error",
    message:
      "Argument #6: Padding size should be less than the corresponding input dimension, but got: padding (5, 5) at dimension 2 of input 4", // height: argument #6
  },
  {
    torch: "F.pad(x(2, 4, 8), (1, 1, 4, 1), mode='reflect')",
    config: op({ name: "pad", pads: [1, 1, 4, 1], mode: "reflect" }),
    inputs: [[2, 4, 8]],
    issue: "torch_error",
    message:
      "Argument #6: Padding size should be less than the corresponding input dimension, but got: padding (4, 1) at dimension 1 of input 3",
  },
  {
    torch: "F.pad(x(1, 4), (4, 1), mode='reflect')",
    config: op({ name: "pad", pads: [4, 1], mode: "reflect" }),
    inputs: [[1, 4]],
    issue: "torch_error",
    message:
      "Argument #4: Padding size should be less than the corresponding input dimension, but got: padding (4, 1) at dimension 1 of input [1, 4]",
  },
  {
    torch: "F.pad(x(1, 1, 3, 4, 5), (1, 1, 1, 1, 3, 1), mode='reflect')",
    config: op({ name: "pad", pads: [1, 1, 1, 1, 3, 1], mode: "reflect" }),
    inputs: [[1, 1, 3, 4, 5]],
    issue: "torch_error",
    message:
      "Argument #8: Padding size should be less than the corresponding input dimension, but got: padding (3, 1) at dimension 2 of input [1, 1, 3, 4, 5]", // depth: argument #8; 3-D names the sizes
  },
  {
    torch: "F.pad(x(2, 1, 4), (4, 4), mode='circular')",
    config: op({ name: "pad", pads: [4, 4], mode: "circular" }),
    inputs: [[2, 1, 4]],
    outs: [[2, 1, 12]], // wrapping once is fine
  },
  {
    torch: "F.pad(x(2, 1, 4), (5, 4), mode='circular')",
    config: op({ name: "pad", pads: [5, 4], mode: "circular" }),
    inputs: [[2, 1, 4]],
    issue: "torch_error",
    message: "Padding value causes wrapping around more than once.",
  },

  // ── F.interpolate / nn.Upsample: size, or ⌊in · scale⌋ ─────────────────────────────────────────
  {
    torch: "F.interpolate(x(1, 3, 8, 8), scale_factor=2)",
    config: op({ name: "resize", fn: "interpolate", size: null, scale: [2] }),
    inputs: [[1, 3, 8, 8]],
    outs: [[1, 3, 16, 16]],
  },
  {
    torch: "F.interpolate(x(1, 3, 8, 8), size=(5, 7))",
    config: op({ name: "resize", fn: "interpolate", size: [5, 7], scale: null }),
    inputs: [[1, 3, 8, 8]],
    outs: [[1, 3, 5, 7]],
  },
  {
    torch: "F.interpolate(x(1, 3, 7, 7), scale_factor=1.5)",
    config: op({ name: "resize", fn: "interpolate", size: null, scale: [1.5] }),
    inputs: [[1, 3, 7, 7]],
    outs: [[1, 3, 10, 10]], // ⌊10.5⌋
  },
  {
    torch: "F.interpolate(x(1, 3, 7, 9), scale_factor=(2, 0.5))",
    config: op({ name: "resize", fn: "interpolate", size: null, scale: [2, 0.5] }),
    inputs: [[1, 3, 7, 9]],
    outs: [[1, 3, 14, 4]], // ⌊4.5⌋
  },
  {
    torch: "nn.Upsample(size=4)(x(1, 3, 10))",
    config: op({ name: "resize", fn: "Upsample", size: [4], scale: null }),
    inputs: [[1, 3, 10]],
    outs: [[1, 3, 4]],
  },
  {
    torch: "F.interpolate(x(1, 3, 10), scale_factor=2.5)",
    config: op({ name: "resize", fn: "interpolate", size: null, scale: [2.5] }),
    inputs: [[1, 3, 10]],
    outs: [[1, 3, 25]],
  },
  {
    torch: "F.interpolate(x(1, 2, 8, 8), size=[4, 4, 4])",
    config: op({ name: "resize", fn: "interpolate", size: [4, 4, 4], scale: null }),
    inputs: [[1, 2, 8, 8]],
    issue: "torch_error",
    message:
      "Input and output must have the same number of spatial dimensions, but got input with spatial dimensions of [8, 8] and output size of [4, 4, 4]. Please provide input tensor in (N, C, d1, d2, ...,dK) format and output size in (o1, o2, ...,oK) format.",
  },
  {
    torch: "F.interpolate(x(4, 5), scale_factor=2)",
    config: op({ name: "resize", fn: "interpolate", size: null, scale: [2] }),
    inputs: [[4, 5]],
    issue: "torch_error",
    message:
      "Input Error: Only 3D, 4D and 5D input Tensors supported (got 2D) for the modes: nearest | linear | bilinear | bicubic | trilinear | area | nearest-exact (got nearest)",
  },
  {
    torch: "nn.Upsample(size=4)(x(5))",
    config: op({ name: "resize", fn: "Upsample", size: [4], scale: null }),
    inputs: [[5]],
    issue: "torch_error",
    message:
      "Input Error: Only 3D, 4D and 5D input Tensors supported (got 1D) for the modes: nearest | linear | bilinear | bicubic | trilinear | area | nearest-exact (got nearest)",
  },
  {
    torch: "F.interpolate(x(4, 5), size=[3, 4])",
    config: op({ name: "resize", fn: "interpolate", size: [3, 4], scale: null }),
    inputs: [[4, 5]],
    issue: "torch_error",
    message:
      "Input and output must have the same number of spatial dimensions, but got input with spatial dimensions of [] and output size of [3, 4]. Please provide input tensor in (N, C, d1, d2, ...,dK) format and output size in (o1, o2, ...,oK) format.", // the size's length is checked first
  },

  // ── PixelShuffle / PixelUnshuffle ────────────────────────────────────────────────────────────────
  {
    torch: "nn.PixelShuffle(3)(x(1, 18, 4, 4))",
    config: op({ name: "pixel_shuffle", factor: 3, inverse: false }),
    inputs: [[1, 18, 4, 4]],
    outs: [[1, 2, 12, 12]], // 18/9, 4·3
  },
  {
    torch: "nn.PixelUnshuffle(2)(x(1, 3, 8, 8))",
    config: op({ name: "pixel_shuffle", factor: 2, inverse: true }),
    inputs: [[1, 3, 8, 8]],
    outs: [[1, 12, 4, 4]], // 3·4, 8/2
  },
  {
    torch: "F.pixel_shuffle(x(2, 1, 8, 3, 3), 2)",
    config: op({ name: "pixel_shuffle", factor: 2, inverse: false }),
    inputs: [[2, 1, 8, 3, 3]],
    outs: [[2, 1, 2, 6, 6]], // extra leading axes are kept
  },
  {
    torch: "F.pixel_shuffle(x(1, 12, 4, 4), 3)",
    config: op({ name: "pixel_shuffle", factor: 3, inverse: false }),
    inputs: [[1, 12, 4, 4]],
    issue: "torch_error",
    message:
      "pixel_shuffle expects its input's 'channel' dimension to be divisible by the square of upscale_factor, but input.size(-3)=12 is not divisible by 9",
  },
  {
    torch: "F.pixel_unshuffle(x(1, 3, 5, 4), 2)",
    config: op({ name: "pixel_shuffle", factor: 2, inverse: true }),
    inputs: [[1, 3, 5, 4]],
    issue: "torch_error",
    message:
      "pixel_unshuffle expects height to be divisible by downscale_factor, but input.size(-2)=5 is not divisible by 2",
  },

  // ── expand / repeat ──────────────────────────────────────────────────────────────────────────────
  {
    torch: "x(1, 3, 5).expand(4, -1, -1)",
    config: op({ name: "expand", sizes: [4, -1, -1] }),
    inputs: [[1, 3, 5]],
    outs: [[4, 3, 5]], // −1 keeps the size
  },
  {
    torch: "x(3, 1).expand(2, 3, 5)",
    config: op({ name: "expand", sizes: [2, 3, 5] }),
    inputs: [[3, 1]],
    outs: [[2, 3, 5]], // a new leading axis, and 1 → 5
  },
  {
    torch: "cls_token(1, 1, 768).expand(B, -1, -1)",
    config: op({ name: "expand", sizes: ["B", -1, -1] }),
    inputs: [[1, 1, 768]],
    outs: [["B", 1, 768]],
  },
  {
    torch: "x(2, 3).expand(2, 5)",
    config: op({ name: "expand", sizes: [2, 5] }),
    inputs: [[2, 3]],
    issue: "torch_error",
    message:
      "The expanded size of the tensor (5) must match the existing size (3) at non-singleton dimension 1.  Target sizes: [2, 5].  Tensor sizes: [2, 3]",
  },
  {
    torch: "x(2, 3).expand(-1, 2, 3)",
    config: op({ name: "expand", sizes: [-1, 2, 3] }),
    inputs: [[2, 3]],
    issue: "torch_error",
    message: "The expanded size of the tensor (-1) isn't allowed in a leading, non-existing dimension 0",
  },
  {
    torch: "x(4, 5, 6).repeat(2, 1, 3)",
    config: op({ name: "repeat", times: [2, 1, 3] }),
    inputs: [[4, 5, 6]],
    outs: [[8, 5, 18]],
  },
  {
    torch: "x(3, 4).repeat(2, 1, 1)",
    config: op({ name: "repeat", times: [2, 1, 1] }),
    inputs: [[3, 4]],
    outs: [[2, 3, 4]], // the extra count adds a leading axis
  },
  {
    torch: "x(2, 3).repeat(2)",
    config: op({ name: "repeat", times: [2] }),
    inputs: [[2, 3]],
    issue: "torch_error",
    message: "Number of dimensions of repeat dims can not be smaller than number of dimensions of tensor",
  },

  // ── MaxUnpool: (in − 1)·s − 2p + k, or the output_size given ─────────────────────────────────────
  {
    torch: "nn.MaxUnpool2d(2, stride=2)(*nn.MaxPool2d(2, return_indices=True)(x(1, 16, 10, 10)))",
    config: op({ name: "unpool", kernel: [2, 2], strides: [2, 2], padding: [0, 0], outputSize: null }),
    inputs: [[1, 16, 5, 5]],
    outs: [[1, 16, 10, 10]], // 4·2 + 2
  },
  {
    torch:
      "nn.MaxUnpool2d(3, stride=2, padding=1)(*nn.MaxPool2d(3, stride=2, padding=1, return_indices=True)(x(1, 1, 7, 7)))",
    config: op({ name: "unpool", kernel: [3, 3], strides: [2, 2], padding: [1, 1], outputSize: null }),
    inputs: [[1, 1, 4, 4]],
    outs: [[1, 1, 7, 7]], // 3·2 − 2 + 3
  },
  {
    torch: "nn.MaxUnpool1d(2)(*nn.MaxPool1d(2, return_indices=True)(x(1, 16, 11)), output_size=(1, 16, 11))",
    config: op({ name: "unpool", kernel: [2], strides: [2], padding: [0], outputSize: [1, 16, 11] }),
    inputs: [[1, 16, 5]],
    outs: [[1, 16, 11]], // output_size given: its last axis
  },
];

export const torchRows: TorchRow[] = [
  ...convRows,
  ...poolRows,
  ...denseNormRows,
  ...rnnRows,
  ...tensorOpRows,
];
