import type { ShellWord } from "../shell/command.ts";
import { allOptionValues, hasFlag, operands, optionValue, type ProgramContext, type ProgramHandler } from "./context.ts";
import { hostOf, isMetadataHost, pipedPayload, urlCarriesSecret } from "./net.ts";

/**
 * HTTP clients: curl and wget. Each URL is a download, or an upload of what the request carries (data,
 * files, headers, what is piped in); a saved file is marked as downloaded; metadata endpoints and
 * credentials in URLs are caught; a proxy sees the request too.
 */

const CURL_VALUE = new Set(["-o", "--output", "-H", "--header", "-X", "--request", "-d", "--data", "--data-binary", "--data-raw", "--data-urlencode", "-F", "--form", "-T", "--upload-file", "-u", "--user", "-A", "--user-agent", "-e", "--referer", "-b", "--cookie", "-c", "--cookie-jar", "-w", "--write-out", "-m", "--max-time", "--connect-timeout", "-x", "--proxy", "-K", "--config", "--retry", "-r", "--range", "-E", "--cert", "--key", "--cacert", "-D", "--dump-header", "--json", "--url", "--data-ascii", "--url-query", "--variable", "--proxy-header", "--form-string", "-U", "--proxy-user", "-Q", "--quote", "-C", "--continue-at", "-y", "-Y", "-z", "-P", "-t", "--expand-url"]);

function urls(ctx: ProgramContext, takesValue: Set<string>): ShellWord[] {
  return [...operands(ctx.words, takesValue), ...allOptionValues(ctx.words, ["--url", "--expand-url"])];
}

/** curl's short options that take a value: in a cluster (`-sLd @f`, `-XPOST`) the value follows them. */
const CURL_SHORT_VALUE = new Set([..."dFHTuAebcwmxKrEDoXCyYzUPQt"]);

/** `-sLd @.env` → `-s -L -d @.env`; `-XPOST` → `-X POST`: one option per word, as the handler reads them. */
function splitClusters(words: ShellWord[]): ShellWord[] {
  const out: ShellWord[] = [words[0]];
  for (const w of words.slice(1)) {
    if (!/^-[a-zA-Z]{2,}/.test(w.value) || w.value.startsWith("--")) { out.push(w); continue; }
    const body = w.value.slice(1);
    let i = 0;
    for (; i < body.length; i++) {
      out.push({ ...w, value: `-${body[i]}` });
      if (CURL_SHORT_VALUE.has(body[i])) {
        if (i + 1 < body.length) out.push({ ...w, value: body.slice(i + 1) });
        break;
      }
    }
  }
  return out;
}

