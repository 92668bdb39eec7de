import type { BuildIssue } from "../model/problems.js";
import type { Pos } from "./ast.js";
import { type CallArgs, numberOf, repr, type Value } from "./values.js";

/** Thrown inside a layer constructor's normaliser; caught by the builder and turned into a problem. */
export class ArgError {
  constructor(
    readonly issue: BuildIssue,
    readonly pos: Pos | null,
  ) {}
}

/** The largest size we accept for a count or a dimension before anything is computed. */
export const MAX_SIZE = 1_000_000;

/**
 * Binds a call's arguments to a framework signature (positional names in order) and reads them
 * as typed values, the way the framework would normalise them (an int becomes a tuple, etc.).
 */
export class ArgReader {
  private readonly bound = new Map<string, { value: Value; pos: Pos | null }>();

  constructor(
    readonly className: string,
    signature: readonly string[],
    args: CallArgs,
    readonly callPos: Pos,
  ) {
    args.positional.forEach((value, i) => {
      const name = signature[i];
      if (name !== undefined) this.bound.set(name, { value, pos: args.positionalPos[i] ?? callPos });
    });
    for (const [name, value] of args.keywords)
      this.bound.set(name, { value, pos: args.keywordPos.get(name) ?? callPos });
  }

  has(name: string): boolean {
    const v = this.bound.get(name);
    return v !== undefined && v.value.t !== "none";
  }

  raw(name: string): Value | undefined {
    return this.bound.get(name)?.value;
  }

  posOf(name: string): Pos {
    return this.bound.get(name)?.pos ?? this.callPos;
  }

  private fail(arg: string, got: Value, expected: string): never {
    throw new ArgError(
      { code: "bad_arg", className: this.className, arg, got: repr(got), expected },
      this.posOf(arg),
    );
  }

  private required(name: string): Value {
    const v = this.bound.get(name);
    if (!v || v.value.t === "none")
      throw new ArgError({ code: "missing_arg", className: this.className, arg: name }, this.callPos);
    return v.value;
  }

  /** An integer argument from `min` to `max` (default: any sane size). */
  int(name: string, fallback?: number, min = 1, max = MAX_SIZE): number {
    if (!this.has(name)) {
      if (fallback !== undefined) return fallback;
      this.required(name);
    }
    const v = this.required(name);
    const n = numberOf(v);
    if (n === null || !Number.isInteger(n) || v.t === "bool") this.fail(name, v, "an integer");
    if (n < min || n > max)
      this.fail(
        name,
        v,
        min === 0
          ? `an integer from 0 to ${max.toLocaleString("en-US")}`
          : `a positive integer up to ${max.toLocaleString("en-US")}`,
      );
    return n;
  }

  optionalInt(name: string, min = 1): number | null {
    return this.has(name) ? this.int(name, undefined, min) : null;
  }

  number(name: string, fallback: number): number {
    if (!this.has(name)) return fallback;
    const v = this.required(name);
    const n = numberOf(v);
    if (n === null) this.fail(name, v, "a number");
    return n;
  }

  bool(name: string, fallback: boolean): boolean {
    if (!this.has(name)) return fallback;
    const v = this.required(name);
    if (v.t === "bool") return v.v;
    const n = numberOf(v);
    if (n === null) this.fail(name, v, "True or False");
    return n !== 0;
  }

  str(name: string, fallback: string): string {
    if (!this.has(name)) return fallback;
    const v = this.required(name);
    if (v.t !== "str") this.fail(name, v, "a string");
    return v.v;
  }

  choice<const T extends string>(name: string, options: readonly T[], fallback: T): T {
    const s = this.str(name, fallback).toLowerCase();
    if (!(options as readonly string[]).includes(s))
      this.fail(name, this.raw(name) as Value, options.map((o) => `'${o}'`).join(" or "));
    return s as T;
  }

  /** An int or a tuple of `rank` ints (Keras kernel_size, strides, dilation_rate…). */
  tuple(name: string, rank: number, fallback?: number | number[], min = 1): number[] {
    if (!this.has(name)) {
      if (fallback === undefined) this.required(name);
      return Array.isArray(fallback) ? fallback : Array<number>(rank).fill(fallback as number);
    }
    const v = this.required(name);
    return this.toTuple(name, v, rank, min);
  }

  toTuple(name: string, v: Value, rank: number, min = 1): number[] {
    const single = numberOf(v);
    if (single !== null && v.t !== "bool") {
      if (!Number.isInteger(single) || single < min || single > MAX_SIZE)
        this.fail(name, v, `positive integers`);
      return Array<number>(rank).fill(single);
    }
    if ((v.t === "tuple" || v.t === "list") && v.items.length === rank) {
      return v.items.map((item) => {
        const n = numberOf(item);
        if (n === null || !Number.isInteger(n) || n < min || n > MAX_SIZE)
          this.fail(name, v, `${rank} positive integers`);
        return n;
      });
    }
    return this.fail(name, v, rank === 1 ? "an integer" : `an integer or a tuple of ${rank} integers`);
  }

  /** A shape tuple without the batch axis; None stays null. */
  shape(name: string): (number | null)[] | null {
    if (!this.has(name)) return null;
    const v = this.required(name);
    return this.shapeOf(name, v);
  }

  shapeOf(name: string, v: Value): (number | null)[] {
    const n = numberOf(v);
    if (n !== null && Number.isInteger(n) && n > 0 && n <= MAX_SIZE) return [n];
    if (v.t !== "tuple" && v.t !== "list") return this.fail(name, v, "a shape tuple such as (128, 128, 3)");
    if (v.items.length > 8) this.fail(name, v, "a shape of at most 8 axes");
    return v.items.map((item) => {
      if (item.t === "none") return null;
      const d = numberOf(item);
      if (d === null || !Number.isInteger(d) || d < 0 || d > MAX_SIZE)
        return this.fail(name, v, "sizes that are positive integers or None");
      return d;
    });
  }

  /** An int list (Permute dims, Reshape target). */
  ints(name: string, min = Number.NEGATIVE_INFINITY): number[] {
    const v = this.required(name);
    const items = v.t === "tuple" || v.t === "list" ? v.items : [v];
    return items.map((item) => {
      const n = numberOf(item);
      if (n === null || !Number.isInteger(n) || n < min || n > MAX_SIZE)
        return this.fail(name, v, "a tuple of integers");
      return n;
    });
  }
}
