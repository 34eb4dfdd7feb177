/**
 * Effects: what an action would do to the machine, one entry per consequence. Policy rules match
 * effects, never raw text, so `r''m -rf ~` and `find ~ -delete` meet the same rule.
 */
export type PathClass =
  | "workspace" // inside a workspace root
  | "session" // created by the agent earlier in this session
  | "temp" // /tmp, /var/tmp, $TMPDIR
  | "null-device" // /dev/null, /dev/stdout and friends: writing there changes nothing
  | "home" // the user's home, outside the workspace
  | "system" // anything else on the machine
  | "secret" // credentials and sensitive system files
  | "protected" // agent settings and hooks, .git/hooks, shell rc files, CI config, autogate's own files
  | "unknown"; // could not be resolved statically ($VAR we do not know)

export interface Span {
  start: number;
  end: number;
}

export interface PathRef {
  /** Absolute, normalised path, or the raw text when it could not be resolved. */
  path: string;
  class: PathClass;
}

export type NetDirection = "download" | "upload" | "connect";

export type Effect = (
  /** `metadata`: only the name, size, count or type is shown (`ls -la .env`, `wc -l`), not the content. */
  | ({ type: "read" } & PathRef & { metadata?: boolean })
  | ({ type: "write" } & PathRef & { append?: boolean })
  | ({ type: "delete" } & PathRef & { recursive: boolean })
  /** A program runs. `known` = autogate has a table entry for it; `code` = it runs code from that path. */
  | { type: "run"; program: string; argv: string[]; known: boolean; code?: PathRef }
  /** Code of untrusted origin runs: downloaded, decoded, or fetched from a registry at run time. */
  | { type: "untrusted-code"; origin: "download" | "decoded" | "registry" | "remote-script" }
  | { type: "net"; direction: NetDirection; host: string; url?: string; payload?: PathClass | "data" }
  /** `readOnly`: what runs with those rights only reads (sudo lsof, sudo git status). */
  | { type: "privilege"; how: string; readOnly?: boolean }
  | { type: "persistence"; mechanism: string }
  | { type: "process-kill"; target: string }
  | { type: "package-install"; manager: string; source: "manifest" | "registry" | "url" | "local"; global: boolean }
  | { type: "vcs"; op: "push" | "discard" | "history-rewrite" | "branch-delete" | "stash-drop" | "config" | "skip-hooks"; force?: boolean; lease?: boolean; remote?: string; path?: string; class?: PathClass }
  /** A change to the machine's configuration: services, mounts, firewall, users, kernel. */
  | { type: "system"; what: string }
  /** Irreversible destruction outside the local files: dropped tables, deleted buckets, clusters. */
  | { type: "destroy"; what: string }
  /** A change to shared remote state: deploys, publishes, infrastructure applies. */
  | { type: "remote-change"; what: string }
  | { type: "mcp"; server: string; tool: string; nature: "read" | "write" | "unknown" }
  | { type: "spawn-agent"; prompt: string }
  /** Something that cannot be known statically: a computed program name, unparseable input. */
  | { type: "dynamic"; reason: string }
) & {
  span?: Span;
  note?: string;
  /** Found inside code another program runs (`bash -c`, `python -c`, a script), not typed as a plain command. */
  via?: "shell" | "code";
};

export type EffectType = Effect["type"];
