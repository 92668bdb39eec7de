"""Check shapebot's Keras <-> PyTorch layer translations against both real frameworks.

Two steps, because Keras 3 (pip, with JAX) and PyTorch (Debian's python3-torch) live in different
Python installations here:

    KERAS_BACKEND=jax python3 scripts/gen-cross-framework-fixtures.py keras   # pip install keras jax
    /usr/bin/python3 scripts/gen-cross-framework-fixtures.py torch            # apt-get install python3-torch

Step 1 builds each Keras layer, runs it on a small seeded input and writes
test/fixtures/cross-framework/keras.json: the Keras weights (names, shapes, values), the
trainable / non-trainable counts, the input and the output. Step 2 reads that file, builds the
PyTorch translation written in CASES (the call shapebot should print, the F.pad it should
advise, or the trailing position to crop after a transposed conv), copies the Keras weights into it with the layout rule (conv kernel (k…, C_in, C_out) ->
weight (C_out, C_in, k…), Linear kernel transposed, LSTM/GRU gate blocks transposed and, for the
GRU, reordered z,r,h -> r,z,n), runs it on the same input (channels moved first) and writes
test/fixtures/cross-framework/torch.json: PyTorch's parameter and buffer shapes, parameters()
count, output shape and the largest difference from Keras' output. test/translate/ compares
shapebot's translations with both files (no Python needed in CI). Step 2 exits with status 1 if a
translation does not reproduce Keras' numbers.
"""

import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "..", "test", "fixtures", "cross-framework")
SEED = 20260801

