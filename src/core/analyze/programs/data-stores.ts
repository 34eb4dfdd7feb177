import type { PathClass } from "../effect.ts";
import { allOptionValues, emits as emit, operands, type ProgramContext, type ProgramHandler } from "./context.ts";
import { runScript } from "./wrappers.ts";

/**
 * Database clients. What they are told to run decides: statements that destroy data, shell escapes
 * (`psql \!`, mysql `system`, sqlite3 `.shell`, `COPY … TO PROGRAM`), and server functions that read or
 * write files (`pg_read_file`, sqlite3 `writefile`). The text comes from the arguments, a here-doc,
 * or an echo/printf piped in.
 */

/** Statements that destroy data: DROP, TRUNCATE, DELETE without WHERE, FLUSHALL, `deleteMany({})`. */
export const DESTRUCTIVE_SQL = /\b(drop\s+(table|database|schema|index|view|collection|user|keyspace|role|materialized\s+view)|truncate\s+(table\s+)?\w|delete\s+from\s+[\w."`]+\s*(;|$)|flushall|flushdb|dropdatabase|\.drop\(\)|\.(deletemany|remove)\(\s*(\{\s*\})?\s*\)|alter\s+table\s+\w+\s+drop)/i;

/** Statements that change data or schema, or reach outside the database: not a read, whatever the tool is called. */
export const CHANGING_SQL = /\b(insert|update|delete|drop|truncate|alter|create|grant|revoke|replace|merge|upsert|copy|call|exec(ute)?|do|lock|vacuum|reindex|attach|detach|load|into\s+(out|dump)file|pg_read_(binary_)?file|pg_ls_dir|pg_write\w*|lo_(import|export)|load_file|load_extension|readfile|writefile|xp_cmdshell|dblink\w*|set\s+role)\b|\bpragma\s+\w+\s*=/i;

/** Commands a client runs on this machine: psql/mysql `\! cmd`, mysql `system cmd`, sqlite3 `.shell`/`.system`, COPY … PROGRAM. */
function shellEscapes(text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(/(?:\\!|(?:^|[;\n]\s*)system\s|(?:^|[;\n\s])\.(?:shell|system)\s)([^;\n]*)/gi)) out.push(m[1].trim());
  for (const m of text.matchAll(/\bprogram\s+'((?:[^']|'')*)'/gi)) out.push(m[1].replace(/''/g, "'"));
  // psql `\o |cmd`, `\g |cmd`, `\w |cmd`; sqlite3 `.once '|cmd'`, `.output |cmd`, `.read '|cmd'`.
  for (const m of text.matchAll(/\\[ogw]\s*\|([^\n;]*)|\.(?:once|output|read)\s+['"]?\|([^'"\n;]*)/g)) out.push((m[1] ?? m[2]).trim());
  // psql meta-commands expand backticks through the shell: `\set x \`cmd\``.
  for (const m of text.matchAll(/\\[a-z]+[^\n`]*`([^`]+)`/g)) out.push(m[1]);
  return out.filter(Boolean);
}

/** Server and client functions that name a file: sqlite3 readfile/writefile, pg_read_file, psql `\o file`, sqlite3 `.output`. */
function fileFunctions(ctx: ProgramContext, text: string): PathClass[] {
  const reads: PathClass[] = [];
  const read = (p: string, note: string) => {
    const ref = ctx.path(p);
    reads.push(ref.class);
    ctx.emit({ type: "read", ...ref, note, span: ctx.cmd.span });
  };
  for (const m of text.matchAll(/\b(writefile|pg_write_file|lo_export)\s*\(\s*(?:\d+\s*,\s*)?'([^']+)'/gi)) ctx.emit({ type: "write", ...ctx.path(m[2]), note: m[1], span: ctx.cmd.span });
  for (const m of text.matchAll(/\b(readfile|pg_read_file|pg_read_binary_file|lo_import|load_file)\s*\(\s*'([^']+)'/gi)) read(m[2], m[1]);
  for (const m of text.matchAll(/(?:^|[\s;])(?:\\o|\\w|\.output|\.once|\.backup|\.save)\s+(?!['"]?\|)['"]?([^\s|;'"][^\s;'"]*)/g)) ctx.emit({ type: "write", ...ctx.path(m[1]), span: ctx.cmd.span });
  // SELECT … INTO OUTFILE '/x' (MySQL, ClickHouse), psql `\copy t to 'f'` / `from 'f'`.
  for (const m of text.matchAll(/\binto\s+(?:out|dump)file\s+'([^']+)'/gi)) ctx.emit({ type: "write", ...ctx.path(m[1]), note: "into outfile", span: ctx.cmd.span });
  for (const m of text.matchAll(/\\copy\b[^\n]*?\b(to|from)\s+'([^']+)'/gi)) {
    if (m[1].toLowerCase() === "from") read(m[2], "\\copy from");
    else ctx.emit({ type: "write", ...ctx.path(m[2]), note: "\\copy to", span: ctx.cmd.span });
  }
  if (/\bload_extension\s*\(|(?:^|[\s;])\.load\s/i.test(text)) ctx.emit({ type: "dynamic", reason: "loads a native extension into the database client", span: ctx.cmd.span });
  return reads;
}

/** redis-cli commands that stop the server, rewrite its config (the `CONFIG SET dir` file-write trick) or delete keys. */
function redisCommands(ctx: ProgramContext, text: string): boolean {
  if (/\bconfig\s+set\s+(dir|dbfilename)\b/i.test(text)) return (ctx.emit({ type: "persistence", mechanism: "redis CONFIG SET dir/dbfilename makes the server write files where it is told", span: ctx.cmd.span }), true);
  if (/\b(shutdown|debug\s+\w+|module\s+load|slaveof|replicaof|config\s+set)\b/i.test(text)) return (emit("system", `redis-cli: ${/\b(shutdown|debug|module|slaveof|replicaof|config)\b/i.exec(text)![0]}`)(ctx), true);
  if (/\b(del|unlink)\b/i.test(text)) return (emit("destroy", "redis-cli deletes keys")(ctx), true);
  return false;
}

/** A server named by a connection URL (`postgres://u@db.example.com/x`), or undefined for a local one. */
function serverOf(words: string[]): string | undefined {
  for (const w of words) {
    const m = /^(?:postgres(?:ql)?|mysql|mariadb|mongodb(?:\+srv)?|rediss?|clickhouse):\/\/(?:[^@/]*@)?([^:/?,]+)/i.exec(w);
    if (m) return /^(localhost|127\.0\.0\.1|::1|\[::1\])$/.test(m[1]) ? undefined : m[1];
  }
  return undefined;
}

const database: ProgramHandler = (ctx) => {
  const name = ctx.words[0].value;
  // mongosh/mongo run JavaScript: --eval code and .js files are code like node's.
  if (name === "mongosh" || name === "mongo") {
    for (const e of ctx.words.filter((w, i) => ctx.words[i - 1]?.value === "--eval")) ctx.code("node", e.value);
    for (const f of ctx.words.slice(1).filter((w) => /\.js$/.test(w.value))) runScript(ctx, f, "node");
  }
  // psql -o file / --output=file writes every result there.
  for (const o of allOptionValues(ctx.words, ["-o", "--output"])) if (name === "psql" && !o.value.startsWith("|")) ctx.emit({ type: "write", ...ctx.path(o), span: o.span });
  const server = serverOf(ctx.words.map((w) => w.value));
  if (server) ctx.emit({ type: "net", direction: "connect", host: server, span: ctx.cmd.span });
  const piped = ctx.cmd.upstream.filter((u) => ["echo", "printf"].includes(u.argv[0]?.value ?? "")).flatMap((u) => u.argv.slice(1).map((w) => w.value));
  const text = [...ctx.words.slice(1).map((w) => w.value), ctx.cmd.stdinText ?? "", ...piped].join("\n");
  for (const cmd of shellEscapes(text)) ctx.shell(cmd);
  // A local file read into a query sent to a remote server leaves the machine.
  for (const read of fileFunctions(ctx, text)) if (server) ctx.emit({ type: "net", direction: "upload", host: server, payload: read, span: ctx.cmd.span });
  if (name === "redis-cli" && !DESTRUCTIVE_SQL.test(text) && redisCommands(ctx, text)) return;
  if (DESTRUCTIVE_SQL.test(text)) return emit("destroy", `${name}: ${DESTRUCTIVE_SQL.exec(text)![0]}`)(ctx);
  const host = ctx.words.find((w, i) => ["-h", "--host", "-H"].includes(ctx.words[i - 1]?.value ?? ""))?.value;
  if (host && !/^(localhost|127\.0\.0\.1|::1)$/.test(host)) ctx.emit({ type: "net", direction: "connect", host, span: ctx.cmd.span });
  // sqlite3 FILE: the database file is read (a browser's cookie store is a secret read).
  const db = name === "sqlite3" ? operands(ctx.words, new Set(["-cmd", "-separator", "-newline", "-nullvalue"]))[0] : undefined;
  if (db && db.value !== ":memory:") ctx.emit({ type: "read", ...ctx.path(db), span: db.span });
  if (name === "sqlite3" && /(^|\s|;)\.(import|restore)\b/.test(text)) ctx.emit({ type: "dynamic", reason: "sqlite3 dot-command reads other files", span: ctx.cmd.span });
};

export const DATA_STORE_PROGRAMS: Record<string, ProgramHandler> = {
  psql: database, mysql: database, mariadb: database, sqlite3: database, "redis-cli": database, mongo: database, mongosh: database, clickhouse: database, cqlsh: database,
};
