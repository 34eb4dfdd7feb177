import type { Command } from "commander";
import { resolvePaths } from "../../runtime/paths.ts";
import { daemonClient } from "../../server/client.ts";
import { DEFAULT_PORT } from "../../server/defaults.ts";
import { startDaemon } from "../../server/serve.ts";

/** `autogate serve` runs the daemon; `autogate dashboard` prints (and opens) a one-time login link. */
export function registerServe(program: Command): void {
  program
    .command("serve")
    .description(`run the local daemon: HTTP hook, audit store, API and dashboard (default 127.0.0.1:${DEFAULT_PORT})`)
    .option("--port <n>", "port (0 picks a free one)", String(DEFAULT_PORT))
    .option("--host <addr>", "address to bind; anything but loopback also needs --allow-remote", "127.0.0.1")
    .option("--allow-remote", "allow binding to a non-loopback address (the token still guards every endpoint)")
    .option("--retention-days <n>", "delete decisions older than this", process.env.AUTOGATE_RETENTION_DAYS ?? "90")
    .action(async (o: { port: string; host: string; allowRemote?: boolean; retentionDays: string }) => {
      const loopback = ["127.0.0.1", "localhost", "::1"].includes(o.host);
      if (!loopback && !o.allowRemote) throw new Error(`refusing to bind ${o.host}: the daemon decides what agents may do; pass --allow-remote if you really mean to expose it`);
      if (!loopback) process.stderr.write(`autogate: WARNING: listening on ${o.host}; anyone who can reach it and holds the token can read your audit log\n`);
      const daemon = await startDaemon({ paths: resolvePaths(), port: Number(o.port), host: o.host === "localhost" ? "127.0.0.1" : o.host, retentionDays: Number(o.retentionDays), log: (l) => process.stderr.write(`autogate: ${l}\n`) });
      process.stdout.write(`${daemon.url}\n`);
      const stop = async () => {
        await daemon.close();
        process.exit(0);
      };
      process.on("SIGINT", stop);
      process.on("SIGTERM", stop);
    });

  program
    .command("dashboard")
    .description("print a one-time link that logs this browser into the running daemon's dashboard")
    .option("--open", "also open it in the default browser")
    .action(async (o: { open?: boolean }) => {
      const client = await daemonClient(resolvePaths());
      if (!client) throw new Error("no autogate daemon is running; start one with `autogate serve`");
      const link = `${client.url}/login?code=${await client.loginCode()}`;
      process.stdout.write(`${link}\n`);
      if (o.open) {
        const { spawn } = await import("node:child_process");
        spawn(process.platform === "darwin" ? "open" : "xdg-open", [link], { stdio: "ignore", detached: true }).on("error", () => {}).unref();
      }
    });
}
