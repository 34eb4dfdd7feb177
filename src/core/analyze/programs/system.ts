import { operands, type ProgramContext, type ProgramHandler } from "./context.ts";
import { containerExec } from "./wrappers.ts";

/**
 * Programs that act on the machine, services, infrastructure and data stores. Each row names what
 * the dangerous argv does; the read-only forms (status, list, get, describe) add nothing.
 */
const emit = (type: "system" | "destroy" | "remote-change", what: string): ProgramHandler => (ctx) => ctx.emit({ type, what, span: ctx.cmd.span });
const sub = (ctx: ProgramContext, i = 1) => ctx.words.filter((w, j) => j >= i && !w.value.startsWith("-")).map((w) => w.value);

const kill: ProgramHandler = (ctx) => {
  const targets = operands(ctx.words, new Set(["-s", "-n", "-u", "-U", "-g", "-signal"])).map((w) => w.value);
  // `kill %1` / `kill $!` stop the agent's own background jobs.
  if (targets.length && targets.every((t) => /^%|^\$!$/.test(t))) return;
  ctx.emit({ type: "process-kill", target: targets.join(" ") || "(none)", span: ctx.cmd.span });
};

const systemctl: ProgramHandler = (ctx) => {
  const [verb = "", unit = ""] = sub(ctx);
  if (["status", "show", "list-units", "list-unit-files", "is-active", "is-enabled", "cat", "list-timers"].includes(verb)) return;
  if (["enable", "link", "preset", "set-default", "daemon-reload", "edit"].includes(verb)) return ctx.emit({ type: "persistence", mechanism: `systemctl ${verb} ${unit}`.trim(), span: ctx.cmd.span });
  ctx.emit({ type: "system", what: `systemctl ${verb} ${unit}`.trim(), span: ctx.cmd.span });
};

const crontab: ProgramHandler = (ctx) => {
  if (ctx.words.some((w) => w.value === "-l")) return;
  ctx.emit(ctx.words.some((w) => w.value === "-r") ? { type: "destroy", what: "crontab -r removes every cron job", span: ctx.cmd.span } : { type: "persistence", mechanism: "crontab", span: ctx.cmd.span });
};

