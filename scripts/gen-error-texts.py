"""Real Keras 3 error texts for the error-message grammar (grammar/errors.ne).

Runs small snippets that fail in Keras 3 and writes each exception's text to
test/fixtures/errors/keras-texts.json; test/parse/pasted-error.test.ts reads them (and the PyTorch
texts already captured in test/fixtures/torch/*.json and test/fixtures/fixes/results-*.json).

    KERAS_BACKEND=jax python3 scripts/gen-error-texts.py

TensorFlow's own texts ("Negative dimension size caused by subtracting 3 from 2") need TensorFlow,
which this machine does not have; those are tested with the text as TensorFlow documents it.
"""

import json
import os

os.environ.setdefault("KERAS_BACKEND", "jax")
import keras  # noqa: E402
import numpy as np  # noqa: E402
from keras import layers  # noqa: E402

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), ".."))

def built_dense():
    dense = layers.Dense(10)
    dense.build((None, 784))
    return dense


SNIPPETS = {
    "dense_axis": lambda: built_dense()(np.zeros((1, 28, 28))),
    "lstm_ndim": lambda: keras.Sequential([keras.Input((20,)), layers.Dense(64), layers.LSTM(32)]),
    "conv_computed": lambda: keras.Sequential([keras.Input((2, 2, 3)), layers.Conv2D(8, 3)]),
    "pool_computed": lambda: keras.Sequential([keras.Input((2, 2, 3)), layers.MaxPooling2D(3)]),
    "conv1d_ndim": lambda: keras.Sequential([keras.Input((100,)), layers.Conv1D(8, 3)]),
}


def main():
    out = {"keras": keras.__version__, "texts": {}}
    for name, run in SNIPPETS.items():
        try:
            run()
            out["texts"][name] = None
        except Exception as e:  # noqa: BLE001 — the text is the data
            out["texts"][name] = str(e)
        print(f"{name:16} {str(out['texts'][name])[:100]}")
    with open(os.path.join(ROOT, "test", "fixtures", "errors", "keras-texts.json"), "w", encoding="utf8") as f:
        json.dump(out, f, indent=2)
        f.write("\n")


if __name__ == "__main__":
    main()
