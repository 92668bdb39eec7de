"""Generate shape fixtures with real Keras 3 for the cases where tfjs differs from Keras 3.

Writes test/fixtures/keras/keras3-divergent.json, read by test/shape/keras-fixtures.test.ts.
Needs `pip install keras jax` (any Keras 3 backend works; jax is the lightest). Run:

    KERAS_BACKEND=jax python3 scripts/gen-keras-fixtures.py

Each row: layer class, constructor kwargs, input shape(s) with the batch as null, and either
the output shape(s) with trainable / non-trainable parameter counts, or the error Keras raised.
"""

import json
import os
import random
import re
import sys

os.environ.setdefault("KERAS_BACKEND", "jax")
import keras  # noqa: E402
from keras import layers  # noqa: E402

SEED = 20261126
OUT = os.path.join(os.path.dirname(__file__), "..", "test", "fixtures", "keras", "keras3-divergent.json")


def count(weights):
    return int(sum(int(w.numpy().size) if hasattr(w, "numpy") else int(w.value.size) for w in weights))


def row(cls, kwargs, inputs, note):
    multi = isinstance(inputs[0], list)
    shapes = inputs if multi else [inputs]
    entry = {"layer": cls, "kwargs": kwargs, "input": inputs, "note": note}
    try:
        layer = getattr(layers, cls)(**kwargs)
        tensors = [keras.Input(tuple(s[1:])) for s in shapes]
        out = layer(tensors if multi else tensors[0])
        outs = out if isinstance(out, (list, tuple)) else [out]
        entry["output"] = [list(o.shape) for o in outs]
        entry["trainable"] = count(layer.trainable_weights)
        entry["nonTrainable"] = count(layer.non_trainable_weights)
        entry["error"] = None
    except Exception as e:  # the error is the fixture
        entry["output"] = None
        msg = str(e)
        if "Exception encountered" in msg:
            # "Exception encountered when calling X.call().\n\n<message>\n\nArguments received…"
            parts = msg.split("\n\n")
            msg = parts[1] if len(parts) > 1 else msg
        entry["error"] = re.sub(r"\x1b\[[0-9;]*m", "", msg).strip()
    return entry


