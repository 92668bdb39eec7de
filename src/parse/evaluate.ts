import type { Arg, BinOp, CompareOp, Expr, Param, Pos, Stmt } from "./ast.js";
import { makeBuiltins } from "./builtins.js";
import type { EvalNote } from "./eval-notes.js";
import {
  type CallArgs,
  ELLIPSIS,
  FALSE,
  int,
  NONE,
  numberOf,
  pyEquals,
  Scope,
  sliceValue,
  str,
  TRUE,
  truthy,
  unknown,
  type Value,
} from "./values.js";

// The safe evaluator: walks the syntax tree of the user's code and computes the values of
// names, arithmetic, calls of their own helper functions, loops and conditions. It never uses
// JavaScript eval and never runs user code outside this interpreter; every request is bounded by
// a step budget, a call-depth budget and a collection-size budget.

export interface EvalLimits {
  maxSteps: number;
  maxDepth: number;
  maxCollection: number;
}

export const DEFAULT_EVAL_LIMITS: EvalLimits = { maxSteps: 2_000_000, maxDepth: 64, maxCollection: 100_000 };

/** How a framework builder plugs in: modules it knows and names it supplies without an import. */
export interface EvalHooks {
  importModule(path: string): Value | undefined;
  /** A name the code uses without defining or importing it (e.g. bare `Conv2D`). */
  implicitGlobal(name: string, pos: Pos): Value | undefined;
  /** Calling an instance of a user class (e.g. a custom Keras layer); undefined = unknown. */
  callObject?(obj: Extract<Value, { t: "object" }>, args: CallArgs, pos: Pos): Value | undefined;
  /** An attribute neither the instance nor its class defines (e.g. nn.Module's `.to(device)`). */
  objectAttr?(obj: Extract<Value, { t: "object" }>, name: string, pos: Pos): Value | undefined;
}

class ReturnSignal {
  constructor(readonly value: Value) {}
}
class BreakSignal {}
class ContinueSignal {}
class BudgetExceeded {
  constructor(readonly note: EvalNote) {}
}

/** Thrown by a framework builder to stop evaluation (e.g. too many layers created). */
export class StopEvaluation extends BudgetExceeded {}

type FuncValue = Extract<Value, { t: "func" }>;
type ClassValue = Extract<Value, { t: "class" }>;

export class Evaluator {
  readonly globals = new Scope(null);
  readonly notes: EvalNote[] = [];
  private steps = 0;
  private depth = 0;
  private stopped = false;
  private readonly builtins: Map<string, Value>;

  constructor(
    private readonly hooks: EvalHooks,
    private readonly limits: EvalLimits = DEFAULT_EVAL_LIMITS,
  ) {
    this.builtins = makeBuiltins(this);
  }

  get budgetExhausted(): boolean {
    return this.stopped;
  }

  /** Runs a module body. Never throws for user input; budget exhaustion stops evaluation with a note. */
  runModule(body: Stmt[]): void {
    this.runGuarded(() => this.execBlock(body, this.globals));
  }

  /** Calls a value (e.g. a user function no one called) under the same guards. */
  callGuarded(fn: Value, pos: Pos): Value {
    let result: Value = unknown("not called");
    this.runGuarded(() => {
      result = this.callValue(fn, emptyArgs(), pos);
    });
    return result;
  }

  private runGuarded(run: () => void): void {
    if (this.stopped) return;
    try {
      run();
    } catch (e) {
      if (e instanceof BudgetExceeded) {
        this.stopped = true;
        this.notes.push(e.note);
        return;
      }
      if (e instanceof ReturnSignal || e instanceof BreakSignal || e instanceof ContinueSignal) return;
      // A backstop: the parser refuses trees deep enough to overflow the stack.
      if (e instanceof RangeError && /call stack/.test(e.message)) {
        this.stopped = true;
        this.notes.push({ code: "depth_budget", pos: { line: 0, column: 0 }, depth: this.depth });
        return;
      }
      throw e;
    }
  }

  private tick(pos: Pos): void {
    this.steps++;
    if (this.steps > this.limits.maxSteps)
      throw new BudgetExceeded({ code: "step_budget", pos, steps: this.limits.maxSteps });
  }

  private note(n: EvalNote): void {
    if (this.notes.length < 50) this.notes.push(n);
  }

