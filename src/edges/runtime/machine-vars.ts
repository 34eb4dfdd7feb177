/**
 * The environment variables the analyzer may assume the agent's shell has. The hook inherits the
 * agent's environment, so `rm -rf $TMPDIR/build` is judged on this machine's TMPDIR; an unset TMPDIR
 * is "" (the shell would expand it to nothing: `$TMPDIR/build` is then `/build`).
 */
export function machineVars(env: NodeJS.ProcessEnv = process.env): Record<string, string> {
  return { TMPDIR: env.TMPDIR ?? "" };
}
