// Why this file exists: end-to-end proof that autogate, wired by `autogate init --agent codex` into
// the REAL Codex CLI (@openai/codex, a dev dependency), stops or lets through Codex's tool calls.
// The model is a scripted fake of the Responses API on 127.0.0.1 (./fake-openai.ts); each run gets
// its own HOME (so ~/.codex is a temp folder), project and state. Codex runs with its sandbox and
// approvals bypassed, so autogate is the only gate. Commands use `rm -r`, never `rm -rf`: Codex's own
// exec policy refuses `rm -f` after the hook, which would make a broken hook look like a pass.
//
// Run: node --import tsx --test test/e2e/codex.e2e.test.ts
import { after, test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startFakeOpenAI, toolOutput, type CodexStep, type RecordedResponse } from './fake-openai.ts';
import { auditRecords, autogateBin, breakHookBundle, brokenInstall, initAgent, killAll, makeWorld, repoRoot, sessionPrompts, skipBanner, spawnBounded, type World } from './agent-run.ts';

const codexBin = join(repoRoot, 'node_modules', '.bin', 'codex');
const RUN_TIMEOUT_MS = 40_000; // a run takes ~2 s; four runs stay far under 3 minutes even when killed

function why(): string | false {
  if (!existsSync(autogateBin)) return `${autogateBin} does not exist (run npm run build)`;
  if (!existsSync(codexBin)) return `${codexBin} is not installed (npm ci installs @openai/codex)`;
  const v = spawnSync(codexBin, ['--version'], { encoding: 'utf8', timeout: 20_000 });
  return v.status === 0 ? false : `codex --version failed: ${v.error?.message ?? ''}${v.stderr}`;
}
const skip = why();
if (skip) skipBanner('CODEX', skip);
const opts = { timeout: RUN_TIMEOUT_MS + 15_000, skip };
after(killAll);

interface Run {
  world: World;
  requests: RecordedResponse[];
  exit: Awaited<ReturnType<typeof spawnBounded>>;
}

/** One `codex exec` with autogate wired by `autogate init` run from `bin` (this install by default). */
async function runCodex(t: TestContext, world: World, script: CodexStep[], bin = autogateBin, afterInit?: () => void): Promise<Run> {
  const fake = await startFakeOpenAI(script);
  try {
    // The user's config comes first: init must keep it and append its trust entries after it.
    mkdirSync(join(world.home, '.codex'), { recursive: true });
    writeFileSync(join(world.home, '.codex', 'config.toml'), [
      'model = "gpt-5.5"', 'model_provider = "fake"', '', '[model_providers.fake]', 'name = "fake"',
      `base_url = "${fake.url}"`, 'wire_api = "responses"', 'env_key = "FAKE_OPENAI_KEY"', '',
    ].join('\n'));
    const out = initAgent(world, 'codex', {}, bin);
    assert.match(out, /trusted it in .*config\.toml/);
    afterInit?.();
    mkdirSync(join(world.root, 'tmp'), { recursive: true });
    const env = { ...world.env, TMPDIR: join(world.root, 'tmp'), FAKE_OPENAI_KEY: 'sk-fake' };
    const args = ['exec', '--skip-git-repo-check', '--dangerously-bypass-approvals-and-sandbox', 'Do the task.'];
    const exit = await spawnBounded(codexBin, args, world.project, env, RUN_TIMEOUT_MS);
    t.diagnostic(`codex run: ${exit.ms} ms, exit ${exit.code}`);
    return { world, requests: fake.requests, exit };
  } finally {
    await fake.close();
  }
}

function assertCompleted(run: Run): void {
  const summary = `exit ${run.exit.code}${run.exit.timedOut ? ' (killed)' : ''}\n${run.exit.stderr.slice(-3000)}`;
  assert.equal(run.exit.timedOut, false, `codex was killed after ${RUN_TIMEOUT_MS} ms: ${summary}`);
  assert.equal(run.exit.code, 0, `codex failed: ${summary}`);
}

/** What the model was told about call `id`; a block reads "Command blocked by PreToolUse hook: …". */
function outputOf(run: Run, id: string): string {
  const out = toolOutput(run.requests, id);
  assert.ok(out !== undefined, `no request carried the output of ${id}; stderr: ${run.exit.stderr.slice(-2000)}`);
  return out!;
}