  // ── statements ────────────────────────────────────────────────────────────────────────

  private execBlock(body: Stmt[], scope: Scope): void {
    for (const stmt of body) this.exec(stmt, scope);
  }

  private exec(s: Stmt, scope: Scope): void {
    this.tick(s.pos);
    switch (s.kind) {
      case "expr":
        this.eval(s.value, scope);
        return;
      case "assign": {
        const value = this.eval(s.value, scope);
        for (const target of s.targets) this.assign(target, value, scope);
        return;
      }
      case "augassign": {
        const current = this.eval(s.target, scope);
        const value = this.binary(s.op, current, this.eval(s.value, scope), s.pos, true);
        this.assign(s.target, value, scope);
        return;
      }
      case "annassign":
        if (s.value) this.assign(s.target, this.eval(s.value, scope), scope);
        return;
      case "import":
        for (const { name, alias } of s.names) {
          const module = this.importModule(name);
          if (alias) scope.set(alias, module);
          else {
            const top = name.split(".")[0] as string;
            scope.set(top, this.importModule(top));
          }
        }
        return;
      case "importfrom": {
        const module = this.importModule(s.module);
        if (s.names === "*") {
          const all = module.t === "host" ? module.host.getAttr?.("__all__", s.pos) : undefined;
          if (all && all.t === "dict") {
            all.keys.forEach((k, i) => {
              if (k.t === "str") scope.set(k.v, all.values[i] as Value);
            });
          }
          return;
        }
        for (const { name, alias } of s.names) {
          const sub = this.importModule(`${s.module}.${name}`);
          const attr = sub.t === "unknown" ? this.getAttr(module, name, s.pos) : sub;
          scope.set(alias ?? name, attr);
        }
        return;
      }
      case "def":
        scope.set(s.name, { t: "func", name: s.name, def: s, lambda: null, scope, bound: null });
        return;
      case "class": {
        const classScope = new Scope(scope);
        const bases = s.bases.filter((b) => b.name === null).map((b) => this.eval(b.value, scope));
        this.execBlock(s.body, classScope);
        scope.set(s.name, { t: "class", name: s.name, scope: classScope, bases, pos: s.pos });
        return;
      }
      case "return":
        throw new ReturnSignal(s.value ? this.eval(s.value, scope) : NONE);
      case "if": {
        const test = truthy(this.eval(s.test, scope));
        if (test === null) {
          this.note({ code: "unknown_condition", pos: s.test.pos, assumed: true });
          this.execBlock(s.body, scope);
        } else if (test) this.execBlock(s.body, scope);
        else this.execBlock(s.orelse, scope);
        return;
      }
      case "for":
        this.execFor(s, scope);
        return;
      case "while": {
        for (;;) {
          const test = truthy(this.eval(s.test, scope));
          if (test === null) {
            this.note({ code: "unknown_loop", pos: s.pos });
            return;
          }
          if (!test) break;
          try {
            this.execBlock(s.body, scope);
          } catch (e) {
            if (e instanceof BreakSignal) return;
            if (!(e instanceof ContinueSignal)) throw e;
          }
        }
        this.execBlock(s.orelse, scope);
        return;
      }
      case "with":
        for (const item of s.items) {
          const ctx = this.eval(item.context, scope);
          if (item.target) this.assign(item.target, ctx, scope);
        }
        this.execBlock(s.body, scope);
        return;
      case "try":
        this.execBlock(s.body, scope);
        this.execBlock(s.orelse, scope);
        this.execBlock(s.finalbody, scope);
        return;
      case "break":
        throw new BreakSignal();
      case "continue":
        throw new ContinueSignal();
      case "pass":
      case "global":
      case "nonlocal":
      case "assert":
      case "raise":
        return;
      case "del":
        for (const t of s.targets) if (t.kind === "name") scope.vars.delete(t.id);
        return;
    }
  }

  private execFor(s: Extract<Stmt, { kind: "for" }>, scope: Scope): void {
    const items = this.iterate(this.eval(s.iter, scope), s.iter.pos);
    if (items === null) {
      this.note({ code: "unknown_loop", pos: s.pos });
      return;
    }
    for (const item of items) {
      this.assign(s.target, item, scope);
      try {
        this.execBlock(s.body, scope);
      } catch (e) {
        if (e instanceof BreakSignal) return;
        if (!(e instanceof ContinueSignal)) throw e;
      }
    }
    this.execBlock(s.orelse, scope);
  }

