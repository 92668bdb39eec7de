"""Generate PyTorch ground-truth fixtures from the pasted-model snippets.

Runs every test/fixtures/torch/snippets/NNN_name.py with real PyTorch (each in its own fresh
globals dict, in one Python process) and writes test/fixtures/torch/NNN_name.json plus
test/fixtures/torch/index.json. Needs Debian's PyTorch for the system Python (no pip needed):

    apt-get install python3-torch
    /usr/bin/python3 scripts/gen-torch-fixtures.py

Snippet conventions: the model is bound to a top-level variable `model`, and the snippet calls it
once at top level (`model(x)`, `print(model(x).shape)`, torchsummary's or torchinfo's `summary`).
Snippets whose name has `_bug_` right after the number must raise (at construction or at the
call); every other snippet must run cleanly. The script prints a table and exits with status 1 if
any snippet disagrees with its name.

Fixture keys:
  name, snippet, torch  the snippet's name, its file name, torch.__version__
  style       how the input was made: randn | rand | zeros | ones | randint | torchsummary | torchinfo
  input       shapes of the positional tensors passed to the first top-level call of `model`
              (null if it was never called)
  calls       every call of a leaf module (no child modules) during that call, in call order:
              {name (from model.named_modules(); "" when `model` itself is a leaf), type (the
              class after the call, so LazyLinear shows as Linear), outputs (tuple outputs
              flattened, None skipped), params, trainable (the module's own parameters,
              recurse=False)}. A leaf that raises is not listed; leaves called before the
              top-level call (e.g. a dummy forward in __init__) are not listed either.
              nn.MultiheadAttention counts as a leaf: its out_proj child is never called as a
              module, so it is skipped and its parameters are counted in the attention's params.
              Keep transformer snippets out of eval()+no_grad(): torch's fast path then skips the
              TransformerEncoderLayer's submodules and no leaves would be recorded.
  output      the top-level call's output shapes (flattened like `outputs`), null if it raised
  totalParams, trainableParams   over model.parameters() after the run; null if `model` was never
              bound (construction raised) or still holds uninitialised lazy parameters
  error       null, or {type, message: str(exc), line: 1-based line of the innermost traceback
              frame inside the snippet file}

The fake `torchsummary.summary(model, input_size)` calls model(torch.rand(2, *input_size)) (batch 2,
as torchsummary does; it prints the batch as -1). The fake `torchinfo.summary(model, input_size=…)`
calls model(torch.rand(*input_size)), or model(input_data) when input_data is given.
"""

import ast
import builtins
import contextlib
import io
import json
import os
import sys
import time
import types
import warnings

import torch
import torch.nn as nn

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), ".."))
FIXTURES = os.path.join(ROOT, "test", "fixtures", "torch")
SNIPPETS = os.path.join(FIXTURES, "snippets")
FACTORIES = ("randn", "rand", "zeros", "ones", "randint")


class State:
    """What the global hooks record for the snippet being run."""

    def __init__(self, globs):
        self.globs = globs
        self.started = False  # the first top-level call of `model` has begun
        self.active = False  # ... and has not returned yet
        self.model = None
        self.names = {}
        self.skip = set()  # out_proj children of MultiheadAttention modules
        self.input = None
        self.output = None
        self.calls = []
        self.summary_style = None
        self.tagged = {}  # id(tensor) -> (tensor, factory name) for tensors made by torch.<factory>
        self.input_style = None


STATE = None


def shapes(obj):
    """Shapes of the tensors in obj; tuples/lists (and dict values) flattened in order, None skipped."""
    out = []
    if obj is None:
        return out
    if isinstance(obj, torch.Tensor):
        out.append([int(d) for d in obj.shape])
    elif isinstance(obj, (tuple, list)):
        for o in obj:
            out.extend(shapes(o))
    elif isinstance(obj, dict):
        for o in obj.values():
            out.extend(shapes(o))
    return out


def is_leaf(module):
    return isinstance(module, nn.MultiheadAttention) or next(module.children(), None) is None


def own_params(module):
    params = list(module.parameters(recurse=isinstance(module, nn.MultiheadAttention)))
    return (
        int(sum(p.numel() for p in params)),
        int(sum(p.numel() for p in params if p.requires_grad)),
    )


