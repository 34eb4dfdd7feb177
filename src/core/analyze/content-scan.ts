import type { Effect, PathRef } from "./effect.ts";

/**
 * File content the agent writes, checked for things that act later: a download piped into a shell in
 * a package script, an SSH key, a cron line, a CI step that posts secrets. The path's class is judged
 * separately; this looks only at what the text would make happen.
 */
interface ContentRule {
  re: RegExp;
  effect: (target: PathRef) => Effect;
}

const RULES: ContentRule[] = [
  { re: /\b(curl|wget)\b[^\n|]*\|\s*(sudo(\s+-\S+)*\s+)?(ba|z|da)?sh\b|\b(curl|wget)\b[^\n|]*\|\s*(sudo(\s+-\S+)*\s+)?python[0-9.]*\b|\b(ba|z|da)?sh\s+<\(\s*(curl|wget)\b|\b(curl|wget)\b[^\n;&|]*\s-[oO]\s*(\S+)[^\n]*(;|&&)\s*(ba|z|da)?sh\s/, effect: () => ({ type: "untrusted-code", origin: "download", note: "the written text pipes a download into a shell" }) },
  { re: /^(ssh-(rsa|ed25519|dss)|ecdsa-sha2-\S+)\s+AAAA/m, effect: (t) => ({ type: "persistence", mechanism: `SSH key written to ${t.path}` }) },
  { re: /^\s*(@reboot|(\*|[0-9,\-*/]+)(\s+(\*|[0-9,\-*/]+)){4})\s+\S/m, effect: (t) => ({ type: "persistence", mechanism: `cron schedule written to ${t.path}` }) },
  { re: /\b(curl|wget|Invoke-WebRequest)\b[^\n]*(\$\{?\{?\s*secrets\.|\$[A-Z_]*(TOKEN|SECRET|KEY|PASSWORD)\b)|\.ssh\/id_[^\n|]*\|\s*(curl|wget|nc)\b|\bcat\s+[^\n|]*\.env\b[^\n|]*\|\s*(curl|wget|nc)\b|\b(curl|wget)\b[^\n]*\s(-d|--data[\w-]*|-F|--form|-T|--upload-file|--post-file|-H|--header)[=\s]\s*['"]?(\w+=)?@?[^\s'"]*(\.env\b|\.ssh\/|\.aws\/|id_rsa|id_ed25519|\.netrc|\.git-credentials|credentials\b)/, effect: () => ({ type: "net", direction: "upload", host: "(in written script)", payload: "secret", note: "the written text sends a secret over the network" }) },
  { re: /\b(nc|ncat|netcat)\b[^\n]*\s-[a-z]*e\s|\/dev\/tcp\/|socket\.socket[\s\S]{0,300}(dup2|pty\.spawn)/, effect: () => ({ type: "untrusted-code", origin: "remote-script", note: "the written text opens a remote shell" }) },
];

const DOCS = /\.(md|markdown|mdx|rst|adoc)$/i;

export function scanContent(target: PathRef, content: string): Effect[] {
  // Documentation is read, not run: a README may show `curl … | sh` as an install step. (Files other
  // agents read as instructions are protected, and still scanned.)
  if (!content || (DOCS.test(target.path) && target.class !== "protected")) return [];
  const out: Effect[] = [];
  for (const r of RULES) if (r.re.test(content)) out.push(r.effect(target));
  return out;
}