  private importModule(path: string): Value {
    return this.hooks.importModule(path) ?? unknown(`module ${path}`);
  }

  // ── assignment ────────────────────────────────────────────────────────────────────────

  private assign(target: Expr, value: Value, scope: Scope): void {
    switch (target.kind) {
      case "name":
        scope.set(target.id, value);
        return;
      case "tuple":
      case "list": {
        const items = this.iterate(value, target.pos);
        const starIndex = target.items.findIndex((t) => t.kind === "starred");
        if (items === null) {
          for (const t of target.items)
            this.assign(t.kind === "starred" ? t.value : t, unknown("unpacked"), scope);
          return;
        }
        if (starIndex < 0) {
          target.items.forEach((t, i) => {
            this.assign(t, items[i] ?? unknown("too few values to unpack"), scope);
          });
          return;
        }
        const after = target.items.length - starIndex - 1;
        target.items.forEach((t, i) => {
          if (i < starIndex) this.assign(t, items[i] ?? unknown("unpack"), scope);
          else if (i === starIndex && t.kind === "starred")
            this.assign(t.value, { t: "list", items: items.slice(starIndex, items.length - after) }, scope);
          else this.assign(t, items[items.length - (target.items.length - i)] ?? unknown("unpack"), scope);
        });
        return;
      }
      case "attr": {
        const obj = this.eval(target.object, scope);
        if (obj.t === "object") obj.attrs.set(target.name, value);
        return;
      }
      case "subscript": {
        const obj = this.eval(target.object, scope);
        const index = this.eval(target.index, scope);
        if (obj.t === "list") {
          const i = numberOf(index);
          if (i !== null && Number.isInteger(i)) {
            const at = i < 0 ? obj.items.length + i : i;
            if (at >= 0 && at < obj.items.length) obj.items[at] = value;
          }
        } else if (obj.t === "dict") {
          const at = obj.keys.findIndex((k) => pyEquals(k, index) === true);
          if (at >= 0) obj.values[at] = value;
          else {
            obj.keys.push(index);
            obj.values.push(value);
          }
        }
        return;
      }
      default:
        return;
    }
  }

  // ── expressions ───────────────────────────────────────────────────────────────────────

  eval(e: Expr, scope: Scope): Value {
    this.tick(e.pos);
    switch (e.kind) {
      case "name":
        return this.lookup(e.id, e.pos, scope);
      case "int":
        return int(e.value);
      case "float":
        return { t: "float", v: e.value };
      case "str":
        return str(e.value);
      case "fstring":
        return unknown("f-string");
      case "none":
        return NONE;
      case "bool":
        return e.value ? TRUE : FALSE;
      case "ellipsis":
        return ELLIPSIS;
      case "tuple":
        return { t: "tuple", items: this.evalItems(e.items, scope) };
      case "list":
      case "set":
        return { t: "list", items: this.evalItems(e.items, scope) };
      case "dict": {
        const d: Extract<Value, { t: "dict" }> = { t: "dict", keys: [], values: [] };
        for (const entry of e.entries) {
          if (entry.key === null) {
            const other = this.eval(entry.value, scope);
            if (other.t === "dict")
              other.keys.forEach((k, i) => {
                dictSet(d, k, other.values[i] as Value);
              });
          } else dictSet(d, this.eval(entry.key, scope), this.eval(entry.value, scope));
        }
        return d;
      }
      case "attr":
        return this.getAttr(this.eval(e.object, scope), e.name, e.pos);
      case "call":
        return this.evalCall(e, scope);
      case "subscript":
        return this.subscript(this.eval(e.object, scope), e.index, scope, e.pos);
      case "slice": {
        const bound = (x: Expr | null) => (x ? this.eval(x, scope) : NONE);
        return sliceValue(bound(e.lower), bound(e.upper), bound(e.step));
      }
      case "binop":
        return this.binaryChain(e, scope);
      case "unary": {
        const v = this.eval(e.operand, scope);
        if (e.op === "not") {
          const t = truthy(v);
          return t === null ? unknown("not") : t ? FALSE : TRUE;
        }
        if (v.t === "host" && v.host.binary)
          return v.host.binary(`unary${e.op}`, v, e.pos, false) ?? unknown("op");
        const n = numberOf(v);
        if (n === null) return unknown("unary");
        const r = e.op === "-" ? -n : e.op === "+" ? n : ~n;
        return v.t === "float" ? { t: "float", v: r } : int(r);
      }
      case "boolop":
        return this.boolChain(e, scope);
      case "compare": {
        let left = this.eval(e.first, scope);
        for (const { op, right } of e.rest) {
          const r = this.eval(right, scope);
          const c = compare(op, left, r);
          if (c === null) return unknown("compare");
          if (!c) return FALSE;
          left = r;
        }
        return TRUE;
      }
      case "ifexp": {
        const t = truthy(this.eval(e.test, scope));
        if (t === null) {
          this.note({ code: "unknown_condition", pos: e.test.pos, assumed: true });
          return this.eval(e.body, scope);
        }
        return t ? this.eval(e.body, scope) : this.eval(e.orelse, scope);
      }
      case "lambda":
        return { t: "func", name: "<lambda>", def: null, lambda: e, scope, bound: null };
      case "comp":
        return this.comprehension(e, scope);
      case "starred":
        return this.eval(e.value, scope);
    }
  }

