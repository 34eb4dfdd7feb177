import type { ToolCall } from "../../core/action/tool-call.ts";
import type { AutogateError } from "../../core/errors.ts";
import { shellQuote } from "../agent-settings/claude-code-settings.ts";

/**
 * Codex's `apply_patch` carries a whole multi-file patch in one call. autogate judges it by what it
 * does, file by file, exactly as it judges the same change made with Claude Code's tools: an added
 * file is a Write of its content, an updated file an Edit whose new text is every added line (a move
 * also deletes the old path), a deleted file an `rm` of that path. A patch we cannot read is not
 * guessed at: the caller keeps the call whole, which no rule allows.
 *
 * Grammar (codex-rs/apply-patch): `*** Begin Patch`, then per file `*** Add File: p` (+lines),
 * `*** Delete File: p`, or `*** Update File: p` [`*** Move to: q`] with `@@` hunks of ` `/`-`/`+`
 * lines and an optional `*** End of File`; then `*** End Patch`.
 */
export type PatchOp =
  | { kind: "add"; path: string; content: string }
  | { kind: "delete"; path: string }
  | { kind: "update"; path: string; moveTo?: string; added: string };

export function parsePatch(text: string): PatchOp[] | AutogateError {
  const lines = unwrapHeredoc(text).replace(/\r\n/g, "\n").split("\n");
  while (lines.length && !lines[lines.length - 1].trim()) lines.pop();
  let i = lines.findIndex((l) => l.trim() === "*** Begin Patch");
  if (i < 0) return bad("no `*** Begin Patch` line");
  if (lines[lines.length - 1]?.trim() !== "*** End Patch") return bad("no `*** End Patch` line at the end");
  const end = lines.length - 1;
  const ops: PatchOp[] = [];
  for (i++; i < end; ) {
    const header = lines[i];
    const add = /^\*\*\* Add File: (.+)$/.exec(header);
    const del = /^\*\*\* Delete File: (.+)$/.exec(header);
    const upd = /^\*\*\* Update File: (.+)$/.exec(header);
    i++;
    if (add) {
      const body: string[] = [];
      for (; i < end && !lines[i].startsWith("*** "); i++) {
        if (!lines[i].startsWith("+")) return bad(`line ${i + 1}: every line of an added file starts with "+"`);
        body.push(lines[i].slice(1));
      }
      ops.push({ kind: "add", path: add[1].trim(), content: body.length ? body.join("\n") + "\n" : "" });
    } else if (del) {
      ops.push({ kind: "delete", path: del[1].trim() });
    } else if (upd) {
      let moveTo: string | undefined;
      const move = /^\*\*\* Move to: (.+)$/.exec(lines[i] ?? "");
      if (move) (moveTo = move[1].trim()), i++;
      const added: string[] = [];
      for (; i < end && (!lines[i].startsWith("*** ") || lines[i] === "*** End of File"); i++) {
        const l = lines[i];
        if (l.startsWith("+")) added.push(l.slice(1));
        else if (!(l.startsWith("@@") || l.startsWith(" ") || l.startsWith("-") || l === "" || l === "*** End of File")) return bad(`line ${i + 1}: unexpected hunk line ${JSON.stringify(l.slice(0, 60))}`);
      }
      ops.push({ kind: "update", path: upd[1].trim(), moveTo, added: added.join("\n") });
    } else {
      return bad(`line ${i}: expected a file header, got ${JSON.stringify(header.slice(0, 60))}`);
    }
  }
  return ops.length ? ops : bad("the patch changes no file");
}

/** The same change as Claude Code tool calls, each judged like any other call of that tool. */
export function patchCalls(base: ToolCall, text: string): ToolCall[] | AutogateError {
  const ops = parsePatch(text);
  if (!Array.isArray(ops)) return ops;
  const part = (tool: string, input: Record<string, unknown>): ToolCall => ({ ...base, tool, input });
  return ops.flatMap((op) => {
    if (op.kind === "add") return [part("Write", { file_path: op.path, content: op.content })];
    if (op.kind === "delete") return [part("Bash", { command: `rm -- ${shellQuote(op.path)}` })];
    if (!op.moveTo) return [part("Edit", { file_path: op.path, old_string: "", new_string: op.added })];
    return [part("Edit", { file_path: op.moveTo, old_string: "", new_string: op.added }), part("Bash", { command: `rm -- ${shellQuote(op.path)}` })];
  });
}

/**
 * The patch text of a shell command that only runs `apply_patch` with a heredoc (Codex intercepts
 * that form too), or undefined: anything else in the command is for the shell analyzer.
 */
export function patchInShell(command: string): string | undefined {
  const m = /^\s*(?:apply_patch|applypatch)\s+<<\s*['"]?(\w+)['"]?\s*\n([\s\S]*?)\n\1\s*$/.exec(command);
  return m?.[2];
}

/** Models sometimes send the patch still wrapped in the heredoc they would give the shell. */
function unwrapHeredoc(text: string): string {
  const m = /^\s*(?:apply_patch\s+)?<<\s*['"]?(\w+)['"]?\s*\n([\s\S]*?)\n\1\s*$/.exec(text);
  return m ? m[2] : text;
}

const bad = (message: string): AutogateError => ({ code: "hook_input_malformed", message: `apply_patch: ${message}`, hint: "autogate judges a patch file by file; a patch it cannot read is judged as an unknown tool" });
