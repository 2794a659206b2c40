/** The page's only stylesheet, served from /why/assets/ so the CSP can forbid inline styles and other origins. */
export const WHY_CSS = `
:root { color-scheme: light; --fg: #1d2330; --muted: #5b6475; --line: #d5d9e0; --bg: #f7f8fa;
  --ok: #067647; --bad: #b42318; --warn: #b54708; --info: #1f5fbf; --sourced: #1f5fbf; --influenced: #e08a00; }
* { box-sizing: border-box; }
body { margin: 0; font: 15px/1.5 system-ui, -apple-system, "Segoe UI", sans-serif; color: var(--fg); background: var(--bg); }
main.why { max-width: 960px; margin: 0 auto; padding: 1.2rem 1.2rem 3rem; }
.record { color: var(--muted); margin: 0; }
h1 { font-size: 1.45rem; margin: .2rem 0 .8rem; }
h2 { font-size: 1.1rem; margin: 0 0 .5rem; }
section { background: #fff; border: 1px solid var(--line); border-radius: 6px; padding: .8rem 1rem; margin-bottom: 1rem; }
.decision { font-size: 1.1rem; font-weight: 600; padding: .7rem 1rem; border-radius: 6px; border-left: 6px solid; background: #fff; }
.tone-ok { border-color: var(--ok); } .tone-bad { border-color: var(--bad); }
.tone-warn { border-color: var(--warn); } .tone-info { border-color: var(--info); }
ul.evidence { margin: 0; padding-left: 1.2rem; }
ol.timeline { list-style: none; margin: 0; padding: 0; border-left: 2px solid var(--line); }
ol.timeline li { margin: 0 0 .5rem; padding-left: .9rem; position: relative; }
ol.timeline li::before { content: ""; position: absolute; left: -6px; top: .45rem; width: 10px; height: 10px; border-radius: 50%; background: var(--info); }
ol.timeline time { font-variant-numeric: tabular-nums; color: var(--muted); margin-right: .5rem; }
svg.credit-chart { max-width: 100%; height: auto; }
svg.credit-chart text { font: 13px system-ui, sans-serif; fill: var(--fg); }
g.sourced rect { fill: var(--sourced); } g.influenced rect { fill: var(--influenced); }
table.compare { border-collapse: collapse; width: 100%; }
table.compare th, table.compare td { text-align: left; padding: .3rem .5rem; border-bottom: 1px solid var(--line); vertical-align: top; }
table.compare thead th { color: var(--muted); }
tr.same th { color: var(--ok); }
mark { background: #fff2a8; padding: 0 .15rem; border-radius: 2px; }
footer { color: var(--muted); font-size: .9rem; }
.muted { color: var(--muted); }
`;