  /** a+b+c+… is left-nested: fold it in a loop so a long chain cannot overflow the stack. */
  private binaryChain(e: Extract<Expr, { kind: "binop" }>, scope: Scope): Value {
    const { leaf, spine } = leftSpine(e, "binop");
    let acc = this.eval(leaf, scope);
    spine.forEach((b, i) => {
      if (i > 0) this.tick(b.pos);
      acc = this.binary(b.op, acc, this.eval(b.right, scope), b.pos, false);
    });
    return acc;
  }

  /** `a and b and c` (left-nested), short-circuiting as Python does, in a loop. */
  private boolChain(e: Extract<Expr, { kind: "boolop" }>, scope: Scope): Value {
    const { leaf, spine } = leftSpine(e, "boolop");
    let acc = this.eval(leaf, scope);
    for (const b of spine) {
      const t = truthy(acc);
      if (t === null) return unknown("boolop");
      if (b.op === "and" ? t : !t) acc = this.eval(b.right, scope);
    }
    return acc;
  }

  private evalItems(items: Expr[], scope: Scope): Value[] {
    const out: Value[] = [];
    for (const item of items) {
      if (item.kind === "starred") {
        const inner = this.iterate(this.eval(item.value, scope), item.pos);
        if (inner) for (const v of inner) out.push(v);
        else out.push(unknown("starred"));
      } else out.push(this.eval(item, scope));
    }
    return out;
  }

  private lookup(name: string, pos: Pos, scope: Scope): Value {
    const local = scope.lookup(name);
    if (local !== undefined) return local;
    const builtin = this.builtins.get(name);
    if (builtin !== undefined) return builtin;
    const implicit = this.hooks.implicitGlobal(name, pos);
    if (implicit !== undefined) {
      this.globals.set(name, implicit);
      return implicit;
    }
    return unknown(`name ${name}`);
  }

  private comprehension(e: Extract<Expr, { kind: "comp" }>, scope: Scope): Value {
    const inner = new Scope(scope);
    const keys: Value[] = [];
    const results: Value[] = [];
    const loop = (clauseIndex: number): boolean => {
      const clause = e.clauses[clauseIndex];
      if (!clause) {
        if (e.type === "dict") keys.push(this.eval(e.element, inner));
        results.push(this.eval(e.type === "dict" && e.value ? e.value : e.element, inner));
        if (results.length > this.limits.maxCollection)
          throw new BudgetExceeded({
            code: "collection_budget",
            pos: e.pos,
            size: this.limits.maxCollection,
          });
        return true;
      }
      const items = this.iterate(this.eval(clause.iter, inner), clause.iter.pos);
      if (items === null) return false;
      for (const item of items) {
        this.assign(clause.target, item, inner);
        let keep = true;
        for (const cond of clause.conditions) {
          const t = truthy(this.eval(cond, inner));
          if (t === false) keep = false;
        }
        if (keep && !loop(clauseIndex + 1)) return false;
      }
      return true;
    };
    if (!loop(0)) return unknown("comprehension over unknown values");
    if (e.type === "dict") return { t: "dict", keys, values: results };
    return { t: e.type === "generator" ? "tuple" : "list", items: results };
  }

