import { isMap, isSeq, LineCounter, parseDocument, type Node } from "yaml";
import type { AutogateError } from "../errors.ts";
import { PolicyFileSchema, type PolicyFile } from "./schema.ts";

/**
 * (file name, text) → PolicyFile, or errors that name the file, line and key at fault. Takes text,
 * not a path: reading files is the edge's job, so this stays pure and testable.
 */
export type ParseResult = { ok: true; file: PolicyFile } | { ok: false; errors: AutogateError[] };

export function parsePolicyText(fileName: string, text: string): ParseResult {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false });
  if (doc.errors.length) {
    return {
      ok: false,
      errors: doc.errors.map((e) => {
        const at = lines.linePos(e.pos[0]);
        return { code: "policy_yaml_syntax", message: e.message.split("\n")[0], hint: "fix the YAML syntax on this line (indentation, quotes, a missing colon)", location: { file: fileName, line: at.line, column: at.col } };
      }),
    };
  }
  const parsed = PolicyFileSchema.safeParse(doc.toJS() ?? {});
  if (parsed.success) return { ok: true, file: parsed.data };
  return {
    ok: false,
    errors: parsed.error.issues.map((issue) => {
      const node = nodeAt(doc.contents as Node | null, issue.path as (string | number)[]);
      const at = node?.range ? lines.linePos(node.range[0]) : undefined;
      const key = issue.path.join(".") || "(top level)";
      return {
        code: "policy_schema",
        message: `${key}: ${issue.message}`,
        hint: hintFor(issue.path as (string | number)[], issue.code),
        location: { file: fileName, line: at?.line, column: at?.col },
      };
    }),
  };
}

function nodeAt(node: Node | null, path: (string | number)[]): Node | null {
  let cur: Node | null = node;
  for (const key of path) {
    if (isMap(cur)) {
      const pair = cur.items.find((p) => (p.key as { value?: unknown })?.value === key);
      if (!pair) return cur;
      cur = (pair.value as Node) ?? (pair.key as Node);
    } else if (isSeq(cur) && typeof key === "number") {
      cur = (cur.items[key] as Node) ?? cur;
    } else return cur;
  }
  return cur;
}

function hintFor(path: (string | number)[], code: string): string {
  const last = path[path.length - 1];
  if (code === "unrecognized_keys") return "remove the key, or check its spelling against `autogate policy show`";
  if (last === "decision") return "decision is one of: allow, judge, ask, deny";
  if (last === "version") return "start the file with `version: 1`";
  if (path.includes("examples")) return "every rule needs examples.match (commands it must match) and may have examples.not_match";
  if (last === "when") return "when: {effect: delete, class: [home, system]} — effect names the effect type";
  return "see the shipped policy (`autogate policy show`) for the expected shape";
}
