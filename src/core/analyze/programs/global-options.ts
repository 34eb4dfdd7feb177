import type { ShellWord } from "../shell/command.ts";

/**
 * Options a program takes before its subcommand, and which of them take a value: `helm -n prod
 * uninstall x`, `pip -q install evil`, `docker -H unix:///… run …`, `gh -R o/r repo delete`. Handlers
 * read the subcommand right after the program name, so these options are taken out first (the `run`
 * effect keeps the whole argv). An option not listed here may or may not take a value: both readings
 * are analysed (see `subcommandReadings`).
 */
const VALUE_OPTIONS: Record<string, readonly string[]> = {
  pip: ["--log", "--log-file", "--local-log", "--src", "--proxy", "--retries", "--timeout", "--exists-action", "--trusted-host", "--cert", "--client-cert", "--cache-dir", "--python", "--keyring-provider", "--use-feature", "--use-deprecated", "--progress-bar"],
  cargo: ["--color", "--config", "-Z", "-C"],
  go: ["-C"],
  gem: ["--config-file"],
  conda: ["--name", "-n", "--prefix", "-p"],
  uv: ["--directory", "--project", "--config-file", "--cache-dir", "--color", "--python", "-p"],
  poetry: ["--directory", "-C", "--project", "-P"],
  helm: ["--qps", "-n", "--namespace", "--kube-context", "--kubeconfig", "--registry-config", "--repository-config", "--repository-cache", "--burst-limit", "--kube-apiserver", "--kube-as-user", "--kube-as-group", "--kube-token", "--kube-ca-file", "--kube-tls-server-name"],
  gh: ["-R", "--repo", "--hostname"],
  docker: ["-H", "--host", "--context", "-c", "--config", "-l", "--log-level", "--tlscacert", "--tlscert", "--tlskey"],
  podman: ["--url", "--connection", "-c", "--root", "--runroot", "--storage-driver", "--log-level", "--identity", "--cgroup-manager", "--events-backend", "--network-cmd-path", "--tmpdir"],
  kubectl: ["-n", "--namespace", "--context", "--kubeconfig", "--cluster", "--user", "-s", "--server", "--token", "--as", "--as-group", "--request-timeout", "--certificate-authority", "--client-certificate", "--client-key", "--cache-dir"],
  aws: ["--profile", "--region", "--output", "--endpoint-url", "--query", "--cli-read-timeout", "--cli-connect-timeout", "--color", "--ca-bundle"],
  gcloud: ["--project", "--account", "--configuration", "--format", "--verbosity", "--impersonate-service-account", "--billing-project", "--flags-file", "--trace-token"],
  gsutil: ["-o", "-h", "-u"],
  az: ["--subscription", "--output", "-o", "--query"],
  doctl: ["-t", "--access-token", "--context", "-o", "--output", "-c", "--config", "-u", "--api-url"],
  flyctl: ["-a", "--app", "-t", "--access-token", "-c", "--config"],
  heroku: ["-a", "--app", "-r", "--remote"],
  vercel: ["-t", "--token", "-S", "--scope", "--cwd", "-A", "--local-config", "-Q", "--global-config"],
  op: ["--account", "--cache", "--config", "--encoding", "--format", "--session"],
  doppler: ["--token", "--config-dir", "--scope", "--api-host"],
  systemctl: ["-H", "--host", "-M", "--machine", "--root", "-t", "--type", "-p", "--property", "--state", "-n", "--lines", "-o", "--output"],
  "apt-get": ["-o", "-c", "-t", "--target-release", "--option", "--config-file"],
  apt: ["-o", "-c", "-t", "--target-release", "--option", "--config-file"],
  yum: ["-c", "--config", "--installroot", "--releasever", "--setopt", "-x", "--exclude", "--enablerepo", "--disablerepo", "-d", "-e", "--repo"],
  dnf: ["-c", "--config", "--installroot", "--releasever", "--setopt", "-x", "--exclude", "--enablerepo", "--disablerepo", "-d", "-e", "--repo"],
};
VALUE_OPTIONS.pip3 = VALUE_OPTIONS.pip;
VALUE_OPTIONS.oc = VALUE_OPTIONS.kubectl;
VALUE_OPTIONS.fly = VALUE_OPTIONS.flyctl;

const sets = new Map(Object.entries(VALUE_OPTIONS).map(([k, v]) => [k, new Set(v)]));
/** Options before the subcommand that move the program to another folder (`cargo -C d`, `uv --directory d`). */
const FOLDER_OPTIONS = new Set(["-C", "--directory", "--project", "--chdir", "--cwd"]);

export interface Reading {
  /** [program, subcommand, ...rest] */
  words: ShellWord[];
  /** The folder a global option moved the program to. */
  dir?: ShellWord;
}

/**
 * The words with the options before the subcommand taken out: [program, subcommand, ...rest].
 * An option the table does not list may or may not take a value (`helm --qps 5 uninstall x`): then
 * both readings come back and the handler runs on each, so the stricter one decides. Programs
 * without a row, or with nothing before the subcommand, come back as they are. `cargo +nightly`
 * (a rustup toolchain) is skipped too.
 */
export function subcommandReadings(program: string, words: ShellWord[]): Reading[] {
  const takesValue = sets.get(program);
  if (!takesValue || !/^[-+]/.test(words[1]?.value ?? "")) return [{ words }];
  const first = scan(words, takesValue);
  const readings = [first.reading];
  // The other reading: the unlisted option before the subcommand took the next word as its value.
  if (first.unsure !== undefined) readings.push(scan(words, takesValue, first.unsure).reading);
  return readings;
}

function scan(words: ShellWord[], takesValue: ReadonlySet<string>, valueAt?: number): { reading: Reading; unsure?: number } {
  let at = 1;
  let dir: ShellWord | undefined;
  let unsure: number | undefined;
  while (at < words.length && /^[-+]/.test(words[at].value) && words[at].value !== "--") {
    const v = words[at].value;
    const eq = v.startsWith("--") ? v.indexOf("=") : -1;
    const name = eq > 0 ? v.slice(0, eq) : v;
    if (FOLDER_OPTIONS.has(name) && takesValue.has(name)) dir = eq > 0 ? { ...words[at], value: v.slice(eq + 1) } : words[at + 1];
    const next = words[at + 1];
    if (eq < 0 && (takesValue.has(name) || at === valueAt)) at += 2;
    else {
      if (unsure === undefined && eq < 0 && v.startsWith("-") && next && !/^[-+]/.test(next.value)) unsure = at;
      at += 1;
    }
  }
  if (words[at]?.value === "--") at++;
  return { reading: { words: [words[0], ...words.slice(at)], dir }, unsure };
}
