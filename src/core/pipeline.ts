import { normalize } from "./action/normalize.ts";
import type { Action } from "./action/action.ts";
import type { ToolCall } from "./action/tool-call.ts";
import { analyzeAction, type Analysis } from "./analyze/analyze.ts";
import type { AnalysisEnv } from "./analyze/environment.ts";
import { applyJudge, judgeUnavailable } from "./decision/apply-judge.ts";
import { combine, type DecisionBody } from "./decision/combine.ts";
import { applyTaint } from "./decision/taint.ts";
import type { JudgeInput, JudgePort } from "./judge/judge.ts";
import { describe } from "./policy/examples.ts";
import type { Decision } from "./decision/decision.ts";
import type { AutogateError } from "./errors.ts";
import { evaluate } from "./policy/evaluate.ts";
import { checkExamples } from "./policy/examples.ts";
import type { Policy } from "./policy/layers.ts";
import type { Example } from "./policy/schema.ts";
import { afterDecision, touchedPaths, type SessionState } from "./session/session.ts";

/**
 * The only file that knows the order: normalize → analyze → evaluate → combine. Pure apart from the
 * clock and id generator it is handed. Any exception inside becomes an `error`-tier decision that
 * fails closed (ask, or deny with no human), never an allow.
 */
export interface DecideContext {
  policy: Policy;
  session: SessionState;
  home: string;
  humanPresent: boolean;
  /** Monotonic clock in nanoseconds, for latency. */
  clock: () => bigint;
  newId: () => string;
  /** Was this path a folder before the call? Writing into an existing folder does not make it the agent's. */
  isExistingFolder?: (path: string) => boolean;
  /** Environment variables of the machine the agent's shell inherits (TMPDIR; "" = unset). */
  vars?: Readonly<Record<string, string>>;
  /** Is `name` in node_modules/.bin at or above `cwd`? (`npx tsc` then runs the project's own copy.) */
  hasLocalBin?: (cwd: string, name: string) => boolean;
  /** Where a path leads once symlinks are followed; undefined when nothing of it exists. */
  realPath?: (absPath: string) => string | undefined;
  /** Does the git work tree at `cwd` have no uncommitted changes? (Then `git reset --hard` loses nothing.) */
  workTreeClean?: (cwd: string) => boolean | undefined;
}

export interface Outcome {
  decision: Decision;
  action?: Action;
  analysis?: Analysis;
  session: SessionState;
}

export function analysisEnv(cwd: string, policy: Policy, session: SessionState, home: string, vars: Readonly<Record<string, string>> = {}): AnalysisEnv {
  // $TMPDIR names this machine's temp folder (macOS: /var/folders/…): paths under it are temp too.
  const tmpdir = vars.TMPDIR?.startsWith("/") && vars.TMPDIR !== "/" ? [vars.TMPDIR.replace(/\/+$/, "")] : [];
  return {
    cwd,
    home,
    workspaceRoots: [cwd, ...policy.environment.workspaceRoots.map((r) => (r.startsWith("~/") ? home + r.slice(1) : r))],
    tempDirs: ["/tmp", "/var/tmp", "/dev/shm", ...tmpdir, ...policy.environment.tempDirs],
    sessionPaths: new Set(session.created),
    sessionScripts: new Map(Object.entries(session.scripts)),
    secretGlobs: policy.environment.secretPaths,
    protectedGlobs: policy.environment.protectedPaths,
    vars: { ...vars, HOME: home, PWD: cwd, USER: home.split("/").pop() ?? "user" },
  };
}

interface Judged {
  action: Action;
  analysis: Analysis;
  body: DecisionBody;
  /** Set when the strictest level was `judge`: what the judge would be asked. */
  judgeInput?: JudgeInput;
}

