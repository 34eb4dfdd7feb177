import type { ShellWord } from "../shell/command.ts";
import type { ProgramContext } from "./context.ts";

/**
 * Programs without a table entry. Most modern CLIs take a verb (`rclone lsd`, `borg delete`,
 * `kafka-topics --list`, `manage.py flush`): a read-only verb makes the call known and harmless, a
 * destructive verb makes it a `destroy`, and anything else stays an unknown program for the judge.
 * `--dry-run` and `--help` turn any verb into a read.
 */
const READ_VERB = /^(list|ls|lsd|lsl|get|show|info|describe|status|version|help|diff|check|validate|inspect|search|find|view|cat|logs?|tail|md5sum|sha1sum|hashsum|size|tree|top|ping|whoami|query|count|stat|stats|explain|lint|verify|doctor|diagnostic|print|display|read|history|outdated|audit|config-get|env)([-_](?!.*(delete|remove|purge|drop)).*)?$/i;
const DESTROY_VERB = /^(delete|del|rm|rmdir|remove|destroy|drop|purge|prune|wipe|reset|flush|flushall|truncate|uninstall|forget|revoke|disable|terminate|kill|unsubscribe|deregister|erase|nuke|shred|cleanup|clean|clear|evict|deprovision|decommission)([-_:].*)?$/i;
const READ_FLAG = /^--?(list|describe|help|version|dry-run|dryrun|check|status|info|show|get|verify)$/i;
const DESTROY_FLAG = /^--?(delete|remove|drop|purge|reset-offsets|force-delete|destroy|wipe|truncate|prune)$/i;

/** Up to two leading verb-like words: `nats stream info`, `vault secrets disable`. */
export function verbs(words: ShellWord[], from = 1): string[] {
  const out: string[] = [];
  for (let i = from; i < words.length && out.length < 3; i++) {
    const v = words[i].value;
    if (v.startsWith("-")) {
      if (/^--?[a-z-]+=/.test(v) || out.length) continue;
      // Skip an option's value: `--bootstrap-server localhost:9092 --list`.
      if (words[i + 1] && !words[i + 1].value.startsWith("-") && !READ_FLAG.test(v) && !DESTROY_FLAG.test(v)) i++;
      continue;
    }
    if (/^[a-z][a-z0-9_:-]*$/i.test(v)) out.push(v);
    else break;
  }
  return out;
}

export type VerbClass = "read" | "destroy" | "unknown";

export function classifyVerbs(words: ShellWord[], from = 1): VerbClass {
  const flags = words.slice(from).map((w) => w.value);
  if (flags.some((f) => /^--(dry-run|dryrun|help)$/.test(f)) || (words.length === from + 1 && /^(-h|--version|-V)$/.test(flags[0] ?? ""))) return "read";
  if (flags.some((f) => DESTROY_FLAG.test(f))) return "destroy";
  const vs = verbs(words, from);
  if (vs.some((v) => DESTROY_VERB.test(v))) return "destroy";
  if (flags.some((f) => READ_FLAG.test(f)) || vs.some((v) => READ_VERB.test(v))) return "read";
  return "unknown";
}

/** For an unknown program: emit what its verb says, and report whether that made it known. */
export function guessByVerb(ctx: ProgramContext, from = 1): boolean {
  const kind = classifyVerbs(ctx.words, from);
  if (kind === "destroy") {
    ctx.emit({ type: "destroy", what: `${ctx.words.slice(0, from + 2).map((w) => w.value).join(" ")} (its verb says it deletes)`, span: ctx.cmd.span });
    return true;
  }
  return kind === "read";
}