const curl: ProgramHandler = (outer) => {
  const ctx = { ...outer, words: splitClusters(outer.words) };
  const targets = urls(ctx, CURL_VALUE);
  // `--variable k@file` and `--url-query @file` read a file into the request as well.
  const data = [
    ...allOptionValues(ctx.words, ["-d", "--data", "--data-binary", "--data-raw", "--data-urlencode", "--data-ascii", "-F", "--form", "--form-string", "--json", "--url-query"]),
    ...allOptionValues(ctx.words, ["--variable"]).map((v) => ({ ...v, value: v.value.replace(/^[^@=]*(?=@)/, "") })),
  ];
  const uploads = allOptionValues(ctx.words, ["-T", "--upload-file"]);
  const method = optionValue(ctx.words, ["-X", "--request"])?.value.toUpperCase();
  // `-H @.env` reads headers from a file; a URL or header made by a command substitution carries
  // whatever that command printed (`curl https://x/$(base64 < src/app.ts)`, `-A "$(cat f)"`).
  const headerFiles = allOptionValues(ctx.words, ["-H", "--header", "--proxy-header"]).filter((h) => h.value.startsWith("@") && h.value.length > 1);
  const computed = ctx.words.slice(1).some((w) => w.dynamic && /\$\(|`/.test(w.text));
  const payloads = [
    ...data.map((d) => payloadOf(ctx, d.value.replace(/^[^=@]*=(?=@|<)/, ""))),
    ...uploads.map((u) => (u.value === "-" ? pipedPayload(ctx) : ctx.path(u).class)),
    ...headerFiles.map((h) => payloadOf(ctx, h.value)),
    ...(computed ? ["data" as const] : []),
  ];
  const sending = payloads.length > 0 || (method !== undefined && method !== "GET" && method !== "HEAD");
  if (method === "DELETE") targets.forEach((t) => ctx.emit({ type: "destroy", what: `HTTP DELETE ${t.value}`, span: t.span }));
  // APIs that delete through POST name it in the path: /_delete_by_query, /v1/items/purge, /flushall.
  else if (sending) targets.filter((t) => /\/_?(delete|drop|purge|truncate|flush|flushall|destroy|wipe|remove)(_by_query)?([/?#]|$)/i.test(t.value)).forEach((t) => ctx.emit({ type: "destroy", what: `HTTP ${method ?? "POST"} ${t.value}`, span: t.span }));
  // A proxy (`-x`, or ALL_PROXY/HTTPS_PROXY set for the command) sees every request that goes through it.
  const proxy = optionValue(ctx.words, ["-x", "--proxy"])?.value ?? proxyFromEnv(ctx);
  for (const t of proxy ? [...targets, { ...ctx.words[0], value: proxy }] : targets) {
    const host = hostOf(t.value);
    urlCredentials(ctx, t, host);
    if (sending) {
      const payload = payloads.find((p) => p !== "data") ?? "data";
      ctx.emit({ type: "net", direction: "upload", host, url: t.value, payload, span: t.span });
    } else ctx.emit({ type: "net", direction: "download", host, url: t.value, span: t.span });
  }
  for (const p of [...data, ...uploads, ...headerFiles]) {
    const file = p.value.replace(/^[^=@]*=(?=@|<)/, "");
    if (file.startsWith("@") || file.startsWith("<") || uploads.includes(p)) {
      const name = file.replace(/^[@<]/, "");
      if (name !== "-") ctx.emit({ type: "read", ...ctx.path(name), span: p.span });
    }
  }
  const out = optionValue(ctx.words, ["-o", "--output"]);
  if (out && out.value !== "-") ctx.emit({ type: "write", ...ctx.path(out), note: "downloaded", span: out.span });
  if (hasFlag(ctx.words, "O", ["--remote-name"])) ctx.emit({ type: "write", ...ctx.path("."), span: ctx.cmd.span });
};

/** A metadata endpoint hands out the machine's credentials; a credential in the URL leaves with it. */
function urlCredentials(ctx: ProgramContext, url: ShellWord, host: string): void {
  if (isMetadataHost(host)) ctx.emit({ type: "read", path: url.value, class: "secret", note: "cloud metadata credentials", span: url.span });
  if (urlCarriesSecret(url.value)) ctx.emit({ type: "net", direction: "upload", host, url: url.value, payload: "secret", note: "a credential in the URL", span: url.span });
}

/** A proxy named for this command by a variable before it (`HTTPS_PROXY=http://p:8080 curl …`). */
function proxyFromEnv(ctx: ProgramContext): string | undefined {
  return ctx.cmd.assignments.find((a) => /^(all|https?)_proxy$/i.test(a.name) && a.value.value)?.value.value;
}

/** `@file` / `<file` reads a file into the request body. */
function payloadOf(ctx: ProgramContext, v: string): ReturnType<ProgramContext["path"]>["class"] | "data" {
  if (v === "@-" || v === "<-") return pipedPayload(ctx);
  if ((v.startsWith("@") || v.startsWith("<")) && v.length > 1) return ctx.path(v.slice(1)).class;
  // `-d "$(cat .env)"`: credentials read by a command substitution inside the value (any other file
  // there is usually a token the user keeps for that very API: data, which asks).
  const inner = /\$\((?:cat|base64|head|tail|gzip|xxd|od|tac)\s+(?:-\S+\s+)*([^\s)|;]+)/.exec(v);
  const cls = inner ? ctx.path(inner[1]).class : undefined;
  return cls === "secret" || cls === "protected" ? cls : "data";
}

const WGET_VALUE = new Set(["-B", "--base", "-O", "--output-document", "-P", "--directory-prefix", "-o", "--output-file", "-U", "--user-agent", "--header", "-t", "--tries", "-T", "--timeout", "--post-data", "--post-file", "--body-file", "--method", "-i", "--input-file", "-e"]);

/** wgetrc commands given with `-e` (`-e post_file=.env`) are the same as the long options. */
function wgetrcOptions(words: ShellWord[]): ShellWord[] {
  const out = [...words];
  for (const e of allOptionValues(words, ["-e", "--execute"])) {
    const m = /^\s*([\w_]+)\s*=\s*(.*)$/.exec(e.value);
    if (m) out.push({ ...e, value: `--${m[1].replace(/_/g, "-")}=${m[2]}` });
  }
  return out;
}

const wget: ProgramHandler = (outer) => {
  const ctx = { ...outer, words: wgetrcOptions(outer.words) };
  const postFile = optionValue(ctx.words, ["--post-file", "--body-file"]);
  const posting = postFile || optionValue(ctx.words, ["--post-data", "--method"]);
  for (const t of operands(ctx.words, WGET_VALUE)) {
    const host = hostOf(t.value);
    urlCredentials(ctx, t, host);
    if (posting) ctx.emit({ type: "net", direction: "upload", host, url: t.value, payload: postFile ? ctx.path(postFile).class : "data", span: t.span });
    else ctx.emit({ type: "net", direction: "download", host, url: t.value, span: t.span });
  }
  if (postFile) ctx.emit({ type: "read", ...ctx.path(postFile), span: postFile.span });
  // `wget -i list -B https://host/`: every line of the list becomes a URL on that host, so the list's
  // content is sent there; without -B the lines are the URLs to fetch.
  const list = optionValue(ctx.words, ["-i", "--input-file"]);
  if (list && list.value !== "-") {
    ctx.emit({ type: "read", ...ctx.path(list), span: list.span });
    const base = optionValue(ctx.words, ["-B", "--base"]);
    ctx.emit(base ? { type: "net", direction: "upload", host: hostOf(base.value), url: base.value, payload: ctx.path(list).class, span: base.span } : { type: "net", direction: "download", host: `(URLs listed in ${list.value})`, span: list.span });
  }
  const out = optionValue(ctx.words, ["-O", "--output-document"]);
  const dir = optionValue(ctx.words, ["-P", "--directory-prefix"]);
  if (out?.value === "-") return;
  // Without -O, wget names the file after the URL's last segment.
  const url = operands(ctx.words, WGET_VALUE)[0]?.value;
  const named = out ?? (url && !dir && !optionValue(ctx.words, ["-i", "--input-file"]) ? /\/([^/?#]+)(?:[?#].*)?$/.exec(url.replace(/^[a-z]+:\/\/[^/]*/i, ""))?.[1] : undefined);
  if (named) ctx.emit({ type: "write", ...ctx.path(named), note: "downloaded", span: ctx.cmd.span });
  else ctx.emit({ type: "write", ...ctx.path(dir ?? "."), span: (dir ?? ctx.words[0]).span });
};

export const HTTP_CLIENTS: Record<string, ProgramHandler> = { curl, wget, aria2c: wget };
