import path from "node:path";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";
import { Server } from "@modelcontextprotocol/sdk/server/index.js";
import { StdioServerTransport } from "@modelcontextprotocol/sdk/server/stdio.js";
import { CallToolRequestSchema, ListToolsRequestSchema, type CallToolResult, type Tool } from "@modelcontextprotocol/sdk/types.js";
import { auditRecord } from "../../core/audit/record.ts";
import type { ToolCall } from "../../core/action/tool-call.ts";
import { isAlarm, scanToolOutput, summarizeFindings } from "../../core/inject/scan.ts";
import { decideWithJudge } from "../../core/pipeline.ts";
import { withTaint } from "../../core/session/session.ts";
import { jsonlSink } from "../hook-runner.ts";
import { makeJudge } from "../judges/make-judge.ts";
import { loadPolicy } from "../policy-files/load-policy.ts";
import { monotonicNs, newDecisionId } from "../runtime/clock.ts";
import type { Paths } from "../runtime/paths.ts";
import { loadSession, saveSession } from "../session-store.ts";

/**
 * `autogate mcp-proxy -- <server command…>`: sits between any MCP client and a stdio MCP server.
 * tools/list passes through (its annotations tell us which tools only read); every tools/call goes
 * through the same policy as a hook call; results are scanned for prompt injection, and a hit taints
 * the session (further side effects are refused) and adds a warning for the agent to the result.
 * There is no human to ask through MCP, so `ask` is refused with its reason.
 */
export interface ProxyOptions {
  command: string[];
  serverName: string;
  paths: Paths;
  cwd: string;
  sessionId: string;
}

export async function runMcpProxy(opts: ProxyOptions): Promise<void> {
  const [command, ...args] = opts.command;
  const upstream = new Client({ name: "autogate-mcp-proxy", version: "1" });
  await upstream.connect(new StdioClientTransport({ command, args, env: process.env as Record<string, string>, stderr: "inherit" }));
  const hints = new Map<string, Tool["annotations"]>();
  const server = new Server({ name: `autogate(${opts.serverName})`, version: "1" }, { capabilities: { tools: {} } });
  const record = jsonlSink(opts.paths);

  server.setRequestHandler(ListToolsRequestSchema, async (req) => {
    const list = await upstream.listTools(req.params);
    for (const t of list.tools) hints.set(t.name, t.annotations);
    return list;
  });

  server.setRequestHandler(CallToolRequestSchema, async (req): Promise<CallToolResult> => {
    const name = req.params.name;
    const a = hints.get(name);
    const call: ToolCall = {
      agent: "generic", tool: `mcp__${opts.serverName}__${name}`, input: req.params.arguments ?? {}, cwd: opts.cwd, sessionId: opts.sessionId,
      mcpHints: a ? { readOnly: a.readOnlyHint, destructive: a.destructiveHint, openWorld: a.openWorldHint } : undefined,
    };
    const policy = await loadPolicy(opts.paths, opts.cwd);
    const session = loadSession(opts.paths.sessionsDir, opts.sessionId);
    const outcome = await decideWithJudge(call, { policy, session, home: opts.paths.home, humanPresent: false, clock: monotonicNs, newId: newDecisionId }, makeJudge(policy, process.env, opts.paths.stateDir));
    record(auditRecord(outcome.decision, call, new Date().toISOString()));
    saveSession(opts.paths.sessionsDir, opts.sessionId, outcome.session);
    if (outcome.decision.decision !== "allow") {
      const why = outcome.decision.decision === "ask" ? `${outcome.decision.reason_for_user} — autogate's MCP proxy has no one to ask, so the call was not made.` : outcome.decision.reason_for_model;
      return { isError: true, content: [{ type: "text", text: why }] };
    }
    const result = (await upstream.callTool(req.params)) as CallToolResult;
    const text = (result.content ?? []).map((c) => (c.type === "text" ? c.text : JSON.stringify(c))).join("\n");
    const findings = scanToolOutput(text, { tool: call.tool });
    if (!isAlarm(findings)) return result; // medium notes are not alarms (see hook-runner.ts)
    const warning = summarizeFindings(findings, { tool: call.tool });
    const after = loadSession(opts.paths.sessionsDir, opts.sessionId);
    saveSession(opts.paths.sessionsDir, opts.sessionId, withTaint(after, { at: new Date().toISOString(), tool: call.tool, summary: findings.map((f) => f.kind).join(", ") }));
    return { ...result, content: [...(result.content ?? []), { type: "text", text: warning }] };
  });

  const transport = new StdioServerTransport();
  transport.onclose = () => void upstream.close();
  await server.connect(transport);
}

export const defaultServerName = (command: string[]) => path.basename(command[0] ?? "server").replace(/\.[cm]?[jt]s$/, "").replace(/[^A-Za-z0-9_-]/g, "_");
