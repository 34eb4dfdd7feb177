import { html } from "hono/html";
import type { Html } from "./format.ts";

/**
 * Charts as inline SVG, drawn on the server: no chart library, no script. Colours come from CSS
 * classes (bar-allow, bar-ask, ...), so the stylesheet owns the palette.
 */
export interface Series {
  key: string;
  label: string;
  cls: string;
}

export interface Column {
  /** Axis label (empty for none: the caller spaces them out). */
  label: string;
  /** Tooltip heading. */
  title: string;
  values: Record<string, number>;
}

/** A max at or above n that splits into four readable ticks (counts: at least 4). */
export function niceMax(n: number): number {
  n = Math.max(n, 4);
  const p = 10 ** Math.floor(Math.log10(n));
  for (const m of [1, 1.2, 1.6, 2, 2.4, 3, 4, 5, 6, 8, 10]) if (m * p >= n) return m * p;
  return 10 * p;
}

const fmt = (n: number) => (n >= 10_000 ? `${Math.round(n / 1000)}k` : n >= 1000 ? `${(n / 1000).toFixed(1).replace(/\.0$/, "")}k` : String(Math.round(n * 10) / 10));
const r1 = (n: number) => Math.round(n * 10) / 10;

/** Stacked columns (first series at the bottom), with gridlines, a y axis and sparse x labels. */
export function stackedBars(columns: Column[], series: Series[], opts: { width?: number; height?: number; label: string }): Html {
  const W = opts.width ?? 960;
  const H = opts.height ?? 260;
  const m = { l: 44, r: 8, t: 10, b: 28 };
  const pw = W - m.l - m.r;
  const ph = H - m.t - m.b;
  const totals = columns.map((c) => series.reduce((s, x) => s + (c.values[x.key] ?? 0), 0));
  const max = niceMax(Math.max(0, ...totals));
  const y = (v: number) => m.t + ph - (v / max) * ph;
  const step = columns.length ? pw / columns.length : pw;
  const bw = Math.max(1, Math.min(step * 0.72, 40));
  const ticks = [0, 0.25, 0.5, 0.75, 1].map((f) => f * max);
  return html`<svg class="chart chart-stacked" viewBox="0 0 ${W} ${H}" role="img" aria-label="${opts.label}">
    ${ticks.map((t) => html`<line class="grid${t === 0 ? " grid-base" : ""}" x1="${m.l}" x2="${W - m.r}" y1="${r1(y(t))}" y2="${r1(y(t))}"></line><text class="axis" x="${m.l - 8}" y="${r1(y(t)) + 4}" text-anchor="end">${fmt(t)}</text>`)}
    ${columns.map((c, i) => {
      const x = m.l + i * step + (step - bw) / 2;
      let acc = 0;
      const rects = series.map((s) => {
        const v = c.values[s.key] ?? 0;
        if (!v) return "";
        const top = y(acc + v);
        const h = y(acc) - top;
        acc += v;
        return html`<rect class="${s.cls}" x="${r1(x)}" y="${r1(top)}" width="${r1(bw)}" height="${Math.max(r1(h), 0.6)}"></rect>`;
      });
      const tip = `${c.title}: ${totals[i].toLocaleString("en-US")} — ${series.map((s) => `${(c.values[s.key] ?? 0).toLocaleString("en-US")} ${s.label.toLowerCase()}`).join(", ")}`;
      return html`<g class="col"><title>${tip}</title><rect class="hover-col" x="${r1(m.l + i * step)}" y="${m.t}" width="${r1(step)}" height="${ph}"></rect>${rects}${c.label ? html`<text class="axis" x="${r1(x + bw / 2)}" y="${H - 8}" text-anchor="middle">${c.label}</text>` : ""}</g>`;
    })}
  </svg>`;
}

export interface Bar {
  label: string;
  value: number;
  href?: string;
  cls?: string;
  title?: string;
  mono?: boolean;
}

/** Horizontal bars: an HTML label (so long commands ellipsize) beside an SVG bar and its count. */
export function hbars(bars: Bar[], opts: { label: string; empty?: string }): Html {
  if (!bars.length) return html`<p class="muted chart-empty">${opts.empty ?? "Nothing yet."}</p>`;
  const max = Math.max(...bars.map((b) => b.value), 1);
  return html`<ol class="hbars" aria-label="${opts.label}">${bars.map((b) => {
    const label = b.href ? html`<a class="hb-label${b.mono ? " mono" : ""}" href="${b.href}" title="${b.title ?? b.label}">${b.label}</a>` : html`<span class="hb-label${b.mono ? " mono" : ""}" title="${b.title ?? b.label}">${b.label}</span>`;
    return html`<li>${label}<svg class="hb-bar" viewBox="0 0 100 10" preserveAspectRatio="none" aria-hidden="true"><rect class="hb-track" width="100" height="10"></rect><rect class="${b.cls ?? "bar-neutral"}" width="${Math.max(r1((100 * b.value) / max), 0.8)}" height="10"></rect></svg><span class="hb-value">${b.value.toLocaleString("en-US")}</span></li>`;
  })}</ol>`;
}

/** A thin share-of-total bar (allow / ask / deny), as in the KPI strip. */
export function shareBar(parts: { value: number; cls: string; label: string }[]): Html {
  const total = parts.reduce((s, p) => s + p.value, 0) || 1;
  let x = 0;
  return html`<svg class="share" viewBox="0 0 100 4" preserveAspectRatio="none" role="img" aria-label="${parts.map((p) => `${p.label} ${p.value}`).join(", ")}">${parts.map((p) => {
    const w = (100 * p.value) / total;
    const rect = html`<rect class="${p.cls}" x="${r1(x)}" width="${r1(w)}" height="4"></rect>`;
    x += w;
    return rect;
  })}</svg>`;
}
