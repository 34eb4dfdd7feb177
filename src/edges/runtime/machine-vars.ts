/**
 * The environment variables the analyzer may assume the agent's shell has. The hook inherits the
 * agent's environment, so `rm -rf $TMPDIR/build` is judged on this machine's TMPDIR. An unset one is
 * left out: unknown, so its paths ask (`${TMPDIR-x}` and `${TMPDIR:-x}` differ only when it is set).
 */
export function machineVars(env: NodeJS.ProcessEnv = process.env): Record<string, string> {
  return env.TMPDIR ? { TMPDIR: env.TMPDIR } : {};
}
