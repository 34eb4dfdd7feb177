import type { Effect, Span } from "../../../core/analyze/effect.ts";

/**
 * Cuts a command into segments at every effect span boundary, so nested and overlapping spans
 * (a `run` covering `rm -rf ~`, a `delete` covering just `~`) can each be highlighted. Spans are
 * UTF-16 offsets, which is what JavaScript string indices are.
 */
export interface Segment {
  text: string;
  start: number;
  end: number;
  /** Indexes of the effects whose span covers this segment. */
  effects: number[];
}

export function segments(command: string, spans: (Span | undefined)[]): Segment[] {
  const len = command.length;
  const clamp = (n: number) => Math.min(Math.max(Math.trunc(Number.isFinite(n) ? n : 0), 0), len);
  const valid = spans.map((s) => (s && typeof s.start === "number" && typeof s.end === "number" && clamp(s.end) > clamp(s.start) ? { start: clamp(s.start), end: clamp(s.end) } : undefined));
  const cuts = [...new Set([0, len, ...valid.flatMap((s) => (s ? [s.start, s.end] : []))])].sort((a, b) => a - b);
  const out: Segment[] = [];
  for (let i = 0; i + 1 < cuts.length; i++) {
    const [start, end] = [cuts[i], cuts[i + 1]];
    const effects = valid.flatMap((s, j) => (s && s.start <= start && s.end >= end ? [j] : []));
    out.push({ text: command.slice(start, end), start, end, effects });
  }
  return out;
}

/** One line a person can read: what the effect does, and the facts that rules match on. */
export function describeEffect(e: Effect): { kind: string; what: string; facts: string[] } {
  const facts: string[] = [];
  switch (e.type) {
    case "read":
    case "write":
    case "delete":
      facts.push(e.class);
      if (e.type === "delete" && e.recursive) facts.push("recursive");
      if (e.type === "write" && e.append) facts.push("append");
      return { kind: e.type, what: e.path, facts };
    case "run":
      if (!e.known) facts.push("unknown program");
      if (e.code) facts.push(`code: ${e.code.class}`);
      return { kind: "run", what: (e.argv?.length ? e.argv : [e.program]).join(" ") + (e.code ? `  ← ${e.code.path}` : ""), facts };
    case "untrusted-code":
      return { kind: "untrusted code", what: `from ${e.origin}`, facts };
    case "net": {
      const trusted = (e as { trusted?: boolean }).trusted;
      if (trusted !== undefined) facts.push(trusted ? "trusted host" : "untrusted host");
      if (e.payload) facts.push(`sends ${e.payload}`);
      return { kind: `net ${e.direction}`, what: e.url ?? e.host, facts };
    }
    case "privilege":
      return { kind: "privilege", what: e.how, facts };
    case "persistence":
      return { kind: "persistence", what: e.mechanism, facts };
    case "process-kill":
      return { kind: "kill", what: e.target, facts };
    case "package-install":
      facts.push(`from ${e.source}`);
      if (e.global) facts.push("global");
      return { kind: "install", what: e.manager, facts };
    case "vcs": {
      const trusted = (e as { trusted?: boolean }).trusted;
      if (e.force) facts.push("force");
      if (e.class) facts.push(e.class);
      if (trusted !== undefined) facts.push(trusted ? "trusted remote" : "untrusted remote");
      return { kind: `git ${e.op}`, what: [e.remote, e.path].filter(Boolean).join(" ") || e.op, facts };
    }
    case "system":
    case "destroy":
    case "remote-change":
      return { kind: e.type, what: e.what, facts };
    case "mcp":
      facts.push(e.nature);
      return { kind: "mcp", what: `${e.server} · ${e.tool}`, facts };
    case "spawn-agent":
      return { kind: "subagent", what: e.prompt.length > 240 ? `${e.prompt.slice(0, 240)}…` : e.prompt, facts };
    case "dynamic":
      return { kind: "dynamic", what: e.reason, facts };
    default:
      return { kind: String((e as { type?: unknown }).type ?? "effect"), what: JSON.stringify(e), facts };
  }
}
