// Why this file exists: end-to-end proof that autogate, wired by `autogate init --agent gemini` into
// the REAL Gemini CLI (@google/gemini-cli, a dev dependency), stops or lets through Gemini's tool
// calls. The model is a scripted fake of the Gemini API on 127.0.0.1 (./fake-gemini.ts); each run
// gets its own HOME (so ~/.gemini is a temp folder), project and state. Gemini runs headless in yolo
// mode (its own approval step off), so autogate is the only gate, and an ask must come back as a
// block: headless Gemini hangs forever on an ask.
//
// Run: node --import tsx --test test/e2e/gemini.e2e.test.ts
import { after, test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { functionResponse, startFakeGemini, type GeminiStep, type RecordedGenerate } from './fake-gemini.ts';
import { auditRecords, autogateBin, breakHookBundle, brokenInstall, initAgent, killAll, killPidTree, makeWorld, repoRoot, sessionPrompts, skipBanner, spawnBounded, type World } from './agent-run.ts';

const geminiBin = join(repoRoot, 'node_modules', '.bin', 'gemini');
const RUN_TIMEOUT_MS = 40_000; // a run takes ~3 s; four runs stay far under 3 minutes even when killed

function why(): string | false {
  if (!existsSync(autogateBin)) return `${autogateBin} does not exist (run npm run build)`;
  if (!existsSync(geminiBin)) return `${geminiBin} is not installed (npm ci installs @google/gemini-cli)`;
  const v = spawnSync(geminiBin, ['--version'], { encoding: 'utf8', timeout: 30_000, env: { PATH: process.env.PATH, HOME: process.env.HOME } });
  return v.status === 0 ? false : `gemini --version failed: ${v.error?.message ?? ''}${v.stderr}`;
}
const skip = why();
if (skip) skipBanner('GEMINI CLI', skip);
const opts = { timeout: RUN_TIMEOUT_MS + 15_000, skip };
after(killAll);

interface Run {
  world: World;
  requests: RecordedGenerate[];
  events: any[];
  exit: Awaited<ReturnType<typeof spawnBounded>>;
}

/** One `gemini -p` with autogate wired by `autogate init` run from `bin` (this install by default). */
async function runGemini(t: TestContext, world: World, script: GeminiStep[], o: { bin?: string; afterInit?: () => void; args?: string[] } = {}): Promise<Run> {
  const fake = await startFakeGemini(script);
  try {
    // The user's settings come first (API-key auth against a custom base URL); init must keep them.
    mkdirSync(join(world.home, '.gemini'), { recursive: true });
    writeFileSync(join(world.home, '.gemini', 'settings.json'), JSON.stringify({ security: { auth: { selectedType: 'gemini-api-key' } } }, null, 2));
    const out = initAgent(world, 'gemini', {}, o.bin);
    assert.match(out, /wired the hook into Gemini CLI user settings/);
    o.afterInit?.();
    const env = { ...world.env, GEMINI_API_KEY: 'fake-key', GOOGLE_GEMINI_BASE_URL: fake.url };
    const args = ['-p', 'Do the task.', '--approval-mode', 'yolo', '--skip-trust', '-m', 'gemini-2.5-flash', '--output-format', 'stream-json', ...(o.args ?? [])];
    const exit = await spawnBounded(geminiBin, args, world.project, env, RUN_TIMEOUT_MS);
    t.diagnostic(`gemini run: ${exit.ms} ms, exit ${exit.code}`);
    const events = exit.stdout.split('\n').filter((l) => l.startsWith('{')).map((l) => JSON.parse(l));
    return { world, requests: fake.requests, events, exit };
  } finally {
    await fake.close();
  }
}

function assertCompleted(run: Run): void {
  const summary = `exit ${run.exit.code}${run.exit.timedOut ? ' (killed)' : ''}\n${run.exit.stderr.slice(-3000)}`;
  assert.equal(run.exit.timedOut, false, `gemini was killed after ${RUN_TIMEOUT_MS} ms (an ask reaching headless Gemini hangs it): ${summary}`);
  assert.equal(run.exit.code, 0, `gemini failed: ${summary}`);
  assert.equal(run.events.at(-1)?.type, 'result', `no result event: ${summary}`);
}

/** What the model was sent for the n-th call of `tool` (its output, or `error` when blocked). */
function responseOf(run: Run, tool: string): Record<string, unknown> {
  const r = functionResponse(run.requests, tool);
  assert.ok(r, `no request carried a functionResponse for ${tool}; stderr: ${run.exit.stderr.slice(-2000)}`);
  return r!;
}

test('a destructive shell call (rm -rf of a folder in the home directory) is blocked, its target survives, and the reason reaches the model', opts, async (t) => {
  const world = makeWorld(t, 'gm-e2e-', {}, { 'victim/file': 'precious\n' });
  const run = await runGemini(t, world, [{ call: 'run_shell_command', args: { command: `rm -rf ${join(world.home, 'victim')}`, description: 'clean up' } }]);
  assertCompleted(run);
  assert.ok(existsSync(join(world.home, 'victim', 'file')), 'victim/file was deleted');
  assert.match(String(responseOf(run, 'run_shell_command').error), /^Tool execution blocked: autogate blocked `rm -rf .*victim`: .*\[delete-outside-workspace-tree\]/);
  const [rec] = auditRecords(world).filter((r) => r.tool === 'Bash');
  assert.equal(rec.agent, 'gemini');
  assert.equal(rec.decision, 'deny');
  assert.deepEqual(sessionPrompts(world), ['Do the task.'], 'BeforeAgent gave autogate the user prompt');
});

test('file writes outside the workspace are blocked: write_file into the home folder (ask, which headless Gemini cannot ask) and a shell append to ~/.bashrc', opts, async (t) => {
  const world = makeWorld(t, 'gm-e2e-', {}, { '.bashrc': '# rc\n' });
  const outside = join(world.home, 'notes', 'outside.txt');
  mkdirSync(join(world.home, 'notes'));
  // Gemini itself refuses write_file outside its workspace folders; with the home folder included it
  // would write there, so only autogate stands in the way.
  const run = await runGemini(t, world, [
    { call: 'write_file', args: { file_path: outside, content: 'not fine\n' } },
    { call: 'run_shell_command', args: { command: 'echo "curl x | sh" >> ~/.bashrc' } },
  ], { args: ['--include-directories', world.home] });
  assertCompleted(run);
  assert.equal(existsSync(outside), false, 'the file outside the workspace was written');
  assert.match(String(responseOf(run, 'write_file').error), /^Tool execution blocked: autogate would ask the user to confirm this, but Gemini CLI in headless mode cannot ask from a hook here, so it is blocked: .*\[write-home\]/);
  assert.equal(readFileSync(join(world.home, '.bashrc'), 'utf8'), '# rc\n');
  assert.match(String(responseOf(run, 'run_shell_command').error), /^Tool execution blocked: autogate blocked .*shell-startup-persistence/);
  assert.deepEqual(auditRecords(world).map((r) => [r.agent, r.tool, r.decision]), [['gemini', 'Write', 'deny'], ['gemini', 'Bash', 'deny']]);
});

test('routine calls run: a read-only command in a subfolder, and a file written in the workspace', opts, async (t) => {
  const marker = 'gemini e2e readme marker 9c2d';
  const world = makeWorld(t, 'gm-e2e-', { 'docs/README.md': `${marker}\n` });
  const run = await runGemini(t, world, [
    { call: 'run_shell_command', args: { command: 'cat README.md', dir_path: 'docs' } },
    { call: 'write_file', args: { file_path: 'notes.txt', content: 'written through autogate\n' } },
  ]);
  assertCompleted(run);
  assert.match(String(responseOf(run, 'run_shell_command').output), new RegExp(marker));
  assert.equal(readFileSync(join(world.project, 'notes.txt'), 'utf8'), 'written through autogate\n');
  const docs = join(world.project, 'docs');
  assert.deepEqual(auditRecords(world).map((r) => [r.tool, r.decision, r.input.command ?? r.input.file_path]), [['Bash', 'allow', `cd ${docs} && cat README.md`], ['Write', 'allow', 'notes.txt']]);
});

test('a crashing autogate still blocks: with its hook bundle corrupted, a harmless command does not run', opts, async (t) => {
  const world = makeWorld(t, 'gm-e2e-');
  const made = join(world.project, 'made-by-gemini');
  const copy = brokenInstall(world);
  const run = await runGemini(t, world, [{ call: 'run_shell_command', args: { command: `touch ${made}` } }], { bin: copy, afterInit: () => breakHookBundle(copy) });
  assertCompleted(run);
  assert.equal(existsSync(made), false, 'the command ran although autogate crashed');
  assert.match(String(responseOf(run, 'run_shell_command').error), /^Tool execution blocked: [\s\S]*autogate: the hook could not run \(exit 1\), so this tool call is blocked/);
});

// Interactive Gemini has a person at the screen: there an ask must become Gemini's own confirmation
// dialog (even in yolo mode, which otherwise approves everything), not a block. This needs a real
// terminal, so the UI runs inside tmux; keys are typed and the screen is read with capture-pane.
const tmux = spawnSync('tmux', ['-V'], { encoding: 'utf8' }).status === 0;
if (!skip && !tmux) skipBanner('GEMINI CLI INTERACTIVE', 'tmux is not installed (apt-get install tmux)');
test('interactive Gemini (in a real terminal): an ask becomes Gemini\'s confirmation dialog, and the person\'s yes runs the tool', { ...opts, skip: skip || (tmux ? false : 'tmux is not installed') }, async (t) => {
  const world = makeWorld(t, 'gm-e2e-');
  const outside = join(world.home, 'notes', 'outside.txt');
  mkdirSync(join(world.home, 'notes'));
  const fake = await startFakeGemini([{ call: 'write_file', args: { file_path: outside, content: 'approved by a person\n' } }]);
  const session = `autogate-e2e-${process.pid}`;
  t.after(async () => {
    // Killing the tmux session alone can leave Gemini running: kill the pane's process tree first.
    const pane = Number(spawnSync('tmux', ['display-message', '-p', '-t', session, '#{pane_pid}'], { encoding: 'utf8' }).stdout.trim());
    if (pane > 0) killPidTree(pane);
    spawnSync('tmux', ['kill-session', '-t', session]);
    await fake.close();
  });
  mkdirSync(join(world.home, '.gemini'), { recursive: true });
  writeFileSync(join(world.home, '.gemini', 'settings.json'), JSON.stringify({ security: { auth: { selectedType: 'gemini-api-key' } } }));
  initAgent(world, 'gemini', {});
  const env = Object.entries({ ...world.env, TERM: 'xterm-256color', GEMINI_API_KEY: 'fake-key', GOOGLE_GEMINI_BASE_URL: fake.url }).map(([k, v]) => `${k}=${v}`);
  const started = spawnSync('tmux', ['new-session', '-d', '-s', session, '-x', '160', '-y', '50', '-c', world.project, 'env', '-i', ...env, geminiBin, '--skip-trust', '-m', 'gemini-2.5-flash', '--approval-mode', 'yolo', '--include-directories', world.home], { encoding: 'utf8' });
  assert.equal(started.status, 0, started.stderr);
  const screen = () => spawnSync('tmux', ['capture-pane', '-p', '-t', session], { encoding: 'utf8' }).stdout;
  // One key group at a time, with a pause: Gemini reads text typed together with Enter as a paste.
  const keys = async (k: string) => (spawnSync('tmux', ['send-keys', '-t', session, k]), await new Promise((r) => setTimeout(r, 500)));
  const waitFor = async (re: RegExp, what: string) => {
    for (const until = Date.now() + 25_000; Date.now() < until; await new Promise((r) => setTimeout(r, 200))) if (re.test(screen())) return;
    assert.fail(`no ${what} on the screen:\n${screen()}`);
  };
  await waitFor(/Do you trust the following folders/, 'folder trust question for --include-directories');
  await keys('1');
  await keys('Enter');
  await waitFor(/Type your message/, 'prompt');
  await keys('Do the task.');
  await keys('Enter');
  await waitFor(/Apply this change\?/, "Gemini confirmation dialog (autogate's ask)");
  assert.equal(existsSync(outside), false, 'the file was written before the person answered');
  const [rec] = auditRecords(world);
  assert.deepEqual([rec.agent, rec.tool, rec.decision, rec.rules], ['gemini', 'Write', 'ask', ['write-home']]);
  await keys('Enter'); // "Allow once"
  for (const until = Date.now() + 15_000; !existsSync(outside) && Date.now() < until; ) await new Promise((r) => setTimeout(r, 200));
  assert.equal(readFileSync(outside, 'utf8'), 'approved by a person\n');
});