def pre_hook(module, inputs):
    st = STATE
    if st is None or st.started:
        return None
    if module is st.globs.get("model") and isinstance(module, nn.Module):
        st.started = True
        st.active = True
        st.model = module
        st.names = {id(m): n for n, m in module.named_modules()}
        st.skip = {id(m.out_proj) for m in module.modules() if isinstance(m, nn.MultiheadAttention)}
        st.input = shapes(inputs)
        if st.summary_style is None:
            first = next((t for t in inputs if isinstance(t, torch.Tensor)), None)
            tag = st.tagged.get(id(first)) if first is not None else None
            if tag is not None and tag[0] is first:
                st.input_style = tag[1]
    return None


def post_hook(module, inputs, output):
    st = STATE
    if st is None or not st.active:
        return None
    # out_proj of a MultiheadAttention is never called as a module; skip it if it ever were.
    if is_leaf(module) and id(module) not in st.skip:
        params, trainable = own_params(module)
        st.calls.append(
            {
                "name": st.names.get(id(module)),
                "type": type(module).__name__,
                "outputs": shapes(output),
                "params": params,
                "trainable": trainable,
            }
        )
    if module is st.model:
        st.output = shapes(output)
        st.active = False
    return None


def make_fake_summaries():
    """Fake torchsummary / torchinfo modules whose summary() just calls the model."""

    def _sizes(input_size):
        if isinstance(input_size, (list, tuple)) and input_size and isinstance(input_size[0], (list, tuple)):
            return [tuple(s) for s in input_size]
        return [tuple(input_size)]

    def ts_summary(model, input_size=None, batch_size=-1, device="cuda", dtypes=None, **kwargs):
        STATE.summary_style = "torchsummary"
        sizes = _sizes(input_size)
        dtypes = dtypes or [torch.float] * len(sizes)
        xs = [torch.rand(2, *s).type(d) for s, d in zip(sizes, dtypes)]
        model(*xs)
        return None

    def ti_summary(model, input_size=None, input_data=None, dtypes=None, **kwargs):
        STATE.summary_style = "torchinfo"
        if input_data is not None:
            if isinstance(input_data, torch.Tensor):
                model(input_data)
            elif isinstance(input_data, dict):
                model(**input_data)
            else:
                model(*input_data)
            return None
        sizes = _sizes(input_size)
        dtypes = dtypes or [torch.float] * len(sizes)
        xs = [torch.rand(*s).type(d) for s, d in zip(sizes, dtypes)]
        model(*xs)
        return None

    ts = types.ModuleType("torchsummary")
    ts.summary = ts_summary
    ti = types.ModuleType("torchinfo")
    ti.summary = ti_summary
    return ts, ti


@contextlib.contextmanager
def tagged_factories(st):
    """Wrap torch.randn & co. so the model's first input can be traced back to its factory."""
    originals = {f: getattr(torch, f) for f in FACTORIES}

    def wrap(fname, fn):
        def inner(*args, **kwargs):
            t = fn(*args, **kwargs)
            if isinstance(t, torch.Tensor):
                st.tagged[id(t)] = (t, fname)
            return t

        return inner

    for f, fn in originals.items():
        setattr(torch, f, wrap(f, fn))
    try:
        yield
    finally:
        for f, fn in originals.items():
            setattr(torch, f, fn)


def ast_style(source):
    """Fallback: the torch.<factory> calls outside class bodies (where the input is usually made)."""
    found = []

    def visit(node, in_class):
        if isinstance(node, ast.ClassDef):
            in_class = True
        if (
            not in_class
            and isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr in FACTORIES
            and isinstance(node.func.value, ast.Name)
            and node.func.value.id == "torch"
        ):
            found.append(node.func.attr)
        for child in ast.iter_child_nodes(node):
            visit(child, in_class)

    visit(ast.parse(source), False)
    return found[-1] if found else None


def error_line(tb, path):
    line = None
    while tb is not None:
        if tb.tb_frame.f_code.co_filename == path:
            line = tb.tb_lineno
        tb = tb.tb_next
    return line


