"""Step 2 of the fix fixtures: run every case and every fix shapebot proposed in the real framework.

Step 1 (`node --import tsx scripts/export-fix-patches.ts`) writes test/fixtures/fixes/patches.json:
each case snippet of test/fixtures/fixes/cases/ with the whole patched snippet of every checked fix.
This script runs, for one framework, each original snippet (recording the exception the framework
raises, or the model's output shape when it runs) and each patched snippet (which must run), and
writes test/fixtures/fixes/results-<framework>.json. test/diagnose/fix-fixtures.test.ts compares
shapebot with both files, so CI needs no Python.

    /usr/bin/python3 scripts/gen-fix-fixtures.py pytorch          # Debian's python3-torch
    KERAS_BACKEND=jax python3 scripts/gen-fix-fixtures.py keras    # pip install keras jax

Exits with status 1 if a patched snippet fails to run.
"""

import contextlib
import io
import json
import os
import sys
import warnings

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), ".."))
DIR = os.path.join(ROOT, "test", "fixtures", "fixes")


def shape_of(value):
    shape = getattr(value, "shape", None)
    if shape is None:
        return None
    return [None if d is None else int(d) for d in shape]


def run(code, framework):
    env = {"__name__": "__fixture__"}
    try:
        with warnings.catch_warnings(), contextlib.redirect_stdout(io.StringIO()):
            warnings.simplefilter("ignore")
            exec(compile(code, "<snippet>", "exec"), env)
    except Exception as e:  # noqa: BLE001 — every framework error is the data here
        return {"ok": False, "error": {"type": type(e).__name__, "message": str(e)}, "output": None}
    if framework == "pytorch":
        return {"ok": True, "error": None, "output": shape_of(env.get("out"))}
    model = env.get("model")
    return {"ok": True, "error": None, "output": list(model.output_shape) if model is not None else None}


# Where each case writes its input size, to check the smallest input shapebot names: the case is
# run at that size (it must work) and one smaller (it must fail).
INPUT_SIZES = {
    "k03_conv_negative.py": ("shape=(28, 28, 1)", "shape=({s}, {s}, 1)"),
    "t07_too_many_pools.py": ("torch.randn(1, 1, 20, 20)", "torch.randn(1, 1, {s}, {s})"),
}


def min_input_runs(case, original, side, framework):
    if side is None or case not in INPUT_SIZES:
        return None
    old, new = INPUT_SIZES[case]
    at = run(original.replace(old, new.format(s=side)), framework)
    below = run(original.replace(old, new.format(s=side - 1)), framework)
    return {"side": side, "runs": at["ok"], "oneSmallerFails": not below["ok"]}


def main():
    framework = sys.argv[1] if len(sys.argv) > 1 else ""
    if framework not in ("pytorch", "keras"):
        sys.exit("usage: gen-fix-fixtures.py pytorch|keras")
    if framework == "pytorch":
        import torch

        version = torch.__version__
    else:
        os.environ.setdefault("KERAS_BACKEND", "jax")
        import keras

        version = keras.__version__
    with open(os.path.join(DIR, "patches.json"), encoding="utf8") as f:
        cases = [c for c in json.load(f) if c["framework"] == framework]
    results, failed = [], 0
    for c in cases:
        with open(os.path.join(DIR, "cases", c["case"]), encoding="utf8") as f:
            original = f.read()
        before = run(original, framework)
        after = [dict(run(p, framework), patched=p) for p in c["patched"]]
        failed += sum(1 for a in after if not a["ok"])
        min_input = min_input_runs(c["case"], original, c.get("minSide"), framework)
        if min_input and not (min_input["runs"] and min_input["oneSmallerFails"]):
            failed += 1
        results.append({"case": c["case"], "original": before, "fixes": after, "minInput": min_input})
        marks = " ".join("ok" if a["ok"] else "FAILED" for a in after)
        error = before["error"]["type"] if before["error"] else "runs"
        print(f"{c['case']:40} {error:28} fixes: {marks or '-'}")
    out = {"framework": framework, "version": version, "cases": results}
    with open(os.path.join(DIR, f"results-{framework}.json"), "w", encoding="utf8") as f:
        json.dump(out, f, indent=2)
        f.write("\n")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