/** normalize → analyze → evaluate → combine: everything up to the (optional) judge. */
function evaluateCall(call: ToolCall, ctx: DecideContext): Judged {
  const action = normalize(call);
  const analysis = analyzeAction(action, { ...analysisEnv(call.cwd, ctx.policy, ctx.session, ctx.home, ctx.vars), hasLocalBin: ctx.hasLocalBin && ((name: string) => ctx.hasLocalBin!(call.cwd, name)), realPath: ctx.realPath, workTreeClean: ctx.workTreeClean });
  const evaluation = evaluate(analysis.effects, ctx.policy);
  const body = combine(evaluation, {
    humanPresent: ctx.humanPresent,
    noHuman: ctx.policy.settings.noHuman,
    consecutiveDenials: ctx.session.consecutiveDenials,
    totalDenials: ctx.session.totalDenials,
    maxConsecutiveDenials: ctx.policy.settings.maxConsecutiveDenials,
    maxTotalDenials: ctx.policy.settings.maxTotalDenials,
    subject: subjectOf(action),
  });
  const judgeInput = evaluation.level === "judge" ? judgeInputFor(call, action, analysis, evaluation, ctx) : undefined;
  return { action, analysis, body: judgeInput ? { ...body, grey_zone: true } : body, judgeInput };
}

function finish(call: ToolCall, ctx: DecideContext, start: bigint, id: string, j: Judged | undefined, judged: DecisionBody): Outcome {
  // A tainted session tightens whatever the rules or the judge allowed, last, so nothing loosens it.
  const body = j ? applyTaint(judged, ctx.session.taint, subjectOf(j.action)) : judged;
  const decision: Decision = { id, ...body, latency_us: Number((ctx.clock() - start) / 1000n), policy_revision: ctx.policy.revision };
  if (!j) return { decision, session: ctx.session };
  const session = afterDecision(ctx.session, decision, j.analysis.writes, touchedPaths(j.analysis.effects, ctx.isExistingFolder, call.cwd), historyEntry(call));
  return { decision, action: j.action, analysis: j.analysis, session };
}

const failure = (e: unknown): AutogateError => ({ code: "hook_internal", message: `autogate failed while deciding: ${(e as Error)?.message ?? e}` });

/** Deterministic tiers only: a `judge` level becomes ask. Used where no judge is configured, and by replay. */
export function decide(call: ToolCall, ctx: DecideContext): Outcome {
  const start = ctx.clock();
  const id = ctx.newId();
  try {
    const j = evaluateCall(call, ctx);
    return finish(call, ctx, start, id, j, j.body);
  } catch (e) {
    return finish(call, ctx, start, id, undefined, errorDecision(ctx, failure(e)));
  }
}

/** With a judge: grey-zone calls are put to it; its outage fails closed (ask, or deny with no human). */
export async function decideWithJudge(call: ToolCall, ctx: DecideContext, judge: JudgePort | undefined): Promise<Outcome> {
  const start = ctx.clock();
  const id = ctx.newId();
  let j: Judged;
  try {
    j = evaluateCall(call, ctx);
  } catch (e) {
    return finish(call, ctx, start, id, undefined, errorDecision(ctx, failure(e)));
  }
  if (!j.judgeInput || !judge) return finish(call, ctx, start, id, j, j.body);
  const judgeCtx = { humanPresent: ctx.humanPresent, noHuman: ctx.policy.settings.noHuman, subject: subjectOf(j.action) };
  try {
    return finish(call, ctx, start, id, j, applyJudge(j.body, await judge(j.judgeInput), judgeCtx));
  } catch (e) {
    return finish(call, ctx, start, id, j, judgeUnavailable(j.body, (e as Error)?.message ?? String(e), ctx));
  }
}

/** What the judge would be told about this call (for `autogate judge`): undefined when rules decide it, unless forced. */
export function judgeInputForCall(call: ToolCall, ctx: DecideContext, force = false): { input?: JudgeInput; deterministic: DecisionBody } {
  const j = evaluateCall(call, ctx);
  if (j.judgeInput || !force) return { input: j.judgeInput, deterministic: j.body };
  return { input: judgeInputFor(call, j.action, j.analysis, evaluate(j.analysis.effects, ctx.policy), ctx), deterministic: j.body };
}