def run_snippet(path):
    global STATE
    name = os.path.splitext(os.path.basename(path))[0]
    with open(path, encoding="utf-8") as f:
        source = f.read()
    globs = {"__name__": "__main__", "__file__": path, "__builtins__": builtins}
    st = State(globs)
    STATE = st
    ts, ti = make_fake_summaries()
    sys.modules["torchsummary"] = ts
    sys.modules["torchinfo"] = ti
    error = None
    stdout = io.StringIO()
    t0 = time.perf_counter()
    try:
        code = compile(source, path, "exec")
        with tagged_factories(st), warnings.catch_warnings(), contextlib.redirect_stdout(stdout):
            warnings.simplefilter("ignore")
            exec(code, globs)
    except Exception as exc:  # the error is the fixture
        error = {"type": type(exc).__name__, "message": str(exc), "line": error_line(exc.__traceback__, path)}
    elapsed = time.perf_counter() - t0
    STATE = None
    st.tagged.clear()

    model = globs.get("model")
    total = trainable = None
    if isinstance(model, nn.Module):
        params = list(model.parameters())
        if not any(isinstance(p, nn.parameter.UninitializedParameter) for p in params):
            total = int(sum(p.numel() for p in params))
            trainable = int(sum(p.numel() for p in params if p.requires_grad))

    style = st.summary_style or st.input_style or ast_style(source)
    fixture = {
        "name": name,
        "snippet": os.path.basename(path),
        "torch": torch.__version__,
        "style": style,
        "input": st.input,
        "calls": st.calls,
        "output": st.output if (error is None and st.output is not None) else None,
        "totalParams": total,
        "trainableParams": trainable,
        "error": error,
    }
    if error is not None and not st.started:
        fixture["calls"] = []
    return fixture, elapsed, st.started


def dump(fixture):
    """JSON with one line per leaf call, so the fixtures read well in a diff."""
    lines = ["{"]
    keys = list(fixture)
    for i, k in enumerate(keys):
        comma = "," if i < len(keys) - 1 else ""
        v = fixture[k]
        if k == "calls" and v:
            lines.append('  "calls": [')
            for j, c in enumerate(v):
                lines.append("    " + json.dumps(c) + ("," if j < len(v) - 1 else ""))
            lines.append("  ]" + comma)
        elif k == "error" and v is not None:
            lines.append('  "error": {')
            ek = list(v)
            for j, e in enumerate(ek):
                lines.append(f"    {json.dumps(e)}: {json.dumps(v[e])}" + ("," if j < len(ek) - 1 else ""))
            lines.append("  }" + comma)
        else:
            lines.append(f"  {json.dumps(k)}: {json.dumps(v)}{comma}")
    lines.append("}")
    return "\n".join(lines) + "\n"


def main():
    torch.set_num_threads(max(1, min(4, os.cpu_count() or 1)))
    hooks = nn.modules.module
    handles = [hooks.register_module_forward_pre_hook(pre_hook), hooks.register_module_forward_hook(post_hook)]
    files = sorted(f for f in os.listdir(SNIPPETS) if f.endswith(".py"))
    t_all = time.perf_counter()
    rows = []
    names = []
    bad = []
    for f in files:
        path = os.path.join(SNIPPETS, f)
        fixture, elapsed, called = run_snippet(path)
        name = fixture["name"]
        names.append(name)
        with open(os.path.join(FIXTURES, name + ".json"), "w", encoding="utf-8") as out:
            out.write(dump(fixture))
        expect_bug = "_bug_" in name
        got_bug = fixture["error"] is not None
        ok = expect_bug == got_bug and fixture["style"] is not None and (called or fixture["error"] is not None)
        if got_bug and fixture["error"]["line"] is None:
            ok = False
        if not ok:
            bad.append(name)
        err = fixture["error"]
        what = (
            f"{err['type']} @ line {err['line']}: {err['message'][:70]}"
            if err
            else f"{fixture['input']} -> {fixture['output']}"
        )
        rows.append((name, "bug" if expect_bug else "ok", "raised" if got_bug else "ran", fixture["style"],
                     len(fixture["calls"]), elapsed, "PASS" if ok else "FAIL", what))
    wall = time.perf_counter() - t_all
    for h in handles:
        h.remove()

    buggy = [n for n in names if "_bug_" in n]
    index = {
        "torch": torch.__version__,
        "total": len(names),
        "ok": len(names) - len(buggy),
        "buggy": len(buggy),
        "fixtures": names,
        "buggyFixtures": buggy,
    }
    with open(os.path.join(FIXTURES, "index.json"), "w", encoding="utf-8") as out:
        json.dump(index, out, indent=2)
        out.write("\n")

    w = max(len(r[0]) for r in rows)
    print(f"{'snippet':<{w}}  expect  result  {'style':<12} calls    time  check  detail")
    for r in rows:
        print(f"{r[0]:<{w}}  {r[1]:<6}  {r[2]:<6}  {str(r[3]):<12} {r[4]:>5} {r[5]:6.2f}s  {r[6]:<5}  {r[7]}")
    print(
        f"\n{len(names)} snippets: {index['ok']} ok, {index['buggy']} buggy; torch {torch.__version__}; "
        f"wall time {wall:.2f}s"
    )
    if bad:
        print("MISMATCH: " + ", ".join(bad))
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
