// Test helpers: render AST nodes compactly so expectations read like Python.
import type { Expr, Stmt } from "../../src/parse/ast.js";
import { parseMessage } from "../../src/parse/parse-python.js";

/** Fully parenthesised rendering: precedence and associativity become visible. */
export function show(e: Expr): string {
  switch (e.kind) {
    case "name":
      return e.id;
    case "int":
    case "float":
      return e.raw;
    case "str":
      return JSON.stringify(e.value);
    case "fstring":
      return e.raw;
    case "none":
      return "None";
    case "bool":
      return e.value ? "True" : "False";
    case "ellipsis":
      return "...";
    case "tuple":
      return `(${e.items.map(show).join(", ")}${e.items.length === 1 ? "," : ""})`;
    case "list":
      return `[${e.items.map(show).join(", ")}]`;
    case "set":
      return `{${e.items.map(show).join(", ")}}`;
    case "dict":
      return `{${e.entries.map((d) => (d.key === null ? `**${show(d.value)}` : `${show(d.key)}: ${show(d.value)}`)).join(", ")}}`;
    case "attr":
      return `${show(e.object)}.${e.name}`;
    case "call":
      return `${show(e.func)}(${e.args.map((a) => `${a.star}${a.name === null ? "" : `${a.name}=`}${show(a.value)}`).join(", ")})`;
    case "subscript":
      return `${show(e.object)}[${show(e.index)}]`;
    case "slice":
      return `${e.lower ? show(e.lower) : ""}:${e.upper ? show(e.upper) : ""}${e.step ? `:${show(e.step)}` : ""}`;
    case "binop":
      return `(${show(e.left)} ${e.op} ${show(e.right)})`;
    case "unary":
      return `(${e.op === "not" ? "not " : e.op}${show(e.operand)})`;
    case "boolop":
      return `(${show(e.left)} ${e.op} ${show(e.right)})`;
    case "compare":
      return `(${show(e.first)}${e.rest.map((r) => ` ${r.op} ${show(r.right)}`).join("")})`;
    case "ifexp":
      return `(${show(e.body)} if ${show(e.test)} else ${show(e.orelse)})`;
    case "lambda":
      return `(lambda ${e.params.map((p) => `${p.star}${p.name}${p.default ? `=${show(p.default)}` : ""}`).join(", ")}: ${show(e.body)})`;
    case "comp": {
      const clauses = e.clauses
        .map(
          (c) =>
            ` for ${show(c.target)} in ${show(c.iter)}${c.conditions.map((x) => ` if ${show(x)}`).join("")}`,
        )
        .join("");
      const element = e.value === null ? show(e.element) : `${show(e.element)}: ${show(e.value)}`;
      const [open, close] = e.type === "list" ? ["[", "]"] : e.type === "generator" ? ["(", ")"] : ["{", "}"];
      return `${open}${element}${clauses}${close}`;
    }
    case "starred":
      return `*${show(e.value)}`;
  }
}

/** Parses one statement and returns it (fails the test on skips or extra statements). */
export function one(code: string): Stmt {
  const parsed = parseMessage(code);
  if (parsed.skipped.length > 0) throw new Error(`skipped: ${JSON.stringify(parsed.skipped)}`);
  const [stmt, ...rest] = parsed.body;
  if (stmt === undefined || rest.length > 0)
    throw new Error(`expected one statement, got ${parsed.body.length}`);
  return stmt;
}

/** The rendering of an expression statement. */
export function expr(code: string): string {
  const stmt = one(code);
  if (stmt.kind !== "expr") throw new Error(`not an expression statement: ${stmt.kind}`);
  return show(stmt.value);
}
