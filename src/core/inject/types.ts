/**
 * Shared shapes of the prompt-injection output scanner. Kept apart so the helpers (hidden characters,
 * decoding, phrase analysis) and the orchestrator agree on one vocabulary without importing each other.
 */

export type InjectionKind =
  | "override"
  | "addressed-imperative"
  | "fake-markup"
  | "exfil-instruction"
  | "hidden-characters"
  | "encoded-payload"
  | "exfil-url";

export type InjectionSeverity = "high" | "medium";

export interface InjectionFinding {
  kind: InjectionKind;
  severity: InjectionSeverity;
  /** At most 160 characters around the finding, hidden characters shown as <U+XXXX>. */
  excerpt: string;
  /** UTF-16 offset into the scanned text. */
  offset: number;
  explanation: string;
}

export interface ToolSource {
  tool: string;
  /** URL, file path or server the output came from, when known. */
  origin?: string;
}

/** A finding before offsets are mapped back to the original text and excerpts are cut. */
export interface RawFinding {
  kind: InjectionKind;
  severity: InjectionSeverity;
  start: number;
  end: number;
  explanation: string;
  /** Set when the original characters are unreadable (tags, base64): the decoded text to show instead. */
  excerpt?: string;
}