# id, Keras class, kwargs, input shape (batch 1, channels last), the PyTorch translation:
# module class, positional args, kwargs, F.pad amounts (or None) and the pad value, what to do
# with the output (rnn: take out[:, -1]).
CASES = [
    ("conv2d_valid_seed", "Conv2D", {"filters": 24, "kernel_size": 8, "strides": 2}, [1, 20, 20, 3],
     {"cls": "Conv2d", "args": [3, 24], "kwargs": {"kernel_size": 8, "stride": 2}}),
    ("conv2d_same_s2_even", "Conv2D", {"filters": 4, "kernel_size": 3, "strides": 2, "padding": "same"},
     [1, 6, 6, 2], {"cls": "Conv2d", "args": [2, 4], "kwargs": {"kernel_size": 3, "stride": 2}, "pad": [0, 1, 0, 1]}),
    ("conv2d_same_s2_odd", "Conv2D", {"filters": 4, "kernel_size": 3, "strides": 2, "padding": "same"},
     [1, 7, 7, 2], {"cls": "Conv2d", "args": [2, 4], "kwargs": {"kernel_size": 3, "stride": 2, "padding": 1}}),
    ("conv2d_same_s2_k5_rect", "Conv2D", {"filters": 3, "kernel_size": 5, "strides": 2, "padding": "same"},
     [1, 8, 9, 2], {"cls": "Conv2d", "args": [2, 3], "kwargs": {"kernel_size": 5, "stride": 2}, "pad": [2, 2, 1, 2]}),
    ("conv2d_same_s1_even", "Conv2D", {"filters": 4, "kernel_size": 4, "padding": "same"}, [1, 6, 6, 2],
     {"cls": "Conv2d", "args": [2, 4], "kwargs": {"kernel_size": 4, "padding": "same"}}),
    ("conv1d_causal", "Conv1D", {"filters": 3, "kernel_size": 3, "padding": "causal", "dilation_rate": 2},
     [1, 10, 2], {"cls": "Conv1d", "args": [2, 3], "kwargs": {"kernel_size": 3, "dilation": 2}, "pad": [4, 0]}),
    ("conv3d_same_s2", "Conv3D", {"filters": 2, "kernel_size": 3, "strides": 2, "padding": "same"},
     [1, 6, 6, 6, 1], {"cls": "Conv3d", "args": [1, 2], "kwargs": {"kernel_size": 3, "stride": 2},
                       "pad": [0, 1, 0, 1, 0, 1]}),
    ("conv2dT_same_k3_s2", "Conv2DTranspose", {"filters": 3, "kernel_size": 3, "strides": 2, "padding": "same"},
     [1, 4, 4, 2], {"cls": "ConvTranspose2d", "args": [2, 3],
                    "kwargs": {"kernel_size": 3, "stride": 2}, "crop": 1}),
    ("conv2dT_same_k5_s2", "Conv2DTranspose", {"filters": 3, "kernel_size": 5, "strides": 2, "padding": "same"},
     [1, 4, 4, 2], {"cls": "ConvTranspose2d", "args": [2, 3], "kwargs": {"kernel_size": 5, "stride": 2, "padding": 1},
                    "crop": 1}),
    ("conv2dT_same_k1_s2", "Conv2DTranspose", {"filters": 3, "kernel_size": 1, "strides": 2, "padding": "same"},
     [1, 4, 4, 2], {"cls": "ConvTranspose2d", "args": [2, 3],
                    "kwargs": {"kernel_size": 1, "stride": 2, "output_padding": 1}}),
    ("conv2dT_same_k4_s2", "Conv2DTranspose", {"filters": 3, "kernel_size": 4, "strides": 2, "padding": "same"},
     [1, 4, 4, 2], {"cls": "ConvTranspose2d", "args": [2, 3], "kwargs": {"kernel_size": 4, "stride": 2, "padding": 1}}),
    ("conv2dT_valid_k3_s2", "Conv2DTranspose", {"filters": 3, "kernel_size": 3, "strides": 2}, [1, 4, 4, 2],
     {"cls": "ConvTranspose2d", "args": [2, 3], "kwargs": {"kernel_size": 3, "stride": 2}}),
    ("dense", "Dense", {"units": 5}, [1, 7], {"cls": "Linear", "args": [7, 5], "kwargs": {}}),
    ("maxpool_valid", "MaxPooling2D", {"pool_size": 2}, [1, 5, 5, 2],
     {"cls": "MaxPool2d", "args": [2], "kwargs": {}}),
    ("maxpool_same_s2", "MaxPooling2D", {"pool_size": 3, "strides": 2, "padding": "same"}, [1, 6, 6, 2],
     {"cls": "MaxPool2d", "args": [3], "kwargs": {"stride": 2}, "pad": [0, 1, 0, 1], "padValue": "-inf"}),
    ("avgpool_same_s2", "AveragePooling2D", {"pool_size": 3, "strides": 2, "padding": "same"}, [1, 6, 6, 2],
     {"cls": "AvgPool2d", "args": [3], "kwargs": {"stride": 2, "ceil_mode": True}}),
    ("avgpool_same_s2_k5", "AveragePooling2D", {"pool_size": 5, "strides": 2, "padding": "same"}, [1, 8, 8, 2],
     {"cls": "AvgPool2d", "args": [5],
      "kwargs": {"stride": 2, "padding": 1, "ceil_mode": True, "count_include_pad": False}}),
    ("batchnorm", "BatchNormalization", {}, [1, 4, 4, 3],
     {"cls": "BatchNorm2d", "args": [3], "kwargs": {"eps": 0.001, "momentum": 0.01}}),
    ("lstm", "LSTM", {"units": 8}, [1, 5, 3],
     {"cls": "LSTM", "args": [3, 8], "kwargs": {"batch_first": True}, "last": True}),
    ("gru", "GRU", {"units": 8}, [1, 5, 3], {"cls": "GRU", "args": [3, 8], "kwargs": {"batch_first": True}, "last": True}),
    ("gru_reset_before", "GRU", {"units": 8, "reset_after": False}, [1, 5, 3], None),
    ("simplernn", "SimpleRNN", {"units": 8}, [1, 5, 3],
     {"cls": "RNN", "args": [3, 8], "kwargs": {"batch_first": True}, "last": True}),
    ("embedding", "Embedding", {"input_dim": 100, "output_dim": 6}, [1, 4],
     {"cls": "Embedding", "args": [100, 6], "kwargs": {}}),
    ("flatten", "Flatten", {}, [1, 3, 3, 2], {"cls": "Flatten", "args": [], "kwargs": {}}),
    ("dropout", "Dropout", {"rate": 0.3}, [1, 4], {"cls": "Dropout", "args": [], "kwargs": {"p": 0.3}}),
]


