// One contract suite for the AuditStore port, run against every implementation (SQLite, JSONL).
import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, test } from "node:test";
import type { AuditRecord } from "../src/core/audit/record.ts";
import { JsonlAuditStore } from "../src/edges/audit/jsonl-store.ts";
import { SqliteAuditStore } from "../src/edges/audit/sqlite-store.ts";
import type { AuditStore } from "../src/edges/audit/store.ts";

const IMPLEMENTATIONS: Record<string, (dir: string) => AuditStore> = {
  sqlite: (dir) => new SqliteAuditStore(path.join(dir, "audit.db")),
  jsonl: (dir) => new JsonlAuditStore(path.join(dir, "audit.jsonl")),
};

function rec(i: number, over: Partial<AuditRecord> = {}): AuditRecord {
  return {
    id: `dec_${String(i).padStart(4, "0")}`, ts: new Date(Date.UTC(2026, 10, 27, 10, i)).toISOString(), agent: "claude-code", tool: "Bash",
    session_id: i % 2 ? "s1" : "s2", tool_use_id: `t${i}`, cwd: "/p", input: { command: `cmd number ${i}` },
    decision: "allow", tier: "rule", rules: ["known-program"], reason_for_model: "", reason_for_user: `reason ${i}`, effects: [], latency_us: 10 + i, policy_revision: "r1",
    ...over,
  };
}

for (const [name, make] of Object.entries(IMPLEMENTATIONS)) {
  describe(`AuditStore contract: ${name}`, () => {
    const open = () => make(fs.mkdtempSync(path.join(os.tmpdir(), `ag-store-${name}-`)));

    test("append stores a record once, by id", () => {
      const s = open();
      assert.equal(s.append(rec(1)), true);
      assert.equal(s.append(rec(1)), false);
      assert.deepEqual(s.get("dec_0001"), rec(1));
      assert.equal(s.get("nope"), undefined);
      assert.equal(s.query({}).items.length, 1);
      s.close();
    });

    test("query filters by decision, tool, session, rule, since and text, newest first", () => {
      const s = open();
      s.append(rec(1));
      s.append(rec(2, { decision: "deny", rules: ["force-push"], input: { command: "git push --force" } }));
      s.append(rec(3, { tool: "Write", input: { file_path: "/p/a.py", content: "x" } }));
      s.append(rec(4, { decision: "ask", rules: ["read-secret"] }));
      const ids = (q: Parameters<AuditStore["query"]>[0]) => s.query(q).items.map((i) => i.id);
      assert.deepEqual(ids({}), ["dec_0004", "dec_0003", "dec_0002", "dec_0001"]);
      assert.deepEqual(ids({ decision: "deny" }), ["dec_0002"]);
      assert.deepEqual(ids({ tool: "Write" }), ["dec_0003"]);
      assert.deepEqual(ids({ session: "s1" }), ["dec_0003", "dec_0001"]);
      assert.deepEqual(ids({ rule: "read-secret" }), ["dec_0004"]);
      assert.deepEqual(ids({ since: rec(3).ts }), ["dec_0004", "dec_0003"]);
      assert.deepEqual(ids({ text: "PUSH --FORCE" }), ["dec_0002"]);
      assert.deepEqual(ids({ text: "100%_" }), []);
      assert.equal(s.query({ tool: "Write" }).items[0].subject, "/p/a.py");
      s.close();
    });

    test("cursor paging walks every record exactly once", () => {
      const s = open();
      for (let i = 0; i < 25; i++) s.append(rec(i));
      const seen: string[] = [];
      let cursor: string | undefined;
      do {
        const page = s.query({ limit: 10, cursor });
        seen.push(...page.items.map((i) => i.id));
        cursor = page.next_cursor;
      } while (cursor);
      assert.equal(seen.length, 25);
      assert.equal(new Set(seen).size, 25);
      s.close();
    });

    test("stats count decisions, rules that interrupted, denied commands and prompts saved", () => {
      const s = open();
      s.append(rec(1));
      s.append(rec(2));
      s.append(rec(3, { decision: "deny", rules: ["force-push"], input: { command: "git push -f" } }));
      s.append(rec(4, { decision: "deny", rules: ["force-push"], input: { command: "git push -f" } }));
      s.append(rec(5, { decision: "ask", rules: ["read-secret"] }));
      const st = s.stats();
      assert.equal(st.total, 5);
      assert.deepEqual(st.by_decision, { allow: 2, ask: 1, deny: 2 });
      assert.equal(st.prompts_saved, 2);
      assert.deepEqual(st.top_rules, [{ rule: "force-push", count: 2 }, { rule: "read-secret", count: 1 }]);
      assert.deepEqual(st.top_denied, [{ subject: "git push -f", count: 2 }]);
      assert.deepEqual(st.over_time, [{ bucket: "2026-11-27T10", allow: 2, ask: 1, deny: 2 }]);
      s.close();
    });

    test("prune removes records older than the cut-off", () => {
      const s = open();
      for (let i = 0; i < 5; i++) s.append(rec(i));
      assert.equal(s.prune(rec(3).ts), 3);
      assert.deepEqual(s.query({}).items.map((i) => i.id), ["dec_0004", "dec_0003"]);
      s.close();
    });
  });
}

test("sqlite: a second decision for the same tool call (same session and tool_use_id) is not stored", () => {
  const s = new SqliteAuditStore(path.join(fs.mkdtempSync(path.join(os.tmpdir(), "ag-store-")), "audit.db"));
  assert.equal(s.append(rec(1)), true);
  assert.equal(s.append(rec(2, { tool_use_id: "t1", session_id: "s1" })), false);
  assert.equal(s.append(rec(3, { tool_use_id: undefined })), true);
  assert.equal(s.append(rec(4, { tool_use_id: undefined })), true);
  assert.equal(s.query({}).items.length, 3);
  s.close();
});
