import type { ShellWord } from "../shell/command.ts";
import { stricter } from "../paths.ts";
import type { PathRef } from "../effect.ts";
import { emits as emit, nonOptions as sub, operands, optionValue, type ProgramContext, type ProgramHandler } from "./context.ts";

/**
 * Cloud and platform CLIs, GitHub's gh and secret managers: what they print (credentials), what they
 * send (local files to buckets, gists, API bodies) and what they change or destroy remotely.
 */

/** Subcommands that print a credential: secret values, access tokens, decrypted parameters, keys. */
const PRINTS_SECRET = /\b(get-secret-value|print-access-token|print-identity-token|get-login-password|get-authorization-token|get-access-token|export-credentials|assume-role(-with-[\w-]+)?|get-federation-token|generate-db-auth-token|get-role-credentials|config-helper|auth:token|config:get|secrets versions access|keyvault secret (show|download)|ssm get-parameters?\b.*--with-decryption|get-session-token|auth token|auth status --show-token|configure get \S*(secret|token|key)\S*|env:list|env list --plain|env:get)\b/;
export const secretPrint = (ctx: ProgramContext, name: string) =>
  ctx.emit({ type: "read", path: `${name}: ${sub(ctx).slice(0, 4).join(" ")}`, class: "secret", note: "prints a credential", span: ctx.cmd.span });

const CLOUD_URL = /^[a-z0-9]+:\/\//;

/**
 * Local files sent to `host`: each is read, and the upload carries the most sensitive of them, so
 * `.env` to a bucket is a secret leaving and `src/` is the project's files. No file means stdin.
 */
function uploadFiles(ctx: ProgramContext, host: string, files: ShellWord[]): void {
  let payload: PathRef | undefined;
  for (const f of files.filter((w) => w.value !== "-")) {
    const ref = ctx.path(f);
    ctx.emit({ type: "read", ...ref, span: f.span });
    payload = payload ? stricter(payload, ref) : ref;
  }
  ctx.emit({ type: "net", direction: "upload", host, payload: payload?.class ?? "data", span: ctx.cmd.span });
}