def keras_step():
    os.environ.setdefault("KERAS_BACKEND", "jax")
    import keras
    import numpy as np

    rng = np.random.default_rng(SEED)
    rows = []
    for cid, cls, kwargs, shape, _torch in CASES:
        layer = getattr(keras.layers, cls)(**kwargs)
        if cls == "Embedding":
            x = rng.integers(0, kwargs["input_dim"], size=shape).astype("int32")
        else:
            x = rng.standard_normal(shape).astype("float32")
        layer.build(tuple(shape))
        weights = []
        for w in layer.weights:
            value = np.asarray(w.numpy())
            # Non-zero moving statistics and biases, so that a wrong copy shows.
            if not w.trainable or "bias" in w.path or "beta" in w.path:
                value = rng.uniform(0.5, 1.5, size=value.shape).astype("float32")
                w.assign(value)
            weights.append({
                "name": w.path.split("/")[-1],
                "shape": list(value.shape),
                "trainable": bool(w.trainable),
                "values": value.ravel().tolist(),
            })
        y = np.asarray(layer(x, training=False))
        rows.append({
            "id": cid,
            "layer": cls,
            "kwargs": kwargs,
            "input": list(shape),
            "x": x.ravel().tolist(),
            "weights": weights,
            "trainable": int(sum(int(np.prod(w["shape"])) for w in weights if w["trainable"])),
            "nonTrainable": int(sum(int(np.prod(w["shape"])) for w in weights if not w["trainable"])),
            "output": list(y.shape),
            "y": y.ravel().tolist(),
        })
    os.makedirs(OUT, exist_ok=True)
    with open(os.path.join(OUT, "keras.json"), "w") as f:
        json.dump({"keras": keras.__version__, "backend": keras.backend.backend(), "rows": rows}, f)
    print(f"wrote {len(rows)} Keras rows")