  // ── calls ─────────────────────────────────────────────────────────────────────────────

  private evalCall(e: Extract<Expr, { kind: "call" }>, scope: Scope): Value {
    const fn = this.eval(e.func, scope);
    const args = this.evalArgs(e.args, scope);
    return this.callValue(fn, args, e.pos);
  }

  private evalArgs(args: Arg[], scope: Scope): CallArgs {
    const out = emptyArgs();
    for (const a of args) {
      const v = this.eval(a.value, scope);
      if (a.star === "*") {
        const items = this.iterate(v, a.pos);
        if (items)
          for (const item of items) {
            out.positional.push(item);
            out.positionalPos.push(a.pos);
          }
      } else if (a.star === "**") {
        if (v.t === "dict")
          v.keys.forEach((k, i) => {
            if (k.t === "str") {
              out.keywords.set(k.v, v.values[i] as Value);
              out.keywordPos.set(k.v, a.pos);
            }
          });
      } else if (a.name !== null) {
        out.keywords.set(a.name, v);
        out.keywordPos.set(a.name, a.value.pos);
      } else {
        out.positional.push(v);
        out.positionalPos.push(a.value.pos);
      }
    }
    return out;
  }

  callValue(fn: Value, args: CallArgs, pos: Pos): Value {
    switch (fn.t) {
      case "func":
        return this.callFunction(fn, args, pos);
      case "class":
        return this.instantiate(fn, args, pos);
      case "host":
        return fn.host.call ? fn.host.call(args, pos) : unknown(`call of ${fn.host.label}`);
      case "object": {
        const dunder = this.classAttr(fn.cls, "__call__");
        if (dunder && dunder.t === "func") return this.callFunction({ ...dunder, bound: fn }, args, pos);
        return this.hooks.callObject?.(fn, args, pos) ?? unknown("call of object");
      }
      default:
        return unknown("call");
    }
  }

  private callFunction(fn: FuncValue, args: CallArgs, pos: Pos): Value {
    if (this.depth >= this.limits.maxDepth)
      throw new BudgetExceeded({ code: "depth_budget", pos, depth: this.limits.maxDepth });
    const local = new Scope(fn.scope);
    const positional = fn.bound ? [fn.bound, ...args.positional] : args.positional;
    const params = fn.def ? fn.def.params : (fn.lambda?.params ?? []);
    this.bindParams(params, positional, args.keywords, local);
    this.depth++;
    try {
      if (fn.lambda) return this.eval(fn.lambda.body, local);
      if (fn.def) this.execBlock(fn.def.body, local);
      return NONE;
    } catch (e) {
      if (e instanceof ReturnSignal) return e.value;
      throw e;
    } finally {
      this.depth--;
    }
  }

  private bindParams(params: Param[], positional: Value[], keywords: Map<string, Value>, local: Scope): void {
    let next = 0;
    const used = new Set<string>();
    for (const p of params) {
      if (p.star === "*") {
        if (p.name) local.set(p.name, { t: "tuple", items: positional.slice(next) });
        next = positional.length;
        continue;
      }
      if (p.star === "**") {
        const rest: Extract<Value, { t: "dict" }> = { t: "dict", keys: [], values: [] };
        for (const [k, v] of keywords) if (!used.has(k)) dictSet(rest, str(k), v);
        local.set(p.name, rest);
        continue;
      }
      let value: Value | undefined;
      if (keywords.has(p.name)) {
        value = keywords.get(p.name);
        used.add(p.name);
      } else if (next < positional.length) value = positional[next++];
      else if (p.default) value = this.eval(p.default, local.parent ?? local);
      local.set(p.name, value ?? unknown(`missing argument ${p.name}`));
    }
  }

  private instantiate(cls: ClassValue, args: CallArgs, pos: Pos): Value {
    const obj: Value = { t: "object", cls, attrs: new Map() };
    const init = this.classAttr(cls, "__init__");
    if (init && init.t === "func") this.callFunction({ ...init, bound: obj }, args, pos);
    return obj;
  }

