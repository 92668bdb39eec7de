// What the nearley grammars are compiled and fed with. Each grammar's lexer (moo) runs first;
// nearley then gets the tokens one per `feed("")` call, so a caller can check a budget or stop at
// the first token that fails, token by token.

/** The lexer object a compiled grammar is built with: nearley only calls `has` (for `%TYPE` tests). */
export function grammarLexer<T>(types: ReadonlySet<string>) {
  return {
    has: (tokenType: string): boolean => types.has(tokenType),
    reset: (_chunk: string, _info: unknown): void => {},
    next: (): T | undefined => undefined,
    save: (): undefined => undefined,
    formatError: (_token: never): string => "",
  };
}

/** Hands nearley exactly one pre-lexed token per `feed("")`. */
export class TokenFeeder<T> {
  private pending: T | undefined;

  constructor(private readonly types: ReadonlySet<string>) {}

  /** The token the next `parser.feed("")` will consume. */
  push(token: T): void {
    this.pending = token;
  }
  has(tokenType: string): boolean {
    return this.types.has(tokenType);
  }
  reset(_chunk: string, _info?: unknown): void {}
  next(): T | undefined {
    const token = this.pending;
    this.pending = undefined;
    return token;
  }
  save(): Record<string, never> {
    return {};
  }
  formatError(_token: unknown, message?: string): string {
    return message ?? "";
  }
}
