import type { Hono } from "hono";
import type { AppEnv } from "../app.ts";

/** Placeholder until the dashboard lands: the daemon's root says where the API is. */
export function registerDashboard(app: Hono<AppEnv>): void {
  app.get("/", (c) => c.text("autogate daemon: the dashboard is coming; the API is under /api"));
}