/** What the judge is told: the user's words, earlier payloads, the pending payload and its effects. */
function judgeInputFor(call: ToolCall, action: Action, analysis: Analysis, ev: ReturnType<typeof evaluate>, ctx: DecideContext): JudgeInput {
  const policy = ctx.policy;
  return {
    environment: { workspace: [call.cwd, ...policy.environment.workspaceRoots], trustedHosts: policy.environment.trustedHosts, trustedRemotes: policy.environment.trustedRemotes },
    rules: policy.rules.filter((r) => r.decision !== "allow").map((r) => ({ id: r.id, level: r.decision, reason: r.reason })),
    userMessages: ctx.session.userMessages,
    priorActions: ctx.session.actions,
    action: { tool: call.tool, payload: payloadOf(call) },
    effects: analysis.effects,
    facts: [
      ...(ctx.session.taint ? [`this session is tainted: ${ctx.session.taint.tool} output contained instructions aimed at the agent (${ctx.session.taint.summary})`] : []),
      ...ev.uncovered.map((e) => `no rule covers: ${describe(e)}`),
      ...ev.deciding.filter((r) => r.decision === "judge").map((r) => `rule ${r.id} leaves this to you: ${r.reason}`),
    ],
  };
}

/** One line of the session history the judge sees: the tool and its payload. */
export const historyEntry = (call: ToolCall): string => `${call.tool}: ${payloadOf(call)}`;

/** A tool call as the judge and the session history see it: the payload, never any output. */
export function payloadOf(call: ToolCall): string {
  const i = (call.input ?? {}) as Record<string, unknown>;
  const text = (v: unknown) => (typeof v === "string" ? v : JSON.stringify(v));
  switch (call.tool) {
    case "Bash": return text(i.command);
    case "Write": return `${text(i.file_path)}:\n${text(i.content)}`;
    case "Edit": case "MultiEdit": return `${text(i.file_path)}: ${text(i.new_string ?? i.edits)}`;
    case "WebFetch": return `${text(i.url)}: ${text(i.prompt)}`;
    default: return text(call.input);
  }
}

/** Internal failure: never allow. Ask a human, or deny when there is none; marked as an error, not a policy decision. */
export function errorDecision(ctx: { humanPresent: boolean }, error: AutogateError): Omit<Decision, "id" | "latency_us" | "policy_revision"> {
  const verdict = ctx.humanPresent ? "ask" : "deny";
  return {
    decision: verdict, tier: "error", rules: [], effects: [], error,
    reason_for_model: `autogate could not evaluate this action (${error.message}), so it was ${verdict === "deny" ? "blocked for safety" : "sent to the user"}. This is an autogate error, not a policy decision.`,
    reason_for_user: `autogate error (${error.code}): ${error.message}${error.hint ? ` — ${error.hint}` : ""}`,
  };
}

export function subjectOf(a: Action): string {
  switch (a.kind) {
    case "exec": return a.command;
    case "read": case "write": case "edit": return `${a.kind} ${a.path}`;
    case "search": return `search ${a.pattern} in ${a.path ?? "."}`;
    case "fetch": return `fetch ${a.url}`;
    case "web-search": return `web search "${a.query}"`;
    case "mcp": return `MCP ${a.server}.${a.tool}`;
    case "spawn-agent": return `a subagent: ${a.prompt}`;
    case "internal": case "unknown": return a.tool;
  }
}

/** Policy examples run in a fixed world, so their result never depends on the machine. */
export const EXAMPLE_WORLD = { cwd: "/home/user/project", home: "/home/user" };

export function validatePolicy(policy: Policy, session: SessionState): AutogateError[] {
  const env = analysisEnv(EXAMPLE_WORLD.cwd, policy, session, EXAMPLE_WORLD.home);
  const analyzeExample = (ex: Example) => {
    const call: ToolCall = typeof ex === "string"
      ? { agent: "generic", tool: "Bash", input: { command: ex }, cwd: env.cwd }
      : { agent: "generic", tool: ex.tool, input: ex.input, cwd: env.cwd };
    return analyzeAction(normalize(call), env).effects;
  };
  return checkExamples(policy, analyzeExample);
}
