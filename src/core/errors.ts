/**
 * Errors as data: a stable code, a message, and a hint naming the exact key or line at fault.
 * Codes are part of the public surface (tests and users match on them); never reuse one.
 */
export type ErrorCode =
  | "policy_yaml_syntax"
  | "policy_schema"
  | "policy_example_failed"
  | "policy_project_loosens"
  | "policy_unknown_rule"
  | "hook_input_malformed"
  | "hook_internal"
  | "scan_failed"
  | "judge_unavailable"
  | "transcript_malformed";

export interface AutogateError {
  code: ErrorCode;
  message: string;
  hint?: string;
  /** file:line:column when the error comes from a file. */
  location?: { file: string; line?: number; column?: number };
}

export function formatError(e: AutogateError): string {
  const loc = e.location ? `${e.location.file}${e.location.line ? `:${e.location.line}` : ""}${e.location.column ? `:${e.location.column}` : ""}: ` : "";
  return `${loc}${e.code}: ${e.message}${e.hint ? `\n  hint: ${e.hint}` : ""}`;
}

const BRAND = Symbol.for("autogate.failure");

export class AutogateFailure extends Error {
  readonly [BRAND] = true;
  constructor(readonly errors: AutogateError[]) {
    super(errors.map(formatError).join("\n"));
  }
}

/** By brand, not instanceof: the policy compiler ships in a bundle of its own with its own class copy. */
export function isAutogateFailure(e: unknown): e is AutogateFailure {
  return typeof e === "object" && e !== null && (e as Record<symbol, unknown>)[BRAND] === true;
}