  private classAttr(cls: ClassValue, name: string, seen = 0): Value | undefined {
    const own = cls.scope.vars.get(name);
    if (own !== undefined || seen > 20) return own;
    for (const base of cls.bases) {
      if (base.t === "class") {
        const found = this.classAttr(base, name, seen + 1);
        if (found !== undefined) return found;
      }
    }
    return undefined;
  }

  // ── attributes, subscripts, operators ─────────────────────────────────────────────────

  getAttr(obj: Value, name: string, pos: Pos): Value {
    switch (obj.t) {
      case "host":
        return obj.host.getAttr?.(name, pos) ?? unknown(`${obj.host.label}.${name}`);
      case "object": {
        const own = obj.attrs.get(name);
        if (own !== undefined) return own;
        const fromClass = this.classAttr(obj.cls, name);
        if (fromClass && fromClass.t === "func") return { ...fromClass, bound: obj };
        return fromClass ?? this.hooks.objectAttr?.(obj, name, pos) ?? unknown(`attribute ${name}`);
      }
      case "class":
        return this.classAttr(obj, name) ?? unknown(`attribute ${name}`);
      case "list":
        return listMethod(obj, name, this);
      case "dict":
        return dictMethod(obj, name);
      case "str":
        return strMethod(obj, name);
      default:
        return unknown(`attribute ${name}`);
    }
  }

  private subscript(obj: Value, indexExpr: Expr, scope: Scope, pos: Pos): Value {
    if (indexExpr.kind === "slice") {
      const bound = (x: Expr | null) => (x ? numberOf(this.eval(x, scope)) : null);
      const [lo, hi, st] = [bound(indexExpr.lower), bound(indexExpr.upper), bound(indexExpr.step)];
      if ((obj.t === "list" || obj.t === "tuple") && st !== 0) {
        return { t: obj.t, items: pySlice(obj.items, lo, hi, st) };
      }
      if (obj.t === "host" && obj.host.binary)
        return obj.host.binary("[]", this.eval(indexExpr, scope), pos, false) ?? unknown("slice");
      return unknown("slice");
    }
    const index = this.eval(indexExpr, scope);
    if (obj.t === "list" || obj.t === "tuple") {
      const i = numberOf(index);
      if (i === null || !Number.isInteger(i)) return unknown("index");
      const at = i < 0 ? obj.items.length + i : i;
      const item = obj.items[at];
      if (item === undefined) {
        this.note({
          code: "python_error",
          pos,
          detail: `index ${i} out of range for ${obj.items.length} items`,
        });
        return unknown("index out of range");
      }
      return item;
    }
    if (obj.t === "dict") {
      const at = obj.keys.findIndex((k) => pyEquals(k, index) === true);
      return at >= 0 ? (obj.values[at] as Value) : unknown("key");
    }
    if (obj.t === "str") {
      const i = numberOf(index);
      if (i === null) return unknown("index");
      const ch = obj.v.at(i);
      return ch === undefined ? unknown("index") : str(ch);
    }
    if (obj.t === "host" && obj.host.binary)
      return obj.host.binary("[]", index, pos, false) ?? unknown("subscript");
    return unknown("subscript");
  }

  binary(op: BinOp, a: Value, b: Value, pos: Pos, inPlace: boolean): Value {
    if (a.t === "host" && a.host.binary) {
      const r = a.host.binary(op, b, pos, false);
      if (r) return r;
    }
    if (b.t === "host" && b.host.binary) {
      const r = b.host.binary(op, a, pos, true);
      if (r) return r;
    }
    const x = numberOf(a);
    const y = numberOf(b);
    if (x !== null && y !== null) return arithmetic(op, x, y, a.t === "float" || b.t === "float");
    if (op === "+") {
      if (a.t === "str" && b.t === "str") return str(a.v + b.v);
      if ((a.t === "list" && b.t === "list") || (a.t === "tuple" && b.t === "tuple")) {
        this.checkSize(a.items.length + b.items.length, pos);
        if (inPlace && a.t === "list") {
          for (const item of b.items) a.items.push(item);
          return a;
        }
        return { t: a.t, items: [...a.items, ...b.items] };
      }
    }
    if (op === "*") {
      const seq = a.t === "list" || a.t === "tuple" ? a : b.t === "list" || b.t === "tuple" ? b : null;
      const times = seq === a ? y : x;
      if (seq && (seq.t === "list" || seq.t === "tuple") && times !== null) {
        const n = Math.max(0, Math.floor(times));
        this.checkSize(seq.items.length * n, pos);
        const items: Value[] = [];
        for (let i = 0; i < n; i++) for (const item of seq.items) items.push(item);
        return { t: seq.t, items };
      }
      if (a.t === "str" && y !== null) {
        this.checkSize(a.v.length * y, pos);
        return str(a.v.repeat(Math.max(0, Math.floor(y))));
      }
    }
    if (op === "%" && a.t === "str") return unknown("formatted string");
    return unknown(`operator ${op}`);
  }

