import type { ShellWord } from "../shell/command.ts";

/**
 * Options a program takes before its subcommand, and which of them take a value: `helm -n prod
 * uninstall x`, `pip -q install evil`, `docker -H unix:///… run …`, `gh -R o/r repo delete`. Handlers
 * read the subcommand right after the program name, so these options are taken out first (the `run`
 * effect keeps the whole argv). An option not listed here is taken to be a flag without a value.
 */
const VALUE_OPTIONS: Record<string, readonly string[]> = {
  pip: ["--log", "--proxy", "--retries", "--timeout", "--exists-action", "--trusted-host", "--cert", "--client-cert", "--cache-dir", "--python", "--keyring-provider", "--use-feature", "--use-deprecated", "--progress-bar"],
  cargo: ["--color", "--config", "-Z", "-C"],
  gem: ["--config-file"],
  conda: ["--name", "-n", "--prefix", "-p"],
  uv: ["--directory", "--project", "--config-file", "--cache-dir", "--color", "--python", "-p"],
  poetry: ["--directory", "-C", "--project", "-P"],
  helm: ["-n", "--namespace", "--kube-context", "--kubeconfig", "--registry-config", "--repository-config", "--repository-cache", "--burst-limit", "--kube-apiserver", "--kube-as-user", "--kube-as-group", "--kube-token", "--kube-ca-file", "--kube-tls-server-name"],
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

/**
 * The words with the options before the subcommand taken out: [program, subcommand, ...rest].
 * Programs without a row, or with nothing before the subcommand, come back as they are.
 */
export function withoutGlobalOptions(program: string, words: ShellWord[]): ShellWord[] {
  const takesValue = sets.get(program);
  if (!takesValue || !words[1]?.value.startsWith("-")) return words;
  let at = 1;
  while (at < words.length && words[at].value.startsWith("-") && words[at].value !== "--") at += takesValue.has(words[at].value) ? 2 : 1;
  if (words[at]?.value === "--") at++;
  return [words[0], ...words.slice(at)];
}
