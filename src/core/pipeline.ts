import { normalize } from "./action/normalize.ts";
import type { Action } from "./action/action.ts";
import type { ToolCall } from "./action/tool-call.ts";
import { analyzeAction, type Analysis } from "./analyze/analyze.ts";
import type { AnalysisEnv } from "./analyze/environment.ts";
import { combine } from "./decision/combine.ts";
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
}

export interface Outcome {
  decision: Decision;
  action?: Action;
  analysis?: Analysis;
  session: SessionState;
}

export function analysisEnv(cwd: string, policy: Policy, session: SessionState, home: string): AnalysisEnv {
  return {
    cwd,
    home,
    workspaceRoots: [cwd, ...policy.environment.workspaceRoots.map((r) => (r.startsWith("~/") ? home + r.slice(1) : r))],
    tempDirs: ["/tmp", "/var/tmp", "/dev/shm", ...policy.environment.tempDirs],
    sessionPaths: new Set(session.created),
    sessionScripts: new Map(Object.entries(session.scripts)),
    secretGlobs: policy.environment.secretPaths,
    protectedGlobs: policy.environment.protectedPaths,
    vars: { HOME: home, PWD: cwd, USER: home.split("/").pop() ?? "user" },
  };
}

export function decide(call: ToolCall, ctx: DecideContext): Outcome {
  const start = ctx.clock();
  const id = ctx.newId();
  const finish = (body: Omit<Decision, "id" | "latency_us" | "policy_revision">): Decision => ({
    id, ...body, latency_us: Number((ctx.clock() - start) / 1000n), policy_revision: ctx.policy.revision,
  });
  try {
    const action = normalize(call);
    const analysis = analyzeAction(action, analysisEnv(call.cwd, ctx.policy, ctx.session, ctx.home));
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
    const decision = finish(body);
    return { decision, action, analysis, session: afterDecision(ctx.session, decision.decision, analysis.writes, touchedPaths(analysis.effects, ctx.isExistingFolder)) };
  } catch (e) {
    return { decision: finish(errorDecision(ctx, { code: "hook_internal", message: `autogate failed while deciding: ${(e as Error)?.message ?? e}` })), session: ctx.session };
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