const cloud = (name: string): ProgramHandler => (ctx) => {
  const words = sub(ctx);
  const joined = words.join(" ");
  const flags = ctx.words.map((w) => w.value);
  if (PRINTS_SECRET.test(ctx.words.slice(1).map((w) => w.value).join(" ")) || (name === "heroku" && words[0] === "config" && words.length <= 1 + (ctx.words.some((w) => /^(-a|--app)$/.test(w.value)) ? 1 : 0))) return secretPrint(ctx, name);
  // `--message file://.env`, `--cli-input-json file://x`: the CLI reads the file and sends its content.
  for (const f of ctx.words.filter((w) => /^fileb?:\/\//.test(w.value))) {
    const ref = ctx.path(f.value.replace(/^fileb?:\/\//, ""));
    ctx.emit({ type: "read", ...ref, span: f.span });
    if (ref.class === "secret") ctx.emit({ type: "net", direction: "upload", host: `${name} API`, payload: "secret", span: f.span });
  }
  // `aws s3 sync --delete`, `gsutil rsync -d`: files at the destination that the source lacks are deleted.
  const mirrorsDeletes = /\b(sync|rsync)\b/.test(joined) && flags.some((f) => f === "--delete" || f === "-d" || /^-[a-zA-Z]*d[a-zA-Z]*$/.test(f) && name === "gsutil");
  if (mirrorsDeletes || /\b(rm|rb|delete|deletion|destroy|remove|purge|terminate|deregister|drop|unsubscribe|disable|revoke|detach|reset|wipe)\b/.test(joined) || ctx.words.some((w) => /^--(force|recursive)$/.test(w.value) && /\brm\b/.test(joined))) return emit("destroy", `${name} ${words.slice(0, 3).join(" ")}`)(ctx);
  // Copies to a bucket: the local sources (operands that are not bucket URLs, or -f/--file/--source values).
  if (/\b(cp|mv|sync|rsync|upload|upload-batch|scp)\b/.test(joined)) {
    const named = ["-f", "--file", "--source", "-s"].map((o) => optionValue(ctx.words, [o])).filter((w): w is ShellWord => w !== undefined);
    const remoteSide = ctx.words.some((w) => CLOUD_URL.test(w.value)) || /\bupload/.test(joined);
    const verbAt = ctx.words.findIndex((w) => /^(cp|mv|sync|rsync|upload|upload-batch|scp)$/.test(w.value));
    const local = named.length ? named : operands(ctx.words.slice(verbAt)).filter((w) => !CLOUD_URL.test(w.value));
    // The last operand of a copy is its destination: a bucket when uploading, a local path when downloading.
    const dest = operands(ctx.words.slice(verbAt)).at(-1);
    if (remoteSide && local.length && (named.length || (dest && CLOUD_URL.test(dest.value)))) return uploadFiles(ctx, `${name} storage`, named.length ? local : local.filter((w) => w !== dest));
    if (dest && !CLOUD_URL.test(dest.value)) return ctx.emit({ type: "write", ...ctx.path(dest), span: dest.span });
  }
  if (/\b(create|put|update|deploy|apply|set|attach|put-secret-value|set-iam-policy|add-iam-policy-binding|authorize|grant|run-instances|invoke|push)\b/.test(joined)) return emit("remote-change", `${name} ${words.slice(0, 3).join(" ")}`)(ctx);
};

/** gh options that take a value, by subcommand area. */
const GIST_VALUE = new Set(["-d", "--desc", "-f", "--filename"]);
const API_VALUE = new Set(["-X", "--method", "-f", "-F", "--field", "--raw-field", "-H", "--header", "--input", "-q", "--jq", "-t", "--template", "--hostname", "--cache", "-p", "--preview"]);

/**
 * `gh api`: GET unless a method is given or fields are sent (`-f`/`-F`/`--input` make it a POST);
 * a GraphQL mutation changes things whatever the method. `--input file` sends that file.
 */
function ghApi(ctx: ProgramContext): void {
  const w = ctx.words.slice(1);
  const method = (optionValue(w, ["-X", "--method"])?.value ?? w.map((x) => /^-X(.+)$|^--method=(.+)$/.exec(x.value)).find(Boolean)?.slice(1).find(Boolean) ?? "").toUpperCase();
  const sendsFields = w.some((x) => /^(-f|-F|--field|--raw-field)(=|$)|^-[fF]./.test(x.value));
  const input = optionValue(w, ["--input"]);
  const endpoint = operands(w, API_VALUE)[1]?.value ?? "";
  if (input) uploadFiles(ctx, "api.github.com", [input]);
  const mutation = endpoint === "graphql" && /\bmutation\b/.test(w.map((x) => x.value).join(" "));
  const effective = method || (sendsFields || input ? "POST" : "GET");
  if (effective === "GET" && !mutation) return;
  if (effective === "DELETE") return emit("destroy", `gh api DELETE ${endpoint}`)(ctx);
  emit("remote-change", `gh api ${mutation ? "graphql mutation" : `${effective} ${endpoint}`}`)(ctx);
}

const gh: ProgramHandler = (ctx) => {
  const [area = "", verb = ""] = sub(ctx);
  const text = ctx.words.slice(1).map((w) => w.value).join(" ");
  if (PRINTS_SECRET.test(text) || (area === "auth" && verb === "status" && ctx.words.some((w) => /^-[a-z]*t$/.test(w.value)))) return secretPrint(ctx, "gh");
  // A gist is a public paste service, whatever the trust in github.com.
  if (area === "gist" && verb === "create") return uploadFiles(ctx, "gist (paste service)", operands(ctx.words.slice(2), GIST_VALUE));
  if (area === "api") return ghApi(ctx);
  if (area === "extension" && ["install", "upgrade"].includes(verb)) return ctx.emit({ type: "untrusted-code", origin: "registry", note: `gh extension ${verb} runs code from another repository`, span: ctx.cmd.span });
  if (area === "alias" && verb === "set") {
    const [, , , expansion] = operands(ctx.words, new Set(["--clobber"]));
    if (expansion) ctx.shell(ctx.words.some((w) => w.value === "-s" || w.value === "--shell") ? expansion.value : `gh ${expansion.value}`);
    return;
  }
  if ((area === "ssh-key" || area === "gpg-key") && verb === "add") return ctx.emit({ type: "persistence", mechanism: `gh ${area} add: a key that acts as the user on GitHub`, span: ctx.cmd.span });
  if (["delete", "archive", "close", "lock"].includes(verb) || (area === "repo" && verb === "sync" && text.includes("--force"))) return emit("destroy", `gh ${area} ${verb}`)(ctx);
  if (["create", "merge", "edit", "comment", "review", "release", "secret", "workflow", "variable", "set", "transfer", "rename", "deploy-key", "sync"].some((v) => v === verb || v === area)) return emit("remote-change", `gh ${area} ${verb}`)(ctx);
};

/** pass/gopass with a bare entry name (`pass github/token`) show it: their default verb. */
const STORE_VERBS = /^(ls|list|find|search|grep|init|insert|add|edit|generate|rm|remove|mv|cp|git|help|version|show|otp|sync|config|setup|audit)$/;

/** Secret managers: reading prints a credential into the transcript; writing or deleting changes shared secrets. */
const secretStore = (name: string): ProgramHandler => (ctx) => {
  const words = sub(ctx);
  const joined = words.join(" ");
  if ((name === "pass" || name === "gopass") && words[0] !== undefined && (!STORE_VERBS.test(words[0]) || words[0] === "git")) {
    return ctx.emit({ type: "read", path: `${name}:${words.join("/")}`, class: "secret", note: "reads from a secret store", span: ctx.cmd.span });
  }
  if (name === "doppler" && words[0] === "secrets" && !["set", "delete", "upload"].includes(words[1] ?? "")) {
    return ctx.emit({ type: "read", path: "doppler secrets", class: "secret", note: "prints secret values", span: ctx.cmd.span });
  }
  if (/\b(delete|rm|remove|destroy|disable|purge|revoke)\b/.test(joined)) return emit("destroy", `${name} ${words.slice(0, 3).join(" ")}`)(ctx);
  if (/\b(put|set|create|write|edit|import|upload|enable|rotate)\b/.test(joined)) return emit("remote-change", `${name} ${words.slice(0, 3).join(" ")}`)(ctx);
  // `op run -- cmd`, `doppler run -- cmd`: the command runs with the secrets in its environment.
  const dd = ctx.words.findIndex((w) => w.value === "--");
  if (dd > 0 && ctx.words[dd + 1]) ctx.run(ctx.words.slice(dd + 1));
  // `op item list`, `vault kv list`: names of secrets, not their values (Bitwarden's list prints them).
  if (name !== "bw" && words.slice(0, 2).some((w) => w === "list" || w === "ls") && !/\b(get|read|reveal|export|run|show)\b/.test(joined)) return;
  if (/\b(get|read|show|view|run|download|export|inject|print|reveal|access|item)\b/.test(joined) || (name === "bw" && /\blist\b/.test(joined))) ctx.emit({ type: "read", path: `${name}:${words.slice(1, 3).join("/")}`, class: "secret", note: "reads from a secret store", span: ctx.cmd.span });
};

export const CLOUD_PROGRAMS: Record<string, ProgramHandler> = {
  op: secretStore("op"), doppler: secretStore("doppler"), pass: secretStore("pass"), gopass: secretStore("gopass"), bw: secretStore("bw"), vault: secretStore("vault"),
  aws: cloud("aws"), gcloud: cloud("gcloud"), gsutil: cloud("gsutil"), az: cloud("az"), doctl: cloud("doctl"), flyctl: cloud("flyctl"), fly: cloud("fly"), heroku: cloud("heroku"),
  vercel: cloud("vercel"), netlify: cloud("netlify"), gh,
};
