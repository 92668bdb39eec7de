// Evaluates the symbolic sizes of src/model/symbolic.ts ("16*(H//4-3)*(W//4-3)", "ceil(H/2)") for
// given values of their variables, and finds the input sizes for which such a size equals what a
// layer needs: how shapebot says which inputs a model accepts when none was given.

type Vars = Record<string, number>;

/** The value of `expr` with `vars` substituted; null when it does not parse or a name is unknown. */
export function evalDim(expr: string, vars: Vars): number | null {
  let i = 0;
  const peek = () => expr[i];
  const skip = () => {
    while (expr[i] === " ") i++;
  };
  const atom = (): number | null => {
    skip();
    if (peek() === "(") {
      i++;
      const v = sum();
      skip();
      if (peek() !== ")") return null;
      i++;
      return v;
    }
    if (peek() === "-") {
      i++;
      const v = atom();
      return v === null ? null : -v;
    }
    const num = /^\d+/.exec(expr.slice(i));
    if (num) {
      i += num[0].length;
      return Number(num[0]);
    }
    const name = /^[A-Za-z_]\w*/.exec(expr.slice(i));
    if (!name) return null;
    i += name[0].length;
    if (name[0] === "ceil" && peek() === "(") {
      const v = atom();
      return v === null ? null : Math.ceil(v);
    }
    const v = vars[name[0]];
    return v === undefined ? null : v;
  };
  const product = (): number | null => {
    let acc = atom();
    for (;;) {
      skip();
      if (acc === null) return null;
      if (expr.startsWith("//", i)) {
        i += 2;
        const r = atom();
        if (r === null || r === 0) return null;
        acc = Math.floor(acc / r);
      } else if (peek() === "*") {
        i++;
        const r = atom();
        if (r === null) return null;
        acc *= r;
      } else if (peek() === "/") {
        i++;
        const r = atom();
        if (r === null || r === 0) return null;
        acc /= r;
      } else return acc;
    }
  };
  const sum = (): number | null => {
    let acc = product();
    for (;;) {
      skip();
      if (acc === null) return null;
      if (peek() === "+") {
        i++;
        const r = product();
        acc = r === null ? null : acc + r;
      } else if (peek() === "-") {
        i++;
        const r = product();
        acc = r === null ? null : acc - r;
      } else return acc;
    }
  };
  const v = sum();
  skip();
  return i === expr.length ? v : null;
}

/** The size variables of an expression (H, W, L, T, D): the ones a user's input fixes. */
export function sizeVars(expr: string): string[] {
  return [...new Set(expr.match(/\b[A-Z]\b/g) ?? [])].filter((v) => v !== "N");
}

export const MAX_SIDE = 2048;

/**
 * Square inputs (every size variable the same s, 1 ≤ s ≤ 2048) for which `expr` equals
 * `equals`, as inclusive ranges; empty when none does.
 */
export function solveSquare(expr: string, equals: number): [number, number][] {
  const vars = sizeVars(expr);
  const ranges: [number, number][] = [];
  for (let s = 1; s <= MAX_SIDE; s++) {
    const values: Vars = { N: 1 };
    for (const v of vars) values[v] = s;
    if (evalDim(expr, values) !== equals) continue;
    const last = ranges[ranges.length - 1];
    if (last && last[1] === s - 1) last[1] = s;
    else ranges.push([s, s]);
    if (ranges.length > 8) break;
  }
  return ranges;
}

/** The smallest square side for which every expression is at least 1 (no axis shrinks to nothing). */
export function smallestSide(exprs: string[]): number | null {
  const relevant = exprs.filter((e) => sizeVars(e).length > 0);
  if (relevant.length === 0) return null;
  for (let s = 1; s <= MAX_SIDE; s++) {
    const ok = relevant.every((e) => {
      const values: Vars = { N: 1 };
      for (const v of sizeVars(e)) values[v] = s;
      const v = evalDim(e, values);
      return v === null || v >= 1;
    });
    if (ok) return s;
  }
  return null;
}
