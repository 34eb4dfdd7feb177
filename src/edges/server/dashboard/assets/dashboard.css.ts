/** The dashboard stylesheet, embedded so the bundled CLI needs no files beside it. Served at /assets/dashboard.css. */
export const DASHBOARD_CSS = String.raw`
:root {
  --bg: #f5f6f8; --surface: #fff; --surface-2: #f9fafb; --border: #e4e7ec; --border-strong: #d0d5dd;
  --text: #101828; --text-2: #344054; --muted: #667085; --faint: #98a2b3;
  --accent: #4f46e5; --accent-bg: #eef0ff;
  --allow: #11774f; --allow-bg: #e3f5ec; --allow-bar: #3bb47e;
  --ask: #a65a00; --ask-bg: #fdf1dc; --ask-bar: #f2a93b;
  --deny: #c0352b; --deny-bg: #fde8e6; --deny-bar: #e5534b;
  --judge: #6a46c4; --judge-bg: #f0ebfc; --judge-bar: #9b7ee6;
  --neutral-bar: #a3adbd;
  --radius: 12px; --shadow: 0 1px 2px rgba(16, 24, 40, .05), 0 1px 3px rgba(16, 24, 40, .04);
  --mono: ui-monospace, "SF Mono", SFMono-Regular, "Cascadia Code", "JetBrains Mono", Menlo, Consolas, "Liberation Mono", monospace;
  --sans: system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", "Noto Sans", Arial, sans-serif;
}
* { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; }
body { margin: 0; background: var(--bg); color: var(--text); font: 14px/1.5 var(--sans); }
a { color: var(--accent); text-decoration: none; }
a:hover { text-decoration: underline; }
code, pre, .mono { font-family: var(--mono); font-size: 12.5px; }
h1, h2, h3 { margin: 0; line-height: 1.25; }
h1 { font-size: 22px; font-weight: 650; letter-spacing: -.01em; }
h2 { font-size: 15px; font-weight: 620; }
h3 { font-size: 12px; font-weight: 600; color: var(--muted); text-transform: uppercase; letter-spacing: .04em; margin: 14px 0 4px; }
p { margin: 0; }
.muted { color: var(--muted); }
.small { font-size: 12px; }
[hidden] { display: none !important; }

/* top bar */
.topbar { background: var(--surface); border-bottom: 1px solid var(--border); position: sticky; top: 0; z-index: 10; }
.topbar-inner { max-width: 1320px; margin: 0 auto; padding: 0 24px; height: 56px; display: flex; align-items: center; gap: 28px; }
.brand { display: flex; align-items: center; gap: 8px; color: var(--text); font-weight: 700; font-size: 16px; letter-spacing: -.01em; }
.brand:hover { text-decoration: none; }
.logo { width: 24px; height: 24px; color: var(--accent); }
.nav { display: flex; gap: 4px; }
.nav a { color: var(--text-2); padding: 6px 12px; border-radius: 8px; font-weight: 520; }
.nav a:hover { background: var(--surface-2); text-decoration: none; }
.nav a.active { background: var(--accent-bg); color: var(--accent); }
.topbar-spacer { flex: 1; }
.version { color: var(--faint); font-size: 12px; }

.page { max-width: 1320px; margin: 0 auto; padding: 24px; display: flex; flex-direction: column; gap: 16px; }
.page-head { display: flex; align-items: flex-end; justify-content: space-between; gap: 16px; flex-wrap: wrap; }
.sub { color: var(--muted); margin-top: 4px; }
.card { background: var(--surface); border: 1px solid var(--border); border-radius: var(--radius); box-shadow: var(--shadow); padding: 16px 18px; }
.card > h2 { margin-bottom: 10px; }
.card-head { display: flex; align-items: baseline; justify-content: space-between; gap: 12px; margin-bottom: 12px; flex-wrap: wrap; }
.card-head h2 { display: flex; align-items: center; gap: 8px; }

/* badges, chips */
.badge { display: inline-flex; align-items: center; gap: 6px; padding: 2px 9px 2px 8px; border-radius: 999px; font-size: 11.5px; font-weight: 650; text-transform: uppercase; letter-spacing: .04em; line-height: 18px; background: #eef0f3; color: var(--text-2); }
.badge::before { content: ""; width: 6px; height: 6px; border-radius: 50%; background: currentColor; }
.badge-allow { background: var(--allow-bg); color: var(--allow); }
.badge-ask { background: var(--ask-bg); color: var(--ask); }
.badge-deny { background: var(--deny-bg); color: var(--deny); }
.badge-judge { background: var(--judge-bg); color: var(--judge); }
.chip { display: inline-block; padding: 1px 8px; margin: 1px 4px 1px 0; border-radius: 6px; background: #f0f2f5; color: var(--text-2); font: 11.5px/18px var(--mono); white-space: nowrap; max-width: 100%; overflow: hidden; text-overflow: ellipsis; vertical-align: middle; border: 1px solid transparent; }
a.chip:hover { text-decoration: none; border-color: var(--border-strong); }
.chip-allow { background: var(--allow-bg); color: var(--allow); }
.chip-ask { background: var(--ask-bg); color: var(--ask); }
.chip-deny { background: var(--deny-bg); color: var(--deny); }
.chip-judge { background: var(--judge-bg); color: var(--judge); }
.chip-strong { border-color: currentColor; font-weight: 650; }
.tier { margin-left: 6px; font-size: 11px; color: var(--muted); border: 1px solid var(--border); border-radius: 5px; padding: 0 5px; }
.tier-error { color: var(--deny); border-color: #f5c2bd; }
.scope { font-size: 11px; font-weight: 600; text-transform: uppercase; letter-spacing: .04em; padding: 1px 7px; border-radius: 5px; background: #eef0f3; color: var(--text-2); }
.scope-user { background: #e6f0fe; color: #1d5bd6; }
.scope-project { background: #e9f7f6; color: #0f766e; }
.scope-managed { background: #f3e8ff; color: #7e22ce; }

/* buttons and fields */
.btn { display: inline-flex; align-items: center; justify-content: center; gap: 6px; height: 34px; padding: 0 14px; border-radius: 8px; border: 1px solid var(--border-strong); background: var(--surface); color: var(--text-2); font: 600 13px var(--sans); cursor: pointer; white-space: nowrap; }
.btn:hover { background: var(--surface-2); text-decoration: none; }
.btn-primary { background: var(--accent); border-color: var(--accent); color: #fff; }
.btn-primary:hover { background: #4338ca; }
.btn-ghost { border-color: transparent; background: transparent; color: var(--muted); }
.field { display: flex; flex-direction: column; gap: 4px; min-width: 0; }
.field > span { font-size: 11.5px; font-weight: 600; color: var(--muted); }
.field input, .field select { height: 34px; border: 1px solid var(--border-strong); border-radius: 8px; padding: 0 10px; font: 13px var(--sans); color: var(--text); background: var(--surface); min-width: 0; width: 100%; }
.field input:focus, .field select:focus { outline: 2px solid var(--accent-bg); border-color: var(--accent); }

/* filters */
.filters { display: grid; grid-template-columns: auto minmax(200px, 2fr) repeat(3, minmax(110px, 1fr)) minmax(120px, .9fr) auto; gap: 12px; align-items: end; padding: 14px 16px; }
.segmented { display: inline-flex; border: 1px solid var(--border-strong); border-radius: 9px; padding: 2px; background: var(--surface-2); height: 34px; }
.segmented label { position: relative; display: flex; }
.segmented input { position: absolute; opacity: 0; pointer-events: none; }
.segmented span { padding: 0 12px; display: flex; align-items: center; border-radius: 7px; font-weight: 600; font-size: 13px; color: var(--muted); cursor: pointer; user-select: none; }
.segmented span:hover { color: var(--text); }
.segmented input:focus-visible + span { outline: 2px solid var(--accent); }
.segmented label:has(input:checked) span { background: var(--surface); color: var(--text); box-shadow: 0 1px 2px rgba(16,24,40,.12); }
.segmented .seg-allow:has(input:checked) span { color: var(--allow); }
.segmented .seg-ask:has(input:checked) span { color: var(--ask); }
.segmented .seg-deny:has(input:checked) span { color: var(--deny); }
.filter-actions { display: flex; gap: 4px; }

/* live status */
.live { display: inline-flex; align-items: center; gap: 8px; padding: 5px 12px; border-radius: 999px; background: var(--surface); border: 1px solid var(--border); font-size: 12.5px; font-weight: 600; color: var(--muted); }
.live .dot { width: 8px; height: 8px; border-radius: 50%; background: var(--faint); }
.live[data-state="live"] { color: var(--allow); }
.live[data-state="live"] .dot { background: var(--allow-bar); box-shadow: 0 0 0 0 rgba(59,180,126,.5); animation: pulse 2s infinite; }
.live[data-state="off"] { color: var(--deny); }
.live[data-state="off"] .dot { background: var(--deny-bar); }
@keyframes pulse { 0% { box-shadow: 0 0 0 0 rgba(59,180,126,.45); } 70% { box-shadow: 0 0 0 7px rgba(59,180,126,0); } 100% { box-shadow: 0 0 0 0 rgba(59,180,126,0); } }

/* the feed table */
.feed { padding: 0; overflow: hidden; }
.feed.htmx-request { opacity: .6; transition: opacity .15s; }
.table-wrap { overflow-x: auto; }
.decisions { width: 100%; border-collapse: separate; border-spacing: 0; table-layout: fixed; }
.decisions th { text-align: left; font-size: 11.5px; font-weight: 600; text-transform: uppercase; letter-spacing: .05em; color: var(--muted); background: var(--surface-2); padding: 10px 12px; border-bottom: 1px solid var(--border); position: sticky; top: 0; }
.decisions td { padding: 9px 12px; border-bottom: 1px solid #eef0f3; vertical-align: top; }
.decisions tr:last-child td { border-bottom: 0; }
.c-time { width: 118px; } .c-dec { width: 118px; } .c-tool { width: 104px; } .c-rules { width: 250px; } .c-lat { width: 92px; text-align: right; }
th.c-lat { text-align: right; }
td.c-time { color: var(--text-2); font-variant-numeric: tabular-nums; white-space: nowrap; }
td.c-lat { color: var(--muted); font-variant-numeric: tabular-nums; white-space: nowrap; }
.sess { display: block; font: 11px var(--mono); color: var(--faint); }
.sess:hover { color: var(--accent); }
.tool { font-weight: 560; color: var(--text-2); }
.subject { display: block; color: var(--text); font: 13px/20px var(--mono); white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
.reason { display: block; color: var(--muted); font-size: 12.5px; white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
.row { cursor: pointer; transition: background-color .12s; }
.row td:first-child { box-shadow: inset 3px 0 0 var(--stripe, transparent); }
.row-allow { --stripe: var(--allow-bar); }
.row-ask { --stripe: var(--ask-bar); background: #fffcf5; }
.row-deny { --stripe: var(--deny-bar); background: #fff8f7; }
.row:hover { background: #f5f6ff; }
.row-new { animation: arrive 2.4s ease-out; }
@keyframes arrive { 0% { background: #e2e5ff; } 100% { background: inherit; } }
.more-row td, .end-row td { text-align: center; padding: 14px; color: var(--faint); font-size: 12.5px; }
.empty { display: flex; flex-direction: column; gap: 4px; align-items: center; padding: 36px 12px; color: var(--muted); }
.empty strong { color: var(--text-2); font-size: 15px; }

/* detail */
.crumbs { font-size: 13px; color: var(--faint); display: flex; gap: 8px; align-items: center; }
.verdict { display: flex; justify-content: space-between; gap: 24px; align-items: center; border-top: 4px solid var(--border-strong); flex-wrap: wrap; }
.verdict-allow { border-top-color: var(--allow-bar); }
.verdict-ask { border-top-color: var(--ask-bar); }
.verdict-deny { border-top-color: var(--deny-bar); }
.verdict-main { flex: 1 1 420px; min-width: 0; }
.verdict-line { display: flex; align-items: center; gap: 10px; margin-bottom: 8px; font-size: 13px; }
.verdict-tool { font-weight: 650; }
.verdict-title { font-size: 19px; font-weight: 600; overflow-wrap: anywhere; }
.kpis { display: flex; gap: 28px; margin: 0; }
.kpis div { min-width: 88px; }
.kpis dt { font-size: 11.5px; color: var(--muted); font-weight: 600; text-transform: uppercase; letter-spacing: .04em; }
.kpis dd { margin: 2px 0 0; font-size: 20px; font-weight: 650; font-variant-numeric: tabular-nums; }
.kpis dd.mono { font-size: 17px; }
.kpis dd.kpi-sub { font-size: 12px; font-weight: 400; color: var(--muted); margin: 0; }
.warn-text { color: var(--ask); }
.detail-grid { display: grid; grid-template-columns: minmax(0, 1fr) 360px; gap: 16px; align-items: start; }
.detail-main, .detail-side { display: flex; flex-direction: column; gap: 16px; min-width: 0; }
.legend { display: inline-flex; align-items: center; gap: 6px; font-size: 12px; color: var(--muted); flex-wrap: wrap; }
.swatch { display: inline-block; width: 12px; height: 12px; border-radius: 3px; margin-left: 6px; background: var(--neutral-bar); }
.swatch.hit-allow { background: #bfe8d3; border-bottom: 2px solid var(--allow-bar); }
.swatch.hit-ask { background: #fde3b5; border-bottom: 2px solid var(--ask-bar); }
.swatch.hit-deny { background: #fbd0cc; border-bottom: 2px solid var(--deny-bar); }
.swatch-hover { background: #dcdffd; outline: 1.5px solid var(--accent); }
.command { margin: 0; padding: 16px 18px; background: #fbfbfd; border: 1px solid var(--border); border-radius: 10px; font: 14px/1.9 var(--mono); white-space: pre-wrap; overflow-wrap: anywhere; color: #1d2939; }
.command .seg { border-bottom: 1.5px dotted #b9c0cc; padding: 2px 0; transition: background-color .1s; }
.command .hit-allow { background: #dcf3e7; border-bottom: 2px solid var(--allow-bar); }
.command .hit-ask { background: #fdecc8; border-bottom: 2px solid var(--ask-bar); }
.command .hit-deny { background: #fcdcd8; border-bottom: 2px solid var(--deny-bar); }
.command .seg.on { background: #dcdffd; border-bottom: 2px solid var(--accent); box-shadow: 0 0 0 1px rgba(79,70,229,.35); border-radius: 2px; }
.effects { list-style: none; margin: 0; padding: 0; display: flex; flex-direction: column; gap: 8px; }
.effect { border: 1px solid var(--border); border-left: 3px solid var(--border-strong); border-radius: 8px; padding: 9px 12px; display: flex; flex-direction: column; gap: 5px; transition: background-color .1s, border-color .1s; cursor: default; }
.effect-deciding { border-left-color: var(--accent); }
.effect.on { background: #f5f6ff; border-color: #c7cbfb; border-left-color: var(--accent); }
.effect-head { display: flex; align-items: center; gap: 8px; flex-wrap: wrap; min-width: 0; }
.effect-kind { font-size: 11.5px; font-weight: 650; text-transform: uppercase; letter-spacing: .04em; padding: 1px 8px; border-radius: 5px; background: #eef0f3; color: var(--text-2); white-space: nowrap; }
.kind-allow { background: var(--allow-bg); color: var(--allow); }
.kind-ask { background: var(--ask-bg); color: var(--ask); }
.kind-deny { background: var(--deny-bg); color: var(--deny); }
.kind-judge { background: var(--judge-bg); color: var(--judge); }
.effect-what { font-size: 13px; color: var(--text); overflow-wrap: anywhere; }
.fact { font-size: 11.5px; color: var(--muted); background: var(--surface-2); border: 1px solid var(--border); border-radius: 5px; padding: 0 6px; }
.effect-meta { display: flex; align-items: center; gap: 10px; flex-wrap: wrap; font-size: 12.5px; }
.span-ref { font-family: var(--mono); font-size: 12px; color: var(--text-2); }
.note { color: var(--muted); font-style: italic; }
.effect-rules { margin-left: auto; }
.rule-list { list-style: none; margin: 0; padding: 0; display: flex; flex-direction: column; gap: 10px; }
.rule { border: 1px solid var(--border); border-radius: 10px; padding: 12px 14px; }
.rule-deny { background: #fffafa; } .rule-ask { background: #fffdf7; }
.rule-head, .prule-head { display: flex; align-items: center; gap: 10px; flex-wrap: wrap; margin-bottom: 6px; }
.rule-id { font: 600 13.5px var(--mono); color: var(--text); }
.source { color: var(--muted); font-size: 11.5px; overflow-wrap: anywhere; }
.rule-reason { color: var(--text-2); }
.rule-alt { color: var(--text-2); margin-top: 6px; }
.rule-alt span { font-weight: 650; color: var(--allow); }
.callout { border-left: 4px solid var(--border-strong); }
.callout h2 { margin-bottom: 6px; }
.callout-alt { border-left-color: var(--allow-bar); background: #f7fcf9; }
.callout-deny { border-left-color: var(--deny-bar); background: #fffafa; }
.callout-ask { border-left-color: var(--ask-bar); background: #fffcf5; }
.reason-text { color: var(--text-2); overflow-wrap: anywhere; }
.facts { display: grid; grid-template-columns: max-content minmax(0, 1fr); gap: 6px 14px; margin: 0; font-size: 13px; }
.facts dt { color: var(--muted); }
.facts dd { margin: 0; overflow-wrap: anywhere; }
.input-fields { margin: 0; }
.input-fields dt { font: 600 12px var(--mono); color: var(--muted); margin-top: 8px; }
.input-fields dd { margin: 4px 0 0; }
.input-fields pre, .raw pre { margin: 0; padding: 12px 14px; background: #fbfbfd; border: 1px solid var(--border); border-radius: 8px; white-space: pre-wrap; overflow-wrap: anywhere; max-height: 420px; overflow: auto; }
.raw summary { cursor: pointer; font-weight: 600; color: var(--text-2); }
.raw[open] summary { margin-bottom: 12px; }

/* stats */
.pills { display: inline-flex; background: var(--surface); border: 1px solid var(--border); border-radius: 9px; padding: 2px; }
.pills a { padding: 5px 12px; border-radius: 7px; color: var(--muted); font-weight: 600; font-size: 13px; }
.pills a:hover { color: var(--text); text-decoration: none; }
.pills a.active { background: var(--accent-bg); color: var(--accent); }
.kpis-row { display: grid; grid-template-columns: repeat(4, minmax(0, 1fr)); gap: 16px; }
.kpi { display: flex; flex-direction: column; gap: 2px; color: inherit; border-top: 3px solid var(--border-strong); }
.kpi:hover { text-decoration: none; border-color: var(--border-strong); }
.kpi-allow { border-top-color: var(--allow-bar); } .kpi-ask { border-top-color: var(--ask-bar); } .kpi-deny { border-top-color: var(--deny-bar); } .kpi-total { border-top-color: var(--accent); }
.kpi-label { font-size: 12px; font-weight: 600; color: var(--muted); text-transform: uppercase; letter-spacing: .05em; }
.kpi-value { font-size: 32px; font-weight: 700; letter-spacing: -.02em; font-variant-numeric: tabular-nums; }
.kpi-allow .kpi-value { color: var(--allow); } .kpi-ask .kpi-value { color: var(--ask); } .kpi-deny .kpi-value { color: var(--deny); }
.kpi-sub { font-size: 12.5px; color: var(--muted); }
.share { width: 100%; height: 8px; border-radius: 4px; display: block; overflow: hidden; }
.chart-scroll { overflow-x: auto; }
.chart { display: block; width: 100%; height: auto; min-width: 560px; }
.chart .grid { stroke: #eceef2; stroke-width: 1; }
.chart .grid-base { stroke: #c9ced6; }
.chart .axis { fill: var(--muted); font: 11px var(--sans); }
.chart .hover-col { fill: transparent; }
.chart .col:hover .hover-col { fill: #f1f2f6; }
.bar-allow { fill: var(--allow-bar); background: var(--allow-bar); }
.bar-ask { fill: var(--ask-bar); background: var(--ask-bar); }
.bar-deny { fill: var(--deny-bar); background: var(--deny-bar); }
.bar-judge { fill: var(--judge-bar); }
.bar-neutral, .bar-other { fill: var(--neutral-bar); }
.chart-empty { padding: 24px 0; text-align: center; }
.grid-2 { display: grid; grid-template-columns: repeat(2, minmax(0, 1fr)); gap: 16px; }
.hbars { list-style: none; margin: 0; padding: 0; display: flex; flex-direction: column; gap: 8px; }
.hbars li { display: grid; grid-template-columns: minmax(0, 1.1fr) minmax(60px, 1fr) 56px; gap: 12px; align-items: center; }
.hb-label { white-space: nowrap; overflow: hidden; text-overflow: ellipsis; color: var(--text-2); font-size: 13px; }
.hb-label.mono { font-size: 12.5px; }
a.hb-label:hover { color: var(--accent); }
.hb-bar { width: 100%; height: 10px; display: block; border-radius: 3px; overflow: hidden; }
.hb-track { fill: #f0f2f5; }
.hb-value { text-align: right; font-variant-numeric: tabular-nums; color: var(--text-2); font-weight: 600; font-size: 13px; }

/* policy */
.cwd-form { display: flex; align-items: flex-end; gap: 8px; min-width: min(100%, 420px); }
.cwd-form .field { flex: 1; }
.policy-grid { display: grid; grid-template-columns: minmax(0, 1fr) 360px; gap: 16px; align-items: start; }
.policy-rules, .policy-side { display: flex; flex-direction: column; gap: 16px; min-width: 0; }
.rules-toolbar { display: flex; gap: 16px; align-items: flex-end; flex-wrap: wrap; }
.level-counts { display: flex; gap: 8px; flex-wrap: wrap; }
.count-pill { display: inline-flex; align-items: center; gap: 6px; color: var(--text-2); font-weight: 650; }
.count-pill:hover { text-decoration: none; }
.field-grow { flex: 1; min-width: 200px; }
.prules { list-style: none; margin: 0; padding: 0; }
.prule { padding: 12px 0; border-top: 1px solid #eef0f3; scroll-margin-top: 72px; }
.prule:first-child { border-top: 0; padding-top: 0; }
.prule:target { background: var(--accent-bg); box-shadow: 0 0 0 8px var(--accent-bg); border-radius: 4px; }
.prule-feed { margin-left: auto; font-size: 12.5px; }
.conds { display: flex; flex-wrap: wrap; gap: 6px; align-items: center; margin-top: 8px; }
.cond-label { font-size: 11px; font-weight: 650; text-transform: uppercase; letter-spacing: .05em; color: var(--faint); }
.cond { display: inline-flex; border: 1px solid var(--border); border-radius: 6px; overflow: hidden; font: 11.5px/20px var(--mono); }
.cond-k { background: var(--surface-2); color: var(--muted); padding: 0 6px; border-right: 1px solid var(--border); }
.cond-v { padding: 0 6px; color: var(--text-2); }
.examples { margin-top: 8px; font-size: 12.5px; }
.examples summary { cursor: pointer; color: var(--muted); }
.examples ul { list-style: none; padding: 6px 0 0; margin: 0; display: flex; flex-direction: column; gap: 3px; }
.ex span { display: inline-block; width: 64px; font-size: 11px; font-weight: 650; text-transform: uppercase; color: var(--faint); }
.ex-match span { color: var(--deny); }
.layers { list-style: none; padding: 0; margin: 0 0 12px; display: flex; flex-direction: column; gap: 8px; }
.layers li { display: flex; gap: 8px; align-items: baseline; flex-wrap: wrap; }
.layers .mono { overflow-wrap: anywhere; font-size: 12px; color: var(--text-2); }
.env + .env { border-top: 1px solid #eef0f3; margin-top: 10px; }
.env h3 { text-transform: none; letter-spacing: 0; font-size: 13px; color: var(--text); margin-top: 10px; }
.env-list { list-style: none; padding: 0; margin: 4px 0 0; display: flex; flex-wrap: wrap; gap: 4px; }
.env-list li { background: var(--surface-2); border: 1px solid var(--border); border-radius: 5px; padding: 0 6px; font-size: 11.5px; }
.warnings { margin: 6px 0 0; padding-left: 18px; }
.warnings li + li { margin-top: 6px; }
.warnings pre { margin: 0; white-space: pre-wrap; }

/* sign in */
.signin { max-width: 560px; margin: 64px auto; padding: 28px 32px; display: flex; flex-direction: column; gap: 14px; }
.cmd-line { margin: 0; padding: 12px 16px; background: #101828; color: #e4e7ec; border-radius: 8px; font-size: 14px; }
.empty-page { text-align: center; padding: 48px; display: flex; flex-direction: column; gap: 8px; }

/* narrower screens */
@media (max-width: 1180px) {
  .filters { grid-template-columns: repeat(4, minmax(0, 1fr)); }
  .filters .segmented { grid-column: 1 / -1; justify-self: start; }
  .filters .field-text { grid-column: span 2; }
  .detail-grid, .policy-grid { grid-template-columns: minmax(0, 1fr); }
  .c-rules { width: 200px; }
}
@media (max-width: 900px) {
  /* the feed becomes a list of cards: a fixed table cannot drop columns cleanly */
  .decisions thead { display: none; }
  .decisions, .decisions tbody, .decisions tr, .decisions td { display: block; width: auto; }
  .decisions tr.row { display: grid; grid-template-columns: auto auto minmax(0, 1fr) auto; grid-template-areas: "dec tool . time" "call call call call" "rules rules rules lat"; gap: 4px 10px; align-items: center; padding: 10px 14px 10px 17px; border-bottom: 1px solid #eef0f3; box-shadow: inset 3px 0 0 var(--stripe, transparent); }
  .decisions tr.row td { padding: 0; border: 0; box-shadow: none; }
  .decisions td.c-dec { grid-area: dec; } .decisions td.c-tool { grid-area: tool; } .decisions td.c-call { grid-area: call; }
  .decisions td.c-time { grid-area: time; display: flex; gap: 8px; align-items: baseline; justify-content: flex-end; }
  .decisions td.c-rules { grid-area: rules; } .decisions td.c-lat { grid-area: lat; }
  .sess { display: inline; }
  .kpis-row { grid-template-columns: repeat(2, minmax(0, 1fr)); }
  .grid-2 { grid-template-columns: minmax(0, 1fr); }
}
@media (max-width: 640px) {
  .page { padding: 14px; }
  .topbar-inner { padding: 0 14px; gap: 14px; }
  .version { display: none; }
  .filters { grid-template-columns: minmax(0, 1fr) minmax(0, 1fr); }
  .filters .field-text { grid-column: 1 / -1; }
  .kpis { gap: 16px; flex-wrap: wrap; }
  .hbars li { grid-template-columns: minmax(0, 1fr) 48px; gap: 2px 10px; }
  .hbars .hb-label { grid-column: 1 / -1; }
}
`;
