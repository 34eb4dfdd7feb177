import type { Span } from "../effect.ts";

/** A word after expansion. `dynamic` = its value depends on run-time state we could not resolve. */
export interface ShellWord {
  value: string;
  text: string;
  dynamic: boolean;
  /** Contains unquoted glob characters or brace expansion. */
  glob: boolean;
  /** Stands for items read from stdin at run time (xargs, parallel): fine as paths, unknown as code. */
  fromStdin?: boolean;
  /** `<(curl …)`: the programs whose output this word stands for (a pipe, not a file). */
  producers?: string[];
  span: Span;
}

export interface ShellRedirect {
  op: string;
  fd?: number;
  target?: ShellWord;
  /** Here-document or here-string text, fed to the command's stdin. */
  stdinText?: string;
  span: Span;
}

/** One simple command that would run, with the context it runs in. */
export interface SimpleCommand {
  argv: ShellWord[];
  redirects: ShellRedirect[];
  assignments: { name: string; value: ShellWord }[];
  cwd: string;
  /** Where the command runs if an earlier `cd` failed: relative paths take the stricter of the two. */
  cwdAlt?: string;
  span: Span;
  /** Argv[0] of every earlier stage of the same pipeline: `curl x | sh` gives sh upstream ["curl"]. */
  upstream: SimpleCommand[];
  /** Text this command reads on stdin from a here-doc or here-string, if any. */
  stdinText?: string;
  /** Nesting depth of bash -c / eval / substitution; bounded to keep adversarial input cheap. */
  depth: number;
}
