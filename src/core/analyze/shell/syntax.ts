/**
 * The only file that imports the shell parser. It turns unbash's AST into the few shapes the analyzer
 * needs, so swapping or upgrading the parser touches one file.
 */
import { parse } from "unbash";
import type * as U from "unbash";

export type { U };

export interface ParsedShell {
  script: U.Script;
  errors: { message: string; pos: number }[];
}

export function parseShell(source: string): ParsedShell {
  const script = parse(source);
  return { script, errors: [...(script.errors ?? [])] };
}

/** Nested scripts ($(...), <(...)) report their own errors; the walker collects them through this. */
export function nestedErrors(script: U.Script): { message: string; pos: number }[] {
  return [...((script as U.ParsedScript).errors ?? [])];
}