test('a destructive shell call (rm -r of a folder in the home directory, also via workdir) is blocked, its target survives, and the reason reaches the model', opts, async (t) => {
  const world = makeWorld(t, 'cx-e2e-', {}, { 'victim/file': 'precious\n' });
  // The second call hides the target behind Codex's workdir argument, which the hook input omits.
  const run = await runCodex(t, world, [
    { shell: `rm -r ${join(world.home, 'victim')}`, id: 'call_rm' },
    { fn: 'exec_command', args: { cmd: 'rm -r victim', workdir: world.home }, id: 'call_rm_wd' },
  ]);
  assertCompleted(run);
  assert.ok(existsSync(join(world.home, 'victim', 'file')), 'victim/file was deleted');
  assert.match(outputOf(run, 'call_rm'), /^Command blocked by PreToolUse hook: autogate blocked `rm -r .*victim`: .*\[delete-outside-workspace-tree\]/);
  assert.match(outputOf(run, 'call_rm_wd'), /^Command blocked by PreToolUse hook: autogate blocked `cd \S+\/home && rm -r victim`: .*\[delete-outside-workspace-tree\]/);
  const [rec, wd] = auditRecords(world).filter((r) => r.tool === 'Bash');
  assert.deepEqual(wd.input, { command: `cd ${world.home} && rm -r victim`, workdir: world.home }, 'judged in the workdir Codex was given');
  assert.equal(rec.agent, 'codex');
  assert.equal(rec.decision, 'deny');
  assert.equal(rec.tool_use_id, 'call_rm');
  assert.deepEqual(sessionPrompts(world), ['Do the task.'], 'UserPromptSubmit gave autogate the user prompt');
});

test('file writes outside the workspace are blocked: a patch adding a file in the home folder (ask, and Codex cannot ask) and a shell append to ~/.bashrc', opts, async (t) => {
  const world = makeWorld(t, 'cx-e2e-', {}, { '.bashrc': '# rc\n' });
  const outside = join(world.home, 'notes', 'outside.txt');
  const patch = `*** Begin Patch\n*** Add File: inside.txt\n+fine\n*** Add File: ${outside}\n+not fine\n*** End Patch\n`;
  const run = await runCodex(t, world, [{ patch, id: 'call_patch' }, { shell: 'echo "curl x | sh" >> ~/.bashrc', id: 'call_rc' }]);
  assertCompleted(run);
  assert.equal(existsSync(outside), false, 'the file outside the workspace was written');
  assert.equal(existsSync(join(world.project, 'inside.txt')), false, 'a blocked patch must not apply any of its files');
  assert.match(outputOf(run, 'call_patch'), /autogate would ask the user to confirm this, but Codex cannot ask from a hook here, so it is blocked: .*\[write-home\]/);
  assert.equal(readFileSync(join(world.home, '.bashrc'), 'utf8'), '# rc\n');
  assert.match(outputOf(run, 'call_rc'), /^Command blocked by PreToolUse hook: autogate blocked .*shell-startup-persistence/);
  const patchRec = auditRecords(world).find((r) => r.tool === 'apply_patch');
  assert.equal(patchRec.decision, 'deny');
  assert.ok(patchRec.effects.some((e: any) => e.type === 'write' && e.path === outside), 'the patch was judged by the files it adds');
});

test('routine calls run: a read-only command, and a patch that adds and changes files in the workspace', opts, async (t) => {
  const marker = 'codex e2e readme marker 5b1e';
  const world = makeWorld(t, 'cx-e2e-', { 'README.md': `${marker}\n`, 'src/app.txt': 'old line\n' });
  const patch = '*** Begin Patch\n*** Add File: notes.txt\n+written through autogate\n*** Update File: src/app.txt\n@@\n-old line\n+new line\n*** End Patch\n';
  const run = await runCodex(t, world, [{ shell: 'cat README.md', id: 'call_cat' }, { patch, id: 'call_patch' }]);
  assertCompleted(run);
  assert.match(outputOf(run, 'call_cat'), new RegExp(marker));
  assert.equal(readFileSync(join(world.project, 'notes.txt'), 'utf8'), 'written through autogate\n');
  assert.equal(readFileSync(join(world.project, 'src', 'app.txt'), 'utf8'), 'new line\n');
  assert.deepEqual(auditRecords(world).map((r) => [r.tool, r.decision]), [['Bash', 'allow'], ['apply_patch', 'allow']]);
});

test('a crashing autogate still blocks: with its hook bundle corrupted, a harmless command does not run', opts, async (t) => {
  const world = makeWorld(t, 'cx-e2e-');
  const made = join(world.project, 'made-by-codex');
  const copy = brokenInstall(world);
  // Wired from an intact copy, then its hook bundle is corrupted (an upgrade gone wrong).
  const run = await runCodex(t, world, [{ shell: `touch ${made}`, id: 'call_touch' }], copy, () => breakHookBundle(copy));
  assertCompleted(run);
  assert.equal(existsSync(made), false, 'the command ran although autogate crashed');
  assert.match(outputOf(run, 'call_touch'), /^Command blocked by PreToolUse hook: [\s\S]*autogate: the hook could not run \(exit 1\), so this tool call is blocked/);
});
