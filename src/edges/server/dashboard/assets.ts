import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import type { Context, Hono } from "hono";
import type { AppEnv } from "../app.ts";
import { packageRoot } from "../../runtime/paths.ts";
import { DASHBOARD_CSS } from "./assets/dashboard.css.ts";
import { DASHBOARD_JS } from "./assets/dashboard.js.ts";

/**
 * Public static assets: our CSS and script (embedded strings) and htmx (read once from its npm
 * package). Links carry ?v=<version>, so browsers may cache them for a day.
 */
const FAVICON = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24"><path d="M12 2.5 4 5.5v6c0 4.7 3.3 8.9 8 10 4.7-1.1 8-5.3 8-10v-6l-8-3Z" fill="#4f46e5"/><path d="m8.5 12 2.4 2.4 4.6-4.8" fill="none" stroke="#fff" stroke-width="2" stroke-linecap="round" stroke-linejoin="round"/></svg>`;

let htmx: string | null | undefined;
function htmxSource(): string | null {
  if (htmx !== undefined) return htmx;
  const candidates = [path.join(packageRoot(), "node_modules", "htmx.org", "dist", "htmx.min.js")];
  try {
    candidates.push(createRequire(import.meta.url).resolve("htmx.org/dist/htmx.min.js"));
  } catch {
    // not resolvable from here (hoisted elsewhere): the first candidate may still exist
  }
  htmx = null;
  for (const file of candidates) {
    try {
      htmx = fs.readFileSync(file, "utf8");
      break;
    } catch {
      // try the next
    }
  }
  return htmx;
}

const send = (c: Context<AppEnv>, body: string, type: string) => c.body(body, 200, { "content-type": type, "cache-control": "public, max-age=86400" });

export function registerAssets(app: Hono<AppEnv>): void {
  app.get("/assets/dashboard.css", (c) => send(c, DASHBOARD_CSS, "text/css; charset=utf-8"));
  app.get("/assets/dashboard.js", (c) => send(c, DASHBOARD_JS, "text/javascript; charset=utf-8"));
  app.get("/assets/favicon.svg", (c) => send(c, FAVICON, "image/svg+xml"));
  app.get("/assets/htmx.min.js", (c) => {
    const src = htmxSource();
    return src ? send(c, src, "text/javascript; charset=utf-8") : c.text("htmx is not installed", 404);
  });
}