/** docker/podman: exec/run analyse the inner command; rm/prune destroy; push publishes. */
const docker: ProgramHandler = (ctx) => {
  const [verb = "", verb2 = ""] = sub(ctx);
  const at = ctx.words.findIndex((w) => w.value === verb);
  if (verb === "exec" || verb === "run") {
    if (verb === "run") ctx.emit({ type: "untrusted-code", origin: "registry", note: "docker run starts an image", span: ctx.cmd.span });
    if (ctx.words.some((w) => w.value === "--privileged" || /^-v=?\/:|^\/:\//.test(w.value) || w.value.startsWith("/:"))) ctx.emit({ type: "privilege", how: "privileged container or host root mounted", span: ctx.cmd.span });
    return containerExec(ctx, at + 1);
  }
  if (["rm", "rmi", "prune", "kill"].includes(verb) || (["system", "volume", "image", "container", "network", "builder"].includes(verb) && ["prune", "rm"].includes(verb2))) return emit("destroy", `${ctx.words[0].value} ${verb} ${verb2}`.trim())(ctx);
  if (verb === "push" || verb === "login") return emit("remote-change", `${ctx.words[0].value} ${verb}`)(ctx);
  // docker cp ~/.ssh c:/ reads the local side into a container; docker cp c:/x ./y writes the local side.
  if (verb === "cp") {
    const [src, dest] = operands(ctx.words.slice(at)).map((w) => w);
    const local = (w: typeof src) => w && !/^[\w.-]+:/.test(w.value);
    if (local(src)) ctx.emit({ type: "read", ...ctx.path(src), span: src.span });
    if (local(dest)) ctx.emit({ type: "write", ...ctx.path(dest), span: dest.span });
    return;
  }
  // docker build <context>: the build runs that folder's Dockerfile; a context outside the project is not the project's code.
  // `docker build https://…/ctx.tar`, `docker build git@…`: a build context fetched now runs its Dockerfile.
  if (verb === "build" && ctx.words.slice(at + 1).some((w) => /^(https?:\/\/|git@|git:\/\/|github\.com\/)/.test(w.value))) return ctx.emit({ type: "untrusted-code", origin: "download", note: "docker build of a context from the network", span: ctx.cmd.span });
  if (verb === "build") {
    const context = operands(ctx.words.slice(at), new Set(["-f", "--file", "-t", "--tag", "--build-arg", "--target", "--platform", "--network", "--secret", "--ssh", "--cache-from", "--label"]))[0];
    if (context && !/^[a-z]+:\/\//.test(context.value) && !["workspace", "session"].includes(ctx.path(context).class)) ctx.emit({ type: "run", program: "docker build", argv: ctx.words.map((w) => w.value), known: true, code: ctx.path(context), span: ctx.cmd.span });
    return;
  }
  if (verb === "compose" && ["build", "pull", "config", "ps", "logs", "images", "ls"].includes(verb2)) return;
  if (["stop", "restart", "start", "compose", "create", "up", "down"].includes(verb)) return emit("system", `${ctx.words[0].value} ${verb} ${verb2}`.trim())(ctx);
};

const kubectl: ProgramHandler = (ctx) => {
  const [verb = ""] = sub(ctx);
  if (verb === "exec") return containerExec(ctx, ctx.words.findIndex((w) => w.value === "exec") + 1);
  // `kubectl get secret db -o yaml` prints the secret's data; `describe secret` and a plain list do not.
  const [, kind = ""] = sub(ctx);
  if (verb === "get" && /^secrets?(\/|$)/.test(kind) && ctx.words.some((w) => /^(-o|--output)(=|$)|^-o(yaml|json|go-template|jsonpath)/.test(w.value))) return secretPrint(ctx, "kubectl");
  if (verb === "config" && ctx.words.some((w) => w.value === "--raw")) return secretPrint(ctx, "kubectl");
  if (["get", "describe", "logs", "top", "explain", "version", "api-resources", "config", "diff", "auth", "cluster-info", "port-forward"].includes(verb)) return;
  if (["delete", "drain", "cordon", "taint"].includes(verb)) return emit("destroy", `kubectl ${verb}`)(ctx);
  emit("remote-change", `kubectl ${verb}`)(ctx);
};

const terraform: ProgramHandler = (ctx) => {
  const [verb = ""] = sub(ctx);
  if (verb === "destroy" || (verb === "apply" && ctx.words.some((w) => w.value === "-destroy")) || (verb === "state" && sub(ctx)[1] === "rm")) return emit("destroy", `terraform ${verb}`)(ctx);
  if (["apply", "import", "taint", "untaint", "push", "force-unlock"].includes(verb)) return emit("remote-change", `terraform ${verb}`)(ctx);
};

/** SQL/NoSQL clients: DROP, TRUNCATE, DELETE without WHERE, FLUSHALL destroy data. */
const DESTRUCTIVE_SQL = /\b(drop\s+(table|database|schema|index|view|collection|user)|truncate\s+(table\s+)?\w|delete\s+from\s+[\w."`]+\s*(;|$)|flushall|flushdb|dropdatabase|\.drop\(\)|alter\s+table\s+\w+\s+drop)/i;
const database: ProgramHandler = (ctx) => {
  const text = [...ctx.words.slice(1).map((w) => w.value), ctx.cmd.stdinText ?? ""].join(" ");
  if (DESTRUCTIVE_SQL.test(text)) return emit("destroy", `${ctx.words[0].value}: ${DESTRUCTIVE_SQL.exec(text)![0]}`)(ctx);
  const host = ctx.words.find((w, i) => ["-h", "--host", "-H"].includes(ctx.words[i - 1]?.value ?? ""))?.value;
  if (host && !/^(localhost|127\.0\.0\.1|::1)$/.test(host)) ctx.emit({ type: "net", direction: "connect", host, span: ctx.cmd.span });
  // sqlite3 FILE: the database file is read (a browser's cookie store is a secret read).
  const db = ctx.words[0].value === "sqlite3" ? operands(ctx.words, new Set(["-cmd", "-separator", "-newline", "-nullvalue"]))[0] : undefined;
  if (db && db.value !== ":memory:") ctx.emit({ type: "read", ...ctx.path(db), span: db.span });
  if (ctx.words[0].value === "sqlite3" && /(^|\s|;)\.(shell|system|output|once|backup|save|import|load)\b/.test(text)) ctx.emit({ type: "dynamic", reason: "sqlite3 dot-command runs a program or touches other files", span: ctx.cmd.span });
};

/** Cloud and platform CLIs that print a credential: secret values, access tokens, decrypted parameters. */
const PRINTS_SECRET = /\b(get-secret-value|print-access-token|print-identity-token|get-login-password|get-authorization-token|secrets versions access|keyvault secret (show|download)|ssm get-parameters?\b.*--with-decryption|get-session-token|auth token|auth status --show-token)\b/;
const secretPrint = (ctx: ProgramContext, name: string) =>
  ctx.emit({ type: "read", path: `${name}: ${sub(ctx).slice(0, 4).join(" ")}`, class: "secret", note: "prints a credential", span: ctx.cmd.span });

const cloud = (name: string): ProgramHandler => (ctx) => {
  const words = sub(ctx);
  const joined = words.join(" ");
  if (PRINTS_SECRET.test(ctx.words.slice(1).map((w) => w.value).join(" "))) return secretPrint(ctx, name);
  if (/\b(rm|rb|delete|destroy|remove|purge|terminate|deregister|drop|unsubscribe|disable|revoke|detach|reset|wipe)\b/.test(joined) || ctx.words.some((w) => /^--(force|recursive)$/.test(w.value) && /\brm\b/.test(joined))) return emit("destroy", `${name} ${words.slice(0, 3).join(" ")}`)(ctx);
  if (/\b(s3 (cp|sync|mv)|storage cp|scp|upload)\b/.test(joined) && words.some((w) => /^(s3|gs|az):\/\//.test(w))) return ctx.emit({ type: "net", direction: "upload", host: name, payload: "workspace", span: ctx.cmd.span });
  if (/\b(create|put|update|deploy|apply|set|attach|put-secret-value|set-iam-policy|add-iam-policy-binding|run-instances|invoke)\b/.test(joined)) return emit("remote-change", `${name} ${words.slice(0, 3).join(" ")}`)(ctx);
};

const gh: ProgramHandler = (ctx) => {
  const [area = "", verb = ""] = sub(ctx);
  if (PRINTS_SECRET.test(ctx.words.slice(1).map((w) => w.value).join(" "))) return secretPrint(ctx, "gh");
  if (area === "gist" && verb === "create") return ctx.emit({ type: "net", direction: "upload", host: "gist.github.com", payload: "workspace", span: ctx.cmd.span });
  if (["delete", "archive", "close", "lock"].includes(verb) || (area === "repo" && verb === "delete")) return emit("destroy", `gh ${area} ${verb}`)(ctx);
  if (area === "api" && ctx.words.some((w) => /^(-X|--method)$/.test(w.value))) return emit("remote-change", "gh api write")(ctx);
  if (["create", "merge", "edit", "comment", "review", "release", "secret", "workflow"].some((v) => v === verb || v === area)) return emit("remote-change", `gh ${area} ${verb}`)(ctx);
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

export const SYSTEM_PROGRAMS: Record<string, ProgramHandler> = {
  op: secretStore("op"), doppler: secretStore("doppler"), pass: secretStore("pass"), gopass: secretStore("gopass"), bw: secretStore("bw"),
  security: (ctx) => (/find-(generic|internet)-password|dump-keychain/.test(sub(ctx).join(" ")) ? ctx.emit({ type: "read", path: "keychain", class: "secret", span: ctx.cmd.span }) : undefined),
  history: (ctx) => (ctx.words.some((w) => /^-[a-z]*[cdw]/.test(w.value)) ? emit("destroy", "history -c: erases the shell history")(ctx) : undefined),
  kill, pkill: kill, killall: kill, systemctl, crontab,
  service: (ctx) => (["status"].includes(sub(ctx)[1] ?? "") ? undefined : emit("system", `service ${sub(ctx).join(" ")}`)(ctx)),
  launchctl: (ctx) => ctx.emit({ type: "persistence", mechanism: `launchctl ${sub(ctx)[0] ?? ""}`, span: ctx.cmd.span }),
  at: (ctx) => ctx.emit({ type: "persistence", mechanism: "at job", span: ctx.cmd.span }),
  // Bare `mount`, `mount -l`, `mount -t nfs`: a listing of what is mounted.
  mount: (ctx) => (ctx.words.slice(1).every((w, i, all) => /^-(l|v|h|t)$/.test(w.value) || (all[i - 1]?.value === "-t" && !w.value.startsWith("-"))) ? undefined : emit("system", "mount")(ctx)),
  umount: emit("system", "umount"), fdisk: emit("destroy", "fdisk"), parted: emit("destroy", "parted"), wipefs: emit("destroy", "wipefs"),
  sfdisk: emit("destroy", "sfdisk"), shutdown: emit("system", "shutdown"), reboot: emit("system", "reboot"), halt: emit("system", "halt"),
  poweroff: emit("system", "poweroff"), init: emit("system", "init"), iptables: emit("system", "firewall change"), ip6tables: emit("system", "firewall change"),
  nft: emit("system", "firewall change"), ufw: (ctx) => (sub(ctx)[0] === "status" ? undefined : emit("system", "ufw firewall change")(ctx)),
  "firewall-cmd": emit("system", "firewall change"), setenforce: emit("system", "SELinux enforcement change"), useradd: emit("system", "user account change"),
  userdel: emit("destroy", "userdel"), usermod: emit("system", "user account change"), passwd: emit("system", "password change"), chpasswd: emit("system", "password change"),
  visudo: emit("system", "sudoers change"), sysctl: (ctx) => (ctx.words.some((w) => w.value === "-w" || w.value.includes("=")) ? emit("system", "kernel parameter change")(ctx) : undefined),
  modprobe: emit("system", "kernel module change"), insmod: emit("system", "kernel module change"), rmmod: emit("system", "kernel module change"),
  swapoff: emit("system", "swapoff"), swapon: emit("system", "swapon"),
  docker, podman: docker, kubectl, oc: kubectl, terraform, tofu: terraform, helm: (ctx) => (sub(ctx)[0] === "plugin" && ["install", "add"].includes(sub(ctx)[1] ?? "") ? ctx.emit({ type: "untrusted-code", origin: "download", note: "helm plugin install fetches a plugin helm runs later", span: ctx.cmd.span }) : ["uninstall", "delete", "rollback"].includes(sub(ctx)[0] ?? "") ? emit("destroy", `helm ${sub(ctx)[0]}`)(ctx) : ["install", "upgrade"].includes(sub(ctx)[0] ?? "") ? emit("remote-change", `helm ${sub(ctx)[0]}`)(ctx) : undefined),
  psql: database, mysql: database, mariadb: database, sqlite3: database, "redis-cli": database, mongo: database, mongosh: database, clickhouse: database, "cqlsh": database,
  aws: cloud("aws"), gcloud: cloud("gcloud"), gsutil: cloud("gsutil"), az: cloud("az"), doctl: cloud("doctl"), flyctl: cloud("flyctl"), heroku: cloud("heroku"),
  vercel: cloud("vercel"), netlify: cloud("netlify"), vault: secretStore("vault"), gh,
  ngrok: (ctx) => ctx.emit({ type: "net", direction: "connect", host: "ngrok tunnel", note: "exposes a local port to the internet", span: ctx.cmd.span }),
  mkfs: emit("destroy", "mkfs formats a filesystem"),
};
