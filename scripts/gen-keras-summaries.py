"""Record what real Keras 3 prints for the golden messages, as the answer key for our table.

For each test/golden/messages/*.txt that is runnable Keras 3 code (the ``` fence if there is one,
REPL prompts stripped, prose lines left out, the Keras 1 spelling Model(input=, output=) turned
into inputs=/outputs=), builds the model with real Keras and writes its model.summary() at a wide
line length to test/fixtures/keras/summaries/<name>.txt. test/golden/keras-summaries.test.ts
compares every row (name, type, output shape, params, connections) and the totals with ours.

    pip install keras jax
    KERAS_BACKEND=jax python3 scripts/gen-keras-summaries.py

Messages that cannot run in Keras 3 are listed with the reason (they are shape errors on
purpose, or use Keras 2 behaviour such as Embedding(input_length=…)).
"""

import glob
import os
import re
import types

os.environ.setdefault("KERAS_BACKEND", "jax")
# rich sizes its captured console from COLUMNS: wide enough that no cell is cut.
os.environ["COLUMNS"] = "400"
import keras  # noqa: E402

# `tf.keras.layers.X` in the messages: serve Keras 3 (no TensorFlow here).
_tf = types.SimpleNamespace(keras=keras)

ROOT = os.path.join(os.path.dirname(__file__), "..")
MESSAGES = os.path.join(ROOT, "test", "golden", "messages")
OUT = os.path.join(ROOT, "test", "fixtures", "keras", "summaries")

PREAMBLE = "\n".join(
    [
        "import keras",
        "from keras import layers, models, Sequential, Model, Input",
        "from keras.layers import *",
        "from keras.models import Sequential, Model",
    ]
)

CODE_START = re.compile(
    r"^\s*(?:def |class |import |from |return\b|for |if |else|elif |while |with |@|[A-Za-z_][\w.\[\]]*\s*(?:,\s*\w+)*\s*[-+*/]?=|[A-Za-z_][\w.]*\(|\)|\]|'|\")"
)


def code_of(message: str) -> str:
    fence = re.search(r"```[a-z]*\n(.*?)```", message, re.S)
    text = fence.group(1) if fence else message
    lines = []
    for line in text.splitlines():
        line = re.sub(r"^(>>> |\.\.\. )", "", line)
        if line.strip() == "" or line.startswith((" ", "\t")) or CODE_START.match(line):
            lines.append(line)
    code = "\n".join(lines)
    code = re.sub(r"^import tensorflow as tf$", "", code, flags=re.M)
    code = code.replace("from tensorflow.keras", "from keras").replace("from tensorflow import keras", "import keras")
    return code.replace("Model(input=", "Model(inputs=").replace(", output=", ", outputs=")


def last_model(namespace: dict):
    models = [v for v in namespace.values() if isinstance(v, keras.Model)]
    for name in ("model", "autoencoder", "m"):
        if isinstance(namespace.get(name), keras.Model):
            return namespace[name]
    return models[-1] if models else None


def main() -> None:
    os.makedirs(OUT, exist_ok=True)
    for path in sorted(glob.glob(os.path.join(MESSAGES, "*.txt"))):
        name = os.path.basename(path)
        keras.backend.clear_session()
        namespace = {"tf": _tf}
        try:
            exec(PREAMBLE + "\n" + code_of(open(path).read()), namespace)  # noqa: S102 — our own test messages
            model = last_model(namespace)
            if model is None:
                raise RuntimeError("no model")
            if not model.built:
                raise RuntimeError("model not built (no input shape)")
            lines = []
            model.summary(line_length=220, print_fn=lambda line, **_: lines.append(line))
            with open(os.path.join(OUT, name), "w") as f:
                f.write("\n".join(lines) + "\n")
            print(f"{name}: written")
        except ValueError as e:
            # A shape error Keras raises on purpose: keep its message for our wording test.
            with open(os.path.join(OUT, name.replace(".txt", ".error.txt")), "w") as f:
                f.write(str(e).strip() + "\n")
            print(f"{name}: Keras raised ValueError (message written)")
        except Exception as e:  # noqa: BLE001 — every failure is reported, none stops the others
            print(f"{name}: skipped ({type(e).__name__}: {str(e).splitlines()[0][:120]})")


if __name__ == "__main__":
    main()
