import type { Hono } from "hono";
import type { AppEnv } from "../app.ts";
import { registerAssets } from "./assets.ts";
import { detailPage } from "./detail.ts";
import { feedPage, feedRow, feedRows } from "./feed.ts";
import { requireSession } from "./guard.ts";
import { policyPage } from "./policy.ts";
import { statsPage } from "./stats.ts";

/**
 * The dashboard: server-rendered pages (hono/html, escaped by default) enhanced by htmx and one
 * small script. Pages need a session (or the token); /assets/* is public.
 */
export function registerDashboard(app: Hono<AppEnv>): void {
  registerAssets(app);
  app.get("/", requireSession, feedPage);
  app.get("/feed/rows", requireSession, feedRows);
  app.get("/feed/row/:id", requireSession, feedRow);
  app.get("/decisions/:id", requireSession, detailPage);
  app.get("/stats", requireSession, statsPage);
  app.get("/policy", requireSession, policyPage);
}
