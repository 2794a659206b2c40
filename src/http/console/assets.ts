/**
 * The console's only stylesheet and script, served from /admin/console/assets/ so the
 * Content-Security-Policy can forbid every inline script and style and every other origin.
 */
export const CONSOLE_CSS = `
:root { color-scheme: light; --fg: #1d2330; --muted: #5b6475; --line: #d5d9e0; --accent: #1f5fbf;
  --bad: #b42318; --ok: #067647; --warn: #b54708; --bg: #f7f8fa; }
* { box-sizing: border-box; }
body { margin: 0; font: 15px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif; color: var(--fg); background: var(--bg); }
header { background: #fff; border-bottom: 1px solid var(--line); padding: .6rem 1.2rem; display: flex; gap: 1.2rem; align-items: center; flex-wrap: wrap; }
header .brand { font-weight: 700; }
header nav { display: flex; gap: .9rem; flex-wrap: wrap; }
header form { margin-left: auto; }
main { padding: 1rem 1.2rem 3rem; max-width: 1200px; }
a { color: var(--accent); }
a:focus, button:focus, input:focus, select:focus, textarea:focus { outline: 3px solid #8fb3ef; outline-offset: 1px; }
h1 { font-size: 1.4rem; margin: .4rem 0 1rem; }
h2 { font-size: 1.1rem; margin: 1.6rem 0 .5rem; }
section.card { background: #fff; border: 1px solid var(--line); border-radius: 6px; padding: .8rem 1rem; margin-bottom: 1rem; }
table { border-collapse: collapse; width: 100%; background: #fff; }
th, td { text-align: left; padding: .3rem .5rem; border-bottom: 1px solid var(--line); vertical-align: top; }
th { font-weight: 600; color: var(--muted); }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
.muted { color: var(--muted); }
.ok { color: var(--ok); font-weight: 600; }
.bad { color: var(--bad); font-weight: 600; }
.warn { color: var(--warn); font-weight: 600; }
.flash { padding: .6rem .8rem; border-radius: 4px; margin-bottom: 1rem; border: 1px solid var(--line); background: #fff; }
.flash.error { border-color: var(--bad); color: var(--bad); }
.flash.success { border-color: var(--ok); color: var(--ok); }
label { display: block; font-weight: 600; margin: .5rem 0 .2rem; }
label.inline { display: inline; font-weight: 400; }
input[type=text], input[type=password], select, textarea { font: inherit; padding: .35rem .45rem; border: 1px solid #aab1bd; border-radius: 4px; }
textarea { width: 100%; font-family: ui-monospace, Menlo, Consolas, monospace; font-size: 13px; }
button { font: inherit; padding: .35rem .8rem; border: 1px solid var(--accent); background: var(--accent); color: #fff; border-radius: 4px; cursor: pointer; }
button.secondary { background: #fff; color: var(--accent); }
.row { display: flex; gap: .6rem; align-items: end; flex-wrap: wrap; }
.row > * { margin: 0; }
ol.source { font-family: ui-monospace, Menlo, Consolas, monospace; font-size: 13px; background: #fff; border: 1px solid var(--line); padding-left: 3.5rem; margin: 0; }
ol.source li code { white-space: pre-wrap; }
ol.source li.issue { background: #fde8e6; }
ol.source li .issue-text { display: block; color: var(--bad); font-family: system-ui, sans-serif; white-space: normal; }
pre { background: #fff; border: 1px solid var(--line); padding: .6rem; overflow: auto; font-size: 13px; }
.side-by-side { display: grid; grid-template-columns: 1fr 1fr; gap: 1rem; }
.login { max-width: 420px; margin: 4rem auto; }
svg.chart text { font: 12px system-ui, sans-serif; fill: var(--fg); }
.legend-sourced { color: #1f5fbf; } .legend-influenced { color: #e08a00; }
`;

/**
 * Progressive enhancement only: every form works without it. It jumps the mapping editor to a line when
 * a validation issue's line link is followed.
 */
export const CONSOLE_JS = `
(function () {
  'use strict';
  document.addEventListener('click', function (event) {
    var target = event.target;
    if (!(target instanceof Element)) return;
    var link = target.closest('a[data-line]');
    if (link) {
      var editor = document.getElementById('mapping-text');
      if (editor instanceof HTMLTextAreaElement) {
        event.preventDefault();
        var line = Number(link.getAttribute('data-line'));
        var lines = editor.value.split('\\n');
        var start = 0;
        for (var i = 0; i < line - 1 && i < lines.length; i++) start += lines[i].length + 1;
        var end = start + (lines[line - 1] || '').length;
        editor.focus();
        editor.setSelectionRange(start, end);
        var lineHeight = editor.scrollHeight / Math.max(lines.length, 1);
        editor.scrollTop = Math.max(0, (line - 3) * lineHeight);
      }
    }
  });
})();
`;