def torch_step():
    import numpy as np
    import torch
    from torch import nn
    import torch.nn.functional as F

    with open(os.path.join(OUT, "keras.json")) as f:
        data = json.load(f)
    by_id = {c[0]: c for c in CASES}
    out = []
    bad = 0
    for row in data["rows"]:
        t = by_id[row["id"]][4]
        if t is None:
            out.append({"id": row["id"], "torch": None})
            continue
        module = getattr(nn, t["cls"])(*t["args"], **t["kwargs"]).eval()
        w = {k["name"]: np.array(k["values"], dtype="float32").reshape(k["shape"]) for k in row["weights"]}
        rank = len(row["input"]) - 2
        params = dict(module.named_parameters())
        buffers = dict(module.named_buffers())
        with torch.no_grad():
            if t["cls"].startswith("ConvTranspose"):
                # Keras (k…, C_out, C_in) -> PyTorch (C_in, C_out, k…)
                params["weight"].copy_(torch.from_numpy(np.transpose(w["kernel"], (rank + 1, rank, *range(rank)))))
                params["bias"].copy_(torch.from_numpy(w["bias"]))
            elif t["cls"].startswith("Conv"):
                # Keras (k…, C_in, C_out) -> PyTorch (C_out, C_in, k…)
                params["weight"].copy_(torch.from_numpy(np.transpose(w["kernel"], (rank + 1, rank, *range(rank)))))
                params["bias"].copy_(torch.from_numpy(w["bias"]))
            elif t["cls"] == "Linear":
                params["weight"].copy_(torch.from_numpy(w["kernel"].T))
                params["bias"].copy_(torch.from_numpy(w["bias"]))
            elif t["cls"].startswith("BatchNorm"):
                params["weight"].copy_(torch.from_numpy(w["gamma"]))
                params["bias"].copy_(torch.from_numpy(w["beta"]))
                buffers["running_mean"].copy_(torch.from_numpy(w["moving_mean"]))
                buffers["running_var"].copy_(torch.from_numpy(w["moving_variance"]))
            elif t["cls"] == "Embedding":
                params["weight"].copy_(torch.from_numpy(w["embeddings"]))
            elif t["cls"] in ("LSTM", "GRU", "RNN"):
                h = t["args"][1]
                kernel, recurrent = w["kernel"], w["recurrent_kernel"]
                bias = w["bias"]
                if t["cls"] == "GRU":
                    # Keras gate blocks z, r, h; PyTorch r, z, n. reset_after=True: bias (2, 3h) = input, recurrent.
                    order = lambda m: np.concatenate([m[..., h:2 * h], m[..., :h], m[..., 2 * h:]], axis=-1)  # noqa: E731
                    kernel, recurrent = order(kernel), order(recurrent)
                    b_ih, b_hh = order(bias[0]), order(bias[1])
                else:
                    # LSTM gate blocks i, f, c, o in both; one Keras bias -> bias_ih, bias_hh = 0.
                    b_ih, b_hh = bias, np.zeros_like(bias)
                params["weight_ih_l0"].copy_(torch.from_numpy(kernel.T.copy()))
                params["weight_hh_l0"].copy_(torch.from_numpy(recurrent.T.copy()))
                params["bias_ih_l0"].copy_(torch.from_numpy(b_ih))
                params["bias_hh_l0"].copy_(torch.from_numpy(b_hh))
            shape = row["input"]
            if row["layer"] == "Embedding":
                x = torch.from_numpy(np.array(row["x"], dtype="int64").reshape(shape))
            else:
                x = torch.from_numpy(np.array(row["x"], dtype="float32").reshape(shape))
            if rank >= 1 and row["layer"] not in ("LSTM", "GRU", "SimpleRNN", "Embedding", "Dense", "Dropout"):
                x = x.permute(0, rank + 1, *range(1, rank + 1))  # channels last -> channels first
            if "pad" in t:
                value = float("-inf") if t.get("padValue") == "-inf" else 0.0
                x = F.pad(x, tuple(t["pad"]), value=value)
            y = module(x)
            if t.get("crop"):
                c = t["crop"]  # the transposed conv's extra trailing position on each spatial axis
                y = y[(Ellipsis, *[slice(0, -c)] * rank)]
            if t.get("last"):
                y = y[0][:, -1]
            y_ref = np.array(row["y"], dtype="float32").reshape(row["output"])
            if row["layer"] == "Flatten":
                # PyTorch flattens C, H, W; Keras H, W, C: equal only after moving channels last.
                same_order = bool(np.allclose(y.numpy(), y_ref))
                y = module(x.permute(0, 2, 3, 1))
            else:
                same_order = None
            if y.dim() > 2 and row["layer"] not in ("LSTM", "GRU", "SimpleRNN", "Embedding"):
                y = y.permute(0, *range(2, y.dim()), 1)  # back to channels last
            diff = float(np.max(np.abs(y.numpy() - y_ref))) if tuple(y.shape) == tuple(y_ref.shape) else None
        ok = diff is not None and diff < 1e-4
        bad += 0 if ok else 1
        print(f"{'ok ' if ok else 'BAD'} {row['id']:<24} diff={diff}")
        out.append({
            "id": row["id"],
            "torch": {
                "module": t["cls"],
                "args": t["args"],
                "kwargs": t["kwargs"],
                "pad": t.get("pad"),
                "padValue": t.get("padValue"),
                "crop": t.get("crop"),
                "params": [{"name": n, "shape": list(p.shape)} for n, p in module.named_parameters()],
                "buffers": [{"name": n, "shape": list(b.shape)} for n, b in module.named_buffers()],
                "paramCount": int(sum(p.numel() for p in module.parameters())),
                "maxAbsDiff": diff,
                "flattenSameOrder": same_order,
            },
        })
    with open(os.path.join(OUT, "torch.json"), "w") as f:
        json.dump({"torch": torch.__version__, "rows": out}, f, indent=1)
    print(f"wrote {len(out)} PyTorch rows")
    sys.exit(1 if bad else 0)


if __name__ == "__main__":
    step = sys.argv[1] if len(sys.argv) > 1 else ""
    if step == "keras":
        keras_step()
    elif step == "torch":
        torch_step()
    else:
        sys.exit("usage: gen-cross-framework-fixtures.py keras|torch")
