/**
 * Just enough evaluation of inline code to name the paths it touches: string literals, variables
 * assigned a literal, and path joins of those (`os.path.join("/usr", "../etc/passwd")` is
 * /etc/passwd). Anything else is unresolved, and the caller decides how cautious to be.
 */
export const STR = String.raw`(?:f|r|b|rb|br|u)?(?:"((?:[^"\\\n]|\\.)*)"|'((?:[^'\\\n]|\\.)*)'|\x60([^\x60]*)\x60|q\{([^}]*)\})`;
const HOME_EXPR = /^(?:(?:require\(\s*["'](?:node:)?os["']\s*\)|os)\.homedir\(\s*\)|(?:pathlib\.)?Path\.home\(\s*\)|os\.path\.expanduser\(\s*["']~["']\s*\)|os\.environ\s*\[\s*["']HOME["']\s*\]|os\.(?:environ\.get|getenv)\(\s*["']HOME["']\s*\)|process\.env\.HOME\b|process\.env\[\s*["']HOME["']\s*\]|ENV\s*\[\s*["']HOME["']\s*\]|\$ENV\{\s*["']?HOME["']?\s*\}|Dir\.home\b|Deno\.env\.get\(\s*["']HOME["']\s*\))/;
const JOIN = /^(?:os\.path\.join|path\.join|path\.resolve|pathlib\.Path|Path|File\.join|join)\s*\(/;

export interface CodeValues {
  /** The value of the expression at the start of `text`, when it is a literal, a known variable or a join of those. */
  valueAt(text: string): string | undefined;
}

/** The literal's text with the common backslash escapes undone (`'it\'s'` is it's). */
function literal(m: RegExpExecArray): string {
  return (m[1] ?? m[2] ?? m[3] ?? m[4] ?? "").replace(/\\(["'\\])/g, "$1").replace(/\\n/g, "\n").replace(/\\t/g, "\t");
}

export function codeValues(code: string): CodeValues {
  const vars = new Map<string, string>();
  const values: CodeValues = {
    valueAt(text: string): string | undefined {
      const t = text.trimStart();
      // The home folder, however the language spells it.
      if (HOME_EXPR.test(t)) return "~";
      const lit = new RegExp(`^${STR}`).exec(t);
      if (lit) return /\{[^}]*\}/.test(lit[0]) && /^f/.test(lit[0]) ? undefined : literal(lit);
      const join = JOIN.exec(t);
      if (join) {
        const args = splitArgs(t.slice(join[0].length));
        if (!args) return undefined;
        const parts = args.map((a) => values.valueAt(a));
        if (parts.some((p) => p === undefined)) return undefined;
        return parts.reduce((acc, p) => (p!.startsWith("/") ? p! : acc ? `${acc.replace(/\/$/, "")}/${p}` : p!), "");
      }
      const name = /^([A-Za-z_$][\w$]*)\s*(?:[,)\]]|$)/.exec(t)?.[1];
      return name !== undefined ? vars.get(name) : undefined;
    },
  };
  // Assignments in source order, so a later one sees the earlier ones.
  const assign = /(?:^|[\s;(])(?:const |let |var |my |local )?\$?([A-Za-z_]\w*)\s*=(?!=)\s*([^\n;]+)/gm;
  for (const m of code.matchAll(assign)) {
    const v = values.valueAt(m[2]);
    if (v !== undefined) vars.set(m[1], v);
    else vars.delete(m[1]);
  }
  return values;
}

/** Top-level comma-separated arguments up to the closing parenthesis, or undefined if unbalanced. */
function splitArgs(text: string): string[] | undefined {
  const out: string[] = [];
  let depth = 0;
  let quote = "";
  let cur = "";
  for (let i = 0; i < text.length && i < 2000; i++) {
    const c = text[i];
    if (quote) {
      cur += c;
      if (c === quote && text[i - 1] !== "\\") quote = "";
      continue;
    }
    if (c === '"' || c === "'") quote = c;
    else if (c === "(" || c === "[") depth++;
    else if (c === ")" || c === "]") {
      if (depth === 0) {
        if (cur.trim()) out.push(cur.trim());
        return out;
      }
      depth--;
    } else if (c === "," && depth === 0) {
      out.push(cur.trim());
      cur = "";
      continue;
    }
    cur += c;
  }
  return undefined;
}