def main():
    rnd = random.Random(SEED)
    rows = []
    # Conv1D 'causal': tfjs' convOutputLength treats it as 'valid'; Keras 3: ⌊(in−1)/s⌋+1.
    for _ in range(40):
        k, d, s = rnd.randint(1, 5), rnd.randint(1, 3), rnd.randint(1, 3)
        if s > 1 and d > 1:
            d = 1
        rows.append(row("Conv1D", {"filters": rnd.randint(1, 6), "kernel_size": k, "strides": s,
                                   "dilation_rate": d, "padding": "causal"},
                        [None, rnd.randint(1, 12), rnd.randint(1, 4)], "causal"))
    # strides > 1 with dilation > 1: Keras 3 raises, tfjs builds it.
    for cls in ("Conv1D", "Conv2D", "Conv2DTranspose"):
        rank = 1 if cls == "Conv1D" else 2
        rows.append(row(cls, {"filters": 2, "kernel_size": 3, "strides": 2, "dilation_rate": 2},
                        [None] + [9] * rank + [1], "strides_with_dilation"))
    # GRU reset_after (Keras 3 default True; tfjs cannot), LSTM, SimpleRNN, Bidirectional.
    for _ in range(30):
        cell = rnd.choice(["GRU", "LSTM", "SimpleRNN"])
        kw = {"units": rnd.randint(1, 16), "return_sequences": rnd.random() < 0.5,
              "use_bias": rnd.random() < 0.8}
        if cell == "GRU":
            kw["reset_after"] = rnd.random() < 0.6
        rows.append(row(cell, kw, [None, rnd.randint(1, 6), rnd.randint(1, 16)], "recurrent"))
    rows.append(row("GRU", {"units": 8, "return_state": True}, [None, 5, 4], "gru_state"))
    rows.append(row("LSTM", {"units": 8, "return_state": True, "return_sequences": True}, [None, 5, 4], "lstm_state"))
    # Conv2DTranspose with output_padding and 'same'/'valid' (Keras backend_utils formula).
    for _ in range(30):
        s = rnd.randint(1, 3)
        kw = {"filters": rnd.randint(1, 4), "kernel_size": rnd.randint(1, 4), "strides": s,
              "padding": rnd.choice(["valid", "same"])}
        if rnd.random() < 0.7:
            kw["output_padding"] = rnd.randint(0, s - 1)
        rows.append(row("Conv2DTranspose", kw, [None, rnd.randint(1, 8), rnd.randint(1, 8), rnd.randint(1, 3)],
                        "conv_transpose"))
    rows.append(row("Conv2DTranspose", {"filters": 2, "kernel_size": 3, "strides": 2, "output_padding": 2},
                    [None, 4, 4, 1], "output_padding_too_large"))
    # Flatten on (None, n): tfjs wants min_ndim=3.
    rows.append(row("Flatten", {}, [None, 5], "flatten_rank2"))
    # Reshape with -1, valid and not.
    rows.append(row("Reshape", {"target_shape": [-1, 4]}, [None, 4, 5, 2], "reshape"))
    rows.append(row("Reshape", {"target_shape": [-1, 7]}, [None, 4, 5], "reshape_invalid"))
    rows.append(row("Reshape", {"target_shape": [3, 7]}, [None, 4, 5], "reshape_invalid"))
    # LayerNormalization over several axes (tfjs: last axis only in practice).
    rows.append(row("LayerNormalization", {"axis": [1, 2]}, [None, 5, 7, 3], "layer_norm"))
    rows.append(row("LayerNormalization", {"axis": -1, "center": False}, [None, 5, 7], "layer_norm"))
    # Embedding: Keras 3 drops input_length.
    rows.append(row("Embedding", {"input_dim": 100, "output_dim": 8}, [None, 10], "embedding"))
    # Subtract (missing in tfjs).
    rows.append(row("Subtract", {}, [[None, 4, 3], [None, 4, 3]], "subtract"))
    rows.append(row("Subtract", {}, [[None, 4], [None, 4], [None, 4]], "subtract_count"))
    # BatchNormalization: 4C with 2C non-trainable.
    rows.append(row("BatchNormalization", {}, [None, 8, 8, 16], "batch_norm"))
    rows.append(row("BatchNormalization", {"center": False}, [None, 6], "batch_norm"))
    # Non-positive sizes: Keras 3's own error text.
    rows.append(row("Conv2D", {"filters": 8, "kernel_size": 3}, [None, 2, 2, 3], "non_positive"))
    rows.append(row("MaxPooling2D", {"pool_size": 3}, [None, 2, 2, 3], "non_positive"))
    rows.append(row("LSTM", {"units": 8}, [None, 64], "ndim"))
    rows.append(row("Concatenate", {}, [[None, 4, 4, 8], [None, 5, 5, 8]], "concat_mismatch"))
    rows.append(row("Add", {}, [[None, 4, 4, 8], [None, 5, 5, 8]], "add_mismatch"))
    # DepthwiseConv1D / SeparableConv1D (not in tfjs).
    rows.append(row("DepthwiseConv1D", {"kernel_size": 3, "depth_multiplier": 2}, [None, 10, 4], "depthwise1d"))
    rows.append(row("SeparableConv1D", {"filters": 5, "kernel_size": 3, "padding": "same"}, [None, 10, 4], "separable1d"))

    os.makedirs(os.path.dirname(OUT), exist_ok=True)
    with open(OUT, "w") as f:
        json.dump({"keras": keras.__version__, "backend": keras.backend.backend(), "seed": SEED, "rows": rows}, f, indent=1)
        f.write("\n")
    print(f"wrote {len(rows)} rows with Keras {keras.__version__} to {OUT}", file=sys.stderr)


if __name__ == "__main__":
    main()
