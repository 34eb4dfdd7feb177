/** Library entry: the pure pipeline and its types, for embedding autogate in other harnesses. */
export { decide, analysisEnv, validatePolicy } from "./core/pipeline.ts";
export type { DecideContext, Outcome } from "./core/pipeline.ts";
export type { ToolCall, AgentName } from "./core/action/tool-call.ts";
export type { Action } from "./core/action/action.ts";
export type { Effect, PathClass } from "./core/analyze/effect.ts";
export type { Decision, Verdict, Tier } from "./core/decision/decision.ts";
export { mergeLayers } from "./core/policy/layers.ts";
export type { Policy, Rule } from "./core/policy/layers.ts";
export { parsePolicyText } from "./core/policy/parse-file.ts";
export { emptySession } from "./core/session/session.ts";
export type { SessionState } from "./core/session/session.ts";
// The Claude Agent SDK integration (PreToolUse hook + canUseTool); the SDK is an optional peer dependency.
export { autogateForAgentSdk } from "./edges/adapters/sdk.ts";
export type { AutogateSdk, AutogateSdkOptions, SdkCanUseTool, SdkHookCallback, SdkPermissionResult } from "./edges/adapters/sdk.ts";
