import { html } from "hono/html";
import { VERSION } from "../../../version.ts";
import type { Html } from "./format.ts";

/** The page shell: head, nav bar, main. Scripts are external (the CSP forbids inline script). */
export type Section = "feed" | "stats" | "policy" | "none";

const ASSET_VERSION = VERSION;

const LOGO = html`<svg class="logo" viewBox="0 0 24 24" aria-hidden="true"><path d="M12 2.5 4 5.5v6c0 4.7 3.3 8.9 8 10 4.7-1.1 8-5.3 8-10v-6l-8-3Z" fill="currentColor" opacity=".14"/><path d="M12 2.5 4 5.5v6c0 4.7 3.3 8.9 8 10 4.7-1.1 8-5.3 8-10v-6l-8-3Z" fill="none" stroke="currentColor" stroke-width="1.6" stroke-linejoin="round"/><path d="m8.5 12 2.4 2.4 4.6-4.8" fill="none" stroke="currentColor" stroke-width="1.8" stroke-linecap="round" stroke-linejoin="round"/></svg>`;

function navLink(href: string, label: string, section: Section, current: Section): Html {
  return html`<a href="${href}"${section === current ? html` class="active" aria-current="page"` : ""}>${label}</a>`;
}

export function layout(opts: { title: string; section: Section; body: Html; page?: string }): Html {
  const v = ASSET_VERSION;
  return html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light">
<meta name="htmx-config" content='{"includeIndicatorStyles":false,"refreshOnHistoryMiss":true,"historyCacheSize":0}'>
<title>${opts.title} · autogate</title>
<link rel="icon" href="/assets/favicon.svg?v=${v}" type="image/svg+xml">
<link rel="stylesheet" href="/assets/dashboard.css?v=${v}">
<script src="/assets/htmx.min.js?v=${v}" defer></script>
<script src="/assets/dashboard.js?v=${v}" defer></script>
</head>
<body data-page="${opts.page ?? opts.section}">
<header class="topbar">
  <div class="topbar-inner">
    <a class="brand" href="/">${LOGO}<span>autogate</span></a>
    ${opts.section === "none" ? "" : html`<nav class="nav">
      ${navLink("/", "Decisions", "feed", opts.section)}
      ${navLink("/stats", "Stats", "stats", opts.section)}
      ${navLink("/policy", "Policy", "policy", opts.section)}
    </nav>`}
    <span class="topbar-spacer"></span>
    <span class="version">v${VERSION}</span>
  </div>
</header>
<main class="page">
${opts.body}
</main>
</body>
</html>`;
}
