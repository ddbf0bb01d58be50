// The console's only stylesheet: system fonts (no web fonts, no CDN), AA contrast, 390 px first.
export const STYLE = `
:root{--fg:#111827;--muted:#4b5563;--bg:#fff;--line:#d1d5db;--accent:#1d4ed8;--ok:#047857;--bad:#b91c1c;--warn:#92400e;--soft:#f3f4f6}
*{box-sizing:border-box}
body{margin:0;font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"DejaVu Sans",Arial,sans-serif;color:var(--fg);background:var(--bg)}
a{color:var(--accent)}
a:focus-visible,button:focus-visible,input:focus-visible,select:focus-visible,summary:focus-visible,[tabindex]:focus-visible{outline:3px solid #f59e0b;outline-offset:2px}
.skip{position:absolute;left:-999px;top:0;background:#fff;padding:8px}
.skip:focus{left:8px;z-index:10}
.top{display:flex;flex-wrap:wrap;gap:8px 16px;align-items:center;padding:8px 16px;border-bottom:1px solid var(--line);background:#1e3a8a;color:#fff}
.top a{color:#fff}
.brand{font-weight:700;text-decoration:none;margin-right:8px}
.top nav ul{display:flex;flex-wrap:wrap;gap:4px 16px;list-style:none;margin:0;padding:0}
.top nav a[aria-current=page]{font-weight:700;text-decoration-thickness:3px}
.who{margin-left:auto;display:flex;flex-wrap:wrap;gap:4px 12px;align-items:center;font-size:14px}
.who form{margin:0}
button.link{background:none;border:1px solid #fff;color:#fff;padding:2px 8px;border-radius:4px;cursor:pointer;font:inherit}
main{padding:12px 16px 32px;max-width:1400px;margin:0 auto}
h1{font-size:1.5rem;margin:8px 0 12px}
h2{font-size:1.2rem;margin:24px 0 8px}
.muted{color:var(--muted)}
.ok{color:var(--ok)}.bad{color:var(--bad)}
.filters{display:flex;flex-wrap:wrap;gap:8px 12px;align-items:flex-end;margin:0 0 12px;padding:8px;background:var(--soft);border-radius:6px}
.field{display:flex;flex-direction:column;gap:2px;font-size:14px}
.field.check{flex-direction:row;align-items:center;gap:6px;min-height:40px}
input,select,button,.button{font:inherit;font-size:15px;min-height:40px;padding:6px 10px;border:1px solid #6b7280;border-radius:4px;background:#fff;color:var(--fg)}
input[type=checkbox]{min-height:auto;width:20px;height:20px}
button,.button{background:var(--accent);color:#fff;border-color:var(--accent);cursor:pointer;text-decoration:none;display:inline-flex;align-items:center}
.button.secondary{background:#fff;color:var(--accent)}
.counts{display:flex;flex-wrap:wrap;gap:8px;list-style:none;padding:0;margin:0 0 8px}
.counts li{padding:4px 10px;border-radius:999px;background:var(--soft);border:1px solid var(--line)}
.state{white-space:nowrap}
.state-held{color:var(--ok)}.state-late,.state-not-held{color:var(--bad);font-weight:600}.state-in-progress{color:var(--warn)}
.table-wrap{overflow-x:auto;border:1px solid var(--line);border-radius:6px;margin-bottom:12px}
table{border-collapse:collapse;width:100%;font-size:14px}
th,td{padding:6px 8px;border-bottom:1px solid var(--line);text-align:left;vertical-align:top}
thead th{background:var(--soft);position:sticky;top:0}
thead th a{color:var(--fg)}
tbody th{font-weight:600;min-width:9rem}
td.num{text-align:right;white-space:nowrap}
td.warn{color:var(--bad);font-weight:700}
.findings{margin:0;padding-left:1.1em}
.findings li{color:var(--bad)}
.tag{display:inline-block;font-size:12px;padding:0 6px;border-radius:4px;background:var(--soft);border:1px solid var(--line);color:var(--fg);font-weight:400}
.tag.risk{background:#fef2f2;border-color:#fecaca;color:var(--bad)}
.marks td.mark,.marks th.mark{text-align:center;min-width:2.6rem}
.mark abbr{text-decoration:none;font-weight:700}
.mark-present{color:var(--ok)}.mark-excused{color:var(--warn)}.mark-unexcused{color:var(--bad)}.mark-exempt,.mark-special-duty,.mark-outside{color:var(--muted)}
.legend{font-size:14px;display:flex;flex-wrap:wrap;gap:4px 12px}
.legend .mark{font-weight:700}
.sr{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
.chart{margin:12px 0;padding:8px;border:1px solid var(--line);border-radius:6px}
.chart .svg svg{width:100%;height:auto;max-width:720px;display:block}
.svg-narrow{display:none}
.chart figcaption{font-size:14px;color:var(--muted)}
.chart details table{max-width:320px}
.facts{display:grid;grid-template-columns:max-content 1fr;gap:4px 16px}
.facts dt{font-weight:600}.facts dd{margin:0}
.changes{margin:0;padding-left:1.1em}
del{color:var(--bad)}ins{color:var(--ok);text-decoration:none}
.pager{display:flex;gap:16px;align-items:center}
.message{font-size:1.1rem}
.upload{display:flex;flex-wrap:wrap;gap:8px;align-items:flex-end}
.marks tbody th{position:sticky;left:0;background:#fff}
@media (max-width:600px){.svg-wide{display:none}.svg-narrow{display:block}main{padding:8px}h1{font-size:1.25rem}.who{margin-left:0}.filters .field{flex:1 1 140px}
table.cards thead{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0)}
table.cards tr{display:block;padding:8px;border-bottom:1px solid var(--line)}
table.cards th,table.cards td{display:block;border:0;padding:2px 0;text-align:left}
table.cards td.num{text-align:left}
table.cards td[data-label]::before{content:attr(data-label) ": ";font-weight:600;color:var(--muted)}
table.cards .findings,table.cards .changes{display:inline-block;vertical-align:top;margin:0;padding-left:0;list-style:none}
.marks tbody th{min-width:7rem;max-width:9rem}}
`;
