import picomatch from "picomatch";

/**
 * Compiled glob matchers, memoised per options object and pattern list: compiling is the expensive
 * part, and the same secret/protected/host/rule globs are asked about for every effect. Callers pass
 * one of the option constants below, so the lookup is two map hits on the hot path. No patterns:
 * matches nothing.
 */
/** Credential and protected paths: macOS and Windows file systems ignore case, so `.Claude/settings.json` is the same file. */
export const PATH_GLOB = { dot: true, nocase: true } as const;
export const RULE_GLOB = { dot: true, bash: true } as const;
export const HOST_GLOB = { nocase: true } as const;
type GlobOptions = typeof PATH_GLOB | typeof RULE_GLOB | typeof HOST_GLOB;

const cache = new Map<GlobOptions, Map<string, (s: string) => boolean>>();

export function globMatcher(patterns: string | readonly string[], options: GlobOptions): (s: string) => boolean {
  const key = typeof patterns === "string" ? patterns : patterns.join("\0");
  let byPattern = cache.get(options);
  if (!byPattern) cache.set(options, (byPattern = new Map()));
  let m = byPattern.get(key);
  if (!m) byPattern.set(key, (m = compile(patterns, options)));
  return m;
}

/** A list becomes one alternation: one regex test per path instead of one per pattern (~70 secret globs). */
function compile(patterns: string | readonly string[], options: GlobOptions): (s: string) => boolean {
  const list = typeof patterns === "string" ? [patterns] : patterns;
  if (list.length === 0) return () => false;
  // A negated pattern (`!x`) means something else inside an alternation: those keep picomatch's own list logic.
  if (list.some((p) => p.startsWith("!"))) return picomatch(list as string[], options);
  try {
    const res = list.map((p) => picomatch.makeRe(p, options));
    const one = new RegExp(res.map((r) => `(?:${r.source})`).join("|"), res[0].flags);
    return (s) => one.test(s);
  } catch {
    return picomatch(list as string[], options);
  }
}