  checkSize(size: number, pos: Pos): void {
    if (size > this.limits.maxCollection)
      throw new BudgetExceeded({ code: "collection_budget", pos, size: this.limits.maxCollection });
  }

  /** The items of an iterable, or null when unknown. */
  iterate(v: Value, pos: Pos): Value[] | null {
    switch (v.t) {
      case "list":
      case "tuple":
        return v.items;
      case "dict":
        return v.keys;
      case "str":
        this.checkSize(v.v.length, pos);
        return [...v.v].map(str);
      case "host": {
        const items = v.host.getAttr?.("__iter__", pos);
        return items && (items.t === "list" || items.t === "tuple") ? items.items : null;
      }
      default:
        return null;
    }
  }

  /** Budget-checked range(), used by the builtins. */
  range(start: number, stop: number, step: number, pos: Pos): Value {
    if (step === 0) return unknown("range step 0");
    const n = Math.max(0, Math.ceil((stop - start) / step));
    this.checkSize(n, pos);
    const items: Value[] = [];
    for (let i = 0; i < n; i++) items.push(int(start + i * step));
    return { t: "list", items };
  }
}

/** The links of a left-nested chain (innermost first) and the expression at its bottom. */
function leftSpine<K extends "binop" | "boolop">(
  e: Extract<Expr, { kind: K }>,
  kind: K,
): { leaf: Expr; spine: Extract<Expr, { kind: K }>[] } {
  const spine: Extract<Expr, { kind: K }>[] = [];
  let node: Expr = e;
  while (node.kind === kind) {
    const link = node as Extract<Expr, { kind: K }>;
    spine.push(link);
    node = (link as Extract<Expr, { kind: "binop" | "boolop" }>).left;
  }
  return { leaf: node, spine: spine.reverse() };
}

export function emptyArgs(): CallArgs {
  return { positional: [], keywords: new Map(), keywordPos: new Map(), positionalPos: [] };
}

function dictSet(d: Extract<Value, { t: "dict" }>, key: Value, value: Value): void {
  const at = d.keys.findIndex((k) => pyEquals(k, key) === true);
  if (at >= 0) d.values[at] = value;
  else {
    d.keys.push(key);
    d.values.push(value);
  }
}

function pySlice(items: Value[], lo: number | null, hi: number | null, step: number | null): Value[] {
  const n = items.length;
  const s = step ?? 1;
  const norm = (i: number | null, dflt: number) =>
    i === null ? dflt : i < 0 ? Math.max(n + i, s < 0 ? -1 : 0) : Math.min(i, n);
  const out: Value[] = [];
  if (s > 0) for (let i = norm(lo, 0); i < norm(hi, n); i += s) out.push(items[i] as Value);
  else for (let i = norm(lo, n - 1); i > norm(hi, -1); i += s) if (i < n) out.push(items[i] as Value);
  return out;
}

function arithmetic(op: BinOp, x: number, y: number, isFloat: boolean): Value {
  const num = (v: number, float = isFloat): Value =>
    float || !Number.isFinite(v) ? { t: "float", v } : int(v);
  switch (op) {
    case "+":
      return num(x + y);
    case "-":
      return num(x - y);
    case "*":
      return num(x * y);
    case "/":
      return y === 0 ? unknown("division by zero") : num(x / y, true);
    case "//":
      return y === 0 ? unknown("division by zero") : num(Math.floor(x / y));
    case "%":
      return y === 0 ? unknown("division by zero") : num(x - y * Math.floor(x / y));
    case "**":
      return num(x ** y, isFloat || y < 0);
    case "&":
      return int(x & y);
    case "|":
      return int(x | y);
    case "^":
      return int(x ^ y);
    case "<<":
      return int(x * 2 ** y);
    case ">>":
      return int(Math.floor(x / 2 ** y));
    case "@":
      return unknown("matmul");
  }
}

