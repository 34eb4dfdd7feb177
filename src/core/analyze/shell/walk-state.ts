/** What the shell walker knows at a point of the script, and what it has found so far. */
import type { Span } from "../effect.ts";
import type { SimpleCommand } from "./command.ts";
import type { U } from "./syntax.ts";

export interface Scope {
  cwd: string;
  /** The folder we were in before a `cd` that may have failed (`cd x; rm -rf *`): paths are judged in both. */
  cwdAlt?: string;
  vars: Map<string, string | null>; // null = assigned, but to something dynamic
  functions: Map<string, U.Function>;
  home: string;
  /** The project's root (for `$(git rev-parse --show-toplevel)`), when known. */
  root?: string;
}

export interface Walker {
  out: SimpleCommand[];
  problems: { reason: string; span: Span }[];
  depth: number;
  calling: Set<string>;
  /** Nesting of $( ) and <( ) being walked: each level re-parses its text, so depth is bounded. */
  substitutions: number;
  /** Walks a substitution's script (`$( )`, `<( )`, `$(( $( ) ))`): they run, so their commands count. */
  nested(getScript: () => U.Script | undefined, pos: number, scope: Scope, upstream?: SimpleCommand[]): void;
}

export const span = (n: { pos: number; end: number }, base: number): Span => ({ start: base + n.pos, end: base + n.end });

export function fork(scope: Scope): Scope {
  return { ...scope, vars: new Map(scope.vars), functions: new Map(scope.functions) };
}
