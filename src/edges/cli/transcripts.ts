import fs from "node:fs";
import path from "node:path";
import type { Policy } from "../../core/policy/layers.ts";
import { replayEvents, type ReplayRow } from "../../core/replay.ts";
import { monotonicNs, newDecisionId } from "../runtime/clock.ts";
import { parseAnyTranscript } from "../transcripts/any-transcript.ts";

/** Shared by replay and eval: find transcripts (Claude Code, Codex or Gemini CLI), replay each with its own session, report progress. */
export function listTranscripts(inputs: string[]): string[] {
  const out: string[] = [];
  const visit = (p: string) => {
    const st = fs.statSync(p);
    if (st.isDirectory()) for (const f of fs.readdirSync(p).sort()) visit(path.join(p, f));
    // Claude Code and Codex write .jsonl; older Gemini CLI versions kept a chat in one .json file.
    else if ((p.endsWith(".jsonl") && path.basename(p) !== "labels.jsonl") || /[\\/]chats[\\/]session-[^\\/]*\.json$/.test(p)) out.push(p);
  };
  inputs.forEach(visit);
  return out;
}

export interface ReplayedFile {
  file: string;
  rows: ReplayRow[];
  badLines: number;
}

/** What to assume about the machine the transcripts were recorded on. */
export interface RecordedMachine {
  home: string;
  tmpdir: string;
}

export function* replayFiles(files: string[], policy: Policy, machine: RecordedMachine): Generator<ReplayedFile> {
  const progress = process.stderr.isTTY ? (i: number) => process.stderr.write(`\r  replaying ${i}/${files.length} transcripts`) : () => {};
  for (const [i, file] of files.entries()) {
    if (i % 25 === 0) progress(i);
    const { events, badLines } = parseAnyTranscript(fs.readFileSync(file, "utf8"));
    yield { file, rows: replayEvents(events, { policy, home: machine.home, vars: { TMPDIR: machine.tmpdir }, defaultCwd: "/workspace", clock: monotonicNs, newId: newDecisionId }), badLines };
  }
  if (process.stderr.isTTY) process.stderr.write(`\r  replayed ${files.length} transcripts${" ".repeat(20)}\n`);
}