function compare(op: CompareOp, a: Value, b: Value): boolean | null {
  if (op === "==" || op === "is") return pyEquals(a, b);
  if (op === "!=" || op === "is not") {
    const e = pyEquals(a, b);
    return e === null ? null : !e;
  }
  if (op === "in" || op === "not in") {
    let found: boolean | null = null;
    if (b.t === "list" || b.t === "tuple") found = b.items.some((i) => pyEquals(i, a) === true);
    else if (b.t === "dict") found = b.keys.some((k) => pyEquals(k, a) === true);
    else if (b.t === "str" && a.t === "str") found = b.v.includes(a.v);
    if (found === null) return null;
    return op === "in" ? found : !found;
  }
  const x = numberOf(a);
  const y = numberOf(b);
  if (x === null || y === null) {
    if (a.t === "str" && b.t === "str") return cmp(op, a.v < b.v ? -1 : a.v > b.v ? 1 : 0);
    return null;
  }
  return cmp(op, x - y);
}

function cmp(op: CompareOp, d: number): boolean {
  if (op === "<") return d < 0;
  if (op === "<=") return d <= 0;
  if (op === ">") return d > 0;
  return d >= 0;
}

function method(name: string, call: (args: CallArgs, pos: Pos) => Value): Value {
  return { t: "host", host: { label: name, call } };
}

function listMethod(list: Extract<Value, { t: "list" }>, name: string, ev: Evaluator): Value {
  switch (name) {
    case "append":
      return method("list.append", (args, pos) => {
        ev.checkSize(list.items.length + 1, pos);
        list.items.push(args.positional[0] ?? NONE);
        return NONE;
      });
    case "extend":
      return method("list.extend", (args, pos) => {
        const items = ev.iterate(args.positional[0] ?? NONE, pos);
        if (items) for (const item of items) list.items.push(item);
        return NONE;
      });
    case "insert":
      return method("list.insert", (args) => {
        const i = numberOf(args.positional[0] ?? NONE) ?? list.items.length;
        list.items.splice(i < 0 ? list.items.length + i : i, 0, args.positional[1] ?? NONE);
        return NONE;
      });
    case "pop":
      return method("list.pop", (args) => {
        const i = numberOf(args.positional[0] ?? int(-1)) ?? -1;
        const at = i < 0 ? list.items.length + i : i;
        return list.items.splice(at, 1)[0] ?? unknown("pop");
      });
    case "copy":
      return method("list.copy", () => ({ t: "list", items: [...list.items] }));
    case "reverse":
      return method("list.reverse", () => {
        list.items.reverse();
        return NONE;
      });
    default:
      return unknown(`list.${name}`);
  }
}

function dictMethod(d: Extract<Value, { t: "dict" }>, name: string): Value {
  switch (name) {
    case "get":
      return method("dict.get", (args) => {
        const key = args.positional[0] ?? NONE;
        const at = d.keys.findIndex((k) => pyEquals(k, key) === true);
        return at >= 0 ? (d.values[at] as Value) : (args.positional[1] ?? NONE);
      });
    case "items":
      return method("dict.items", () => ({
        t: "list",
        items: d.keys.map((k, i) => ({ t: "tuple", items: [k, d.values[i] as Value] })),
      }));
    case "keys":
      return method("dict.keys", () => ({ t: "list", items: [...d.keys] }));
    case "values":
      return method("dict.values", () => ({ t: "list", items: [...d.values] }));
    default:
      return unknown(`dict.${name}`);
  }
}

function strMethod(s: Extract<Value, { t: "str" }>, name: string): Value {
  switch (name) {
    case "upper":
      return method("str.upper", () => str(s.v.toUpperCase()));
    case "lower":
      return method("str.lower", () => str(s.v.toLowerCase()));
    case "join":
      return method("str.join", (args) => {
        const items = args.positional[0];
        if (!items || (items.t !== "list" && items.t !== "tuple")) return unknown("join");
        const parts = items.items.map((i) => (i.t === "str" ? i.v : null));
        return parts.every((p) => p !== null) ? str(parts.join(s.v)) : unknown("join");
      });
    default:
      return unknown(`str.${name}`);
  }
}
