import type { LayerConfig } from "../../model/layer-config.js";
import { type Shape, torchList } from "../../model/shape.js";
import { torchFail } from "../../shape/layers/torch/torch-dims.js";
import { inferLayer } from "../../shape/registry.js";
import type { RuleResult } from "../../shape/rule.js";
import type { CallArgs, Value } from "../values.js";
import type { TensorHost } from "./torch-session.js";

// What PyTorch checks at a module call that the shape rules alone cannot: the input's dtype and
// values (Embedding), training mode (BatchNorm), a batch-less input (Conv2d on (C, H, W)), the
// hidden state passed to an RNN, and the call's own keyword arguments (MultiheadAttention).

type TensorOf = (v: Value | undefined) => TensorHost | null;

export function leafPrecheck(
  c: LayerConfig,
  input: TensorHost,
  args: CallArgs,
  evalMode: boolean,
  tensorOf: TensorOf,
): RuleResult | undefined {
  const shape = input.tensor.shape;
  if (!shape) return undefined;
  switch (c.kind) {
    case "embedding":
      if (input.dtype !== "long")
        return torchFail(
          "Embedding",
          "Expected tensor for argument #1 'indices' to have one of the following scalar types: Long, Int; but got torch.FloatTensor instead (while checking arguments for embedding)",
        );
      if (input.maxValue !== null && input.maxValue >= c.inputDim)
        return torchFail("Embedding", "index out of range in self");
      return undefined;
    case "batch_norm": {
      if (evalMode || shape.length < 2) return undefined;
      const perChannel = shape.filter((_, i) => i !== 1);
      if (perChannel.every((d) => d === 1))
        return torchFail(
          c.torchRanks?.className ?? "BatchNorm",
          `Expected more than 1 value per channel when training, got input size torch.Size(${torchList(shape)})`,
        );
      return undefined;
    }
    case "conv":
    case "conv_transpose":
    case "pool":
      return batchless(c, shape);
    case "torch_rnn":
      return c.step
        ? undefined
        : hiddenCheck(c, shape, args.positional[1] ?? args.keywords.get("hx"), tensorOf);
    case "attention": {
      const average = args.keywords.get("average_attn_weights");
      if (average?.t !== "bool" || average.v) return undefined;
      const key = tensorOf(args.positional[1] ?? args.keywords.get("key"))?.tensor.shape ?? shape;
      const value = tensorOf(args.positional[2] ?? args.keywords.get("value"))?.tensor.shape ?? key;
      const r = inferLayer(c, [shape, key, value], "pytorch");
      if (!r.ok) return r;
      const weights = r.record.outputs[1] ?? [];
      const perHead: Shape = [...weights.slice(0, -2), c.numHeads, ...weights.slice(-2)];
      return { ok: true, record: { ...r.record, outputs: [r.record.outputs[0] ?? shape, perHead] } };
    }
    default:
      return undefined;
  }
}

/** Conv2d and MaxPool2d also take one sample without the batch axis, (C, H, W); other ranks fail. */
function batchless(
  c: Extract<LayerConfig, { kind: "conv" | "conv_transpose" | "pool" }>,
  shape: Shape,
): RuleResult | undefined {
  if (shape.length === c.rank + 2) return undefined;
  if (shape.length !== c.rank + 1) {
    const name =
      c.kind === "pool"
        ? `${c.op}_pool${c.rank}d`
        : c.kind === "conv"
          ? `conv${c.rank}d`
          : `conv_transpose${c.rank}d`;
    return torchFail(
      name,
      c.kind === "pool"
        ? `${name}: Expected ${c.rank + 1}D or ${c.rank + 2}D (batch mode) tensor for input, but got: ${torchList(shape)}`
        : `Expected ${c.rank + 1}D (unbatched) or ${c.rank + 2}D (batched) input to ${name}, but got input of size: ${torchList(shape)}`,
    );
  }
  const r = inferLayer(c, [[1, ...shape]], "pytorch");
  if (!r.ok) return r;
  return { ok: true, record: { ...r.record, outputs: r.record.outputs.map((s) => s.slice(1)) } };
}

function hiddenCheck(
  c: Extract<LayerConfig, { kind: "torch_rnn" }>,
  shape: Shape,
  hx: Value | undefined,
  tensorOf: TensorOf,
): RuleResult | undefined {
  if (!hx || hx.t === "none" || shape.length !== 3) return undefined;
  const batch = c.batchFirst ? shape[0] : shape[1];
  const dirs = (c.bidirectional ? 2 : 1) * c.numLayers;
  const hOut = c.projSize > 0 ? c.projSize : c.hiddenSize;
  const states = hx.t === "tuple" || hx.t === "list" ? hx.items : [hx];
  const expected = [
    [dirs, batch, hOut],
    [dirs, batch, c.hiddenSize],
  ];
  for (let i = 0; i < Math.min(states.length, c.cell === "lstm" ? 2 : 1); i++) {
    const got = tensorOf(states[i])?.tensor.shape;
    const want = expected[i] as Shape;
    if (
      !got ||
      (got.every((d, k) => typeof d !== "number" || typeof want[k] !== "number" || d === want[k]) &&
        got.length === 3)
    )
      continue;
    const label = c.cell === "lstm" ? `hidden[${i}]` : "hidden";
    return torchFail(
      c.cell === "lstm" ? "LSTM" : c.cell === "gru" ? "GRU" : "RNN",
      `Expected ${label} size (${want.join(", ")}), got ${torchList(got)}`,
    );
  }
  return undefined;
}
