import { emits as emit, nonOptions as sub, operands, type ProgramHandler } from "./context.ts";
import { secretPrint } from "./cloud.ts";
import { containerExec } from "./wrappers.ts";

/**
 * Programs that act on the machine, services, infrastructure and data stores. Each row names what
 * the dangerous argv does; the read-only forms (status, list, get, describe) add nothing.
 */

const kill: ProgramHandler = (ctx) => {
  // `-9`/`-KILL` first is the signal; a negative number after a target is a process group (`-1`: all).
  const targets = [...operands(ctx.words, new Set(["-s", "-n", "-u", "-U", "-g", "-signal"])).map((w) => w.value), ...ctx.words.slice(2).filter((w) => /^-\d+$/.test(w.value)).map((w) => w.value)];
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
  if (["rm", "rmi", "prune", "kill"].includes(verb) || (["system", "volume", "image", "container", "network", "builder", "machine", "pod"].includes(verb) && ["prune", "rm", "reset"].includes(verb2))) return emit("destroy", `${ctx.words[0].value} ${verb} ${verb2}`.trim())(ctx);
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
  if (verb === "compose" && ["build", "pull", "config", "ps", "logs", "images", "ls", "top", "version"].includes(verb2)) return;
  // The project's own compose file: its services are the project's code, started, stopped or run.
  if (verb === "compose" && ["up", "down", "start", "stop", "restart", "run", "exec", "create", "rm", "kill", "pause", "unpause", "watch"].includes(verb2)) {
    const file = ctx.words.find((w, i) => ["-f", "--file", "--project-directory"].includes(ctx.words[i - 1]?.value ?? ""));
    // A daemon elsewhere (`-H tcp://prod`, `--context prod`, DOCKER_HOST) is someone else's machine.
    const remote = ctx.cmd.argv.some((w, i) => /^(-H|--host|--context|-c)$/.test(ctx.cmd.argv[i - 1]?.value ?? "") && !/^(unix:\/\/|default$|desktop-linux$)/.test(w.value)) || ctx.cmd.assignments.some((a) => /^DOCKER_(HOST|CONTEXT)$/.test(a.name));
    if (remote) return emit("remote-change", `docker compose ${verb2} on another docker host`)(ctx);
    if (file?.value === "-") return ctx.emit({ type: "dynamic", reason: "a compose file read from stdin", span: file.span });
    if (verb2 === "down" && ctx.words.some((w) => /^(-v|--volumes)$/.test(w.value))) emit("destroy", "docker compose down -v deletes the services' volumes")(ctx);
    if (ctx.words.some((w) => w.value === "--privileged" || /^-v=?\/:|^\/:\/|docker\.sock/.test(w.value))) ctx.emit({ type: "privilege", how: "privileged container or host root mounted", span: ctx.cmd.span });
    return ctx.emit({ type: "run", program: `${ctx.words[0].value} compose ${verb2}`, argv: ctx.words.map((w) => w.value), known: true, code: ctx.path(file ?? "."), span: ctx.cmd.span });
  }
  if (["stop", "restart", "start", "compose", "create", "up", "down"].includes(verb)) return emit("system", `${ctx.words[0].value} ${verb} ${verb2}`.trim())(ctx);
};

const kubectl: ProgramHandler = (ctx) => {
  const [verb = ""] = sub(ctx);
  if (verb === "exec") return containerExec(ctx, ctx.words.findIndex((w) => w.value === "exec") + 1);
  // `kubectl get secret db -o yaml` prints the secret's data; `describe secret` and a plain list do not.
  const [, kind = ""] = sub(ctx);
  if (verb === "get" && /^secrets?(\/|$)/.test(kind) && ctx.words.some((w) => /^(-o|--output)(=|$)|^-o(yaml|json|go-template|jsonpath)/.test(w.value))) return secretPrint(ctx, "kubectl");
  if (verb === "config" && ctx.words.some((w) => w.value === "--raw")) return secretPrint(ctx, "kubectl");
  if (["get", "describe", "logs", "top", "explain", "version", "api-resources", "api-versions", "config", "diff", "auth", "cluster-info", "port-forward", "completion", "wait", "kustomize"].includes(verb)) return;
  if (["delete", "drain", "cordon", "taint"].includes(verb)) return emit("destroy", `kubectl ${verb}`)(ctx);
  emit("remote-change", `kubectl ${verb}`)(ctx);
};

const terraform: ProgramHandler = (ctx) => {
  const [verb = ""] = sub(ctx);
  if (verb === "destroy" || (verb === "apply" && ctx.words.some((w) => w.value === "-destroy")) || (verb === "state" && sub(ctx)[1] === "rm")) return emit("destroy", `terraform ${verb}`)(ctx);
  // `terraform output -json` / `-raw` print outputs marked sensitive (passwords, keys) in clear.
  if (verb === "output" && ctx.words.some((w) => /^-(json|raw)$/.test(w.value))) return secretPrint(ctx, "terraform");
  if (verb === "state" && sub(ctx)[1] === "push") return emit("remote-change", "terraform state push")(ctx);
  if (["apply", "import", "taint", "untaint", "push", "force-unlock"].includes(verb)) return emit("remote-change", `terraform ${verb}`)(ctx);
};

export const SYSTEM_PROGRAMS: Record<string, ProgramHandler> = {
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
  docker, podman: docker,
  // Compose v1: `docker-compose up` is `docker compose up`.
  "docker-compose": (ctx) => docker({ ...ctx, words: [{ ...ctx.words[0], value: "docker" }, { ...ctx.words[0], value: "compose" }, ...ctx.words.slice(1)] }), kubectl, oc: kubectl, terraform, tofu: terraform, helm: (ctx) => (sub(ctx)[0] === "plugin" && ["install", "add"].includes(sub(ctx)[1] ?? "") ? ctx.emit({ type: "untrusted-code", origin: "download", note: "helm plugin install fetches a plugin helm runs later", span: ctx.cmd.span }) : ["uninstall", "delete", "rollback"].includes(sub(ctx)[0] ?? "") ? emit("destroy", `helm ${sub(ctx)[0]}`)(ctx) : ["install", "upgrade"].includes(sub(ctx)[0] ?? "") ? emit("remote-change", `helm ${sub(ctx)[0]}`)(ctx) : undefined),
  ngrok: (ctx) => ctx.emit({ type: "net", direction: "connect", host: "ngrok tunnel", note: "exposes a local port to the internet", span: ctx.cmd.span }),
  mkfs: emit("destroy", "mkfs formats a filesystem"),
};
