/**
 * The one stylesheet of the report pages: inline in a `<style>` element, or (`--html-assets
 * external`) the file phasegate-report.css beside the page, byte for byte the same. Light by
 * default, dark through prefers-color-scheme; every text colour meets WCAG AA (4.5:1) on its
 * background in both.
 * Phones: one column, tables scroll inside their own region. Print: black on white, the light
 * charts, no navigation, rows never split across pages. Without this stylesheet (Jenkins'
 * default Content-Security-Policy blocks the inline one) the page is plain, readable HTML.
 */

const COLOURS = `
:root{color-scheme:light dark;--bg:#ffffff;--fg:#1f2328;--muted:#59636e;--line:#d1d9e0;--panel:#f6f8fa;--link:#0349b4;
--good-fg:#1a6b34;--good-bg:#dafbe1;--warn-fg:#7a4b00;--warn-bg:#fff1c2;--bad-fg:#a40e26;--bad-bg:#ffe2e0;--none-fg:#424a53;--none-bg:#eef1f4}
@media (prefers-color-scheme:dark){:root{--bg:#0d1117;--fg:#e6edf3;--muted:#9ea7b3;--line:#3d444d;--panel:#151b23;--link:#71b7ff;
--good-fg:#7ee2a8;--good-bg:#0f2e1b;--warn-fg:#f2cc60;--warn-bg:#33260a;--bad-fg:#ffa198;--bad-bg:#3d1116;--none-fg:#c9d1d9;--none-bg:#262c36}
.chart-light{display:none}.chart-dark[hidden]{display:block}}`;

const LAYOUT = `
*{box-sizing:border-box}
body{margin:0;background:var(--bg);color:var(--fg);font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans",sans-serif}
a{color:var(--link)}
.skip{position:absolute;left:-999px}.skip:focus{left:8px;top:8px;background:var(--bg);padding:4px 8px;z-index:1}
header,main,footer,nav.toc{max-width:72rem;margin:0 auto;padding:0 1rem}
header{padding-top:1rem;border-bottom:1px solid var(--line)}
h1{font-size:1.6rem;margin:.5rem 0}h2{font-size:1.3rem;margin:2rem 0 .5rem;border-bottom:1px solid var(--line)}h3{font-size:1.05rem;margin:1.2rem 0 .4rem}
.meta{color:var(--muted);margin:.25rem 0 1rem}
nav.toc ul{display:flex;flex-wrap:wrap;gap:.25rem 1rem;list-style:none;padding:0;margin:.75rem 0}
.table-wrap{overflow-x:auto;margin:.5rem 0 1rem;border:1px solid var(--line);border-radius:6px}
.table-wrap:focus{outline:2px solid var(--link)}
table{border-collapse:collapse;width:100%;font-size:.95rem}
caption{text-align:left;font-weight:600;padding:.5rem .75rem;background:var(--panel)}
th,td{padding:.4rem .75rem;border-top:1px solid var(--line);text-align:left;vertical-align:top}
thead th{background:var(--panel);white-space:nowrap}
.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
.badge{display:inline-block;padding:0 .45rem;border-radius:1rem;border:1px solid currentColor;font-weight:600;font-size:.85em;white-space:nowrap}
.good{color:var(--good-fg);background:var(--good-bg)}.warn{color:var(--warn-fg);background:var(--warn-bg)}
.bad{color:var(--bad-fg);background:var(--bad-bg)}.none{color:var(--none-fg);background:var(--none-bg)}
.muted,.hint,.more{color:var(--muted)}.hint{font-size:.85em;font-weight:400}.nowrap{white-space:nowrap}.wide{display:block;min-width:14rem}.nm{font-style:italic}time{white-space:nowrap}
.num .hint{display:block;white-space:normal;max-width:24rem;margin-left:auto}
.msg{white-space:pre-wrap;overflow-wrap:break-word;display:block;min-width:16rem;font-family:ui-monospace,Menlo,Consolas,monospace;font-size:.85rem}
code{font-family:ui-monospace,Menlo,Consolas,monospace;font-size:.9em;overflow-wrap:break-word}
td code,th code{white-space:nowrap}
.score{font-size:2.5rem;font-weight:700;margin:.25rem 0}
.score small{font-size:1rem;color:var(--muted);font-weight:400}
.facts{display:grid;grid-template-columns:repeat(auto-fill,minmax(9.5rem,1fr));gap:.5rem;margin:.5rem 0}
.facts div{background:var(--panel);border:1px solid var(--line);border-radius:6px;padding:.4rem .6rem}
.facts dt{font-size:.85rem;color:var(--muted)}.facts dd{margin:0;font-weight:600}.facts .hint{font-weight:400}
ol.timeline{display:grid;grid-template-columns:repeat(5,1fr);gap:.5rem;list-style:none;padding:0;margin:.5rem 0}
ol.timeline li{border:1px solid var(--line);border-radius:6px;padding:.5rem;background:var(--panel)}
ol.timeline .phase{display:block;font-weight:600;text-transform:capitalize}
.charts{display:grid;grid-template-columns:repeat(auto-fill,minmax(20rem,1fr));gap:1rem}
figure{margin:0}figcaption{font-size:.85rem;color:var(--muted)}
.chart-light svg,.chart-dark svg{display:block;max-width:100%;height:auto}
article.warning{border-left:4px solid var(--warn-fg);padding:.25rem .75rem;margin:.75rem 0;background:var(--panel)}
footer{color:var(--muted);font-size:.85rem;padding:2rem 1rem;border-top:1px solid var(--line);margin-top:2rem}
th button{all:unset;cursor:pointer;font:inherit;color:inherit;text-decoration:underline dotted}
th[aria-sort=ascending] button::after{content:" \\2191" / ""}th[aria-sort=descending] button::after{content:" \\2193" / ""}
#portfolio-table th[scope=row]{white-space:nowrap}
th button:focus-visible{outline:2px solid var(--link)}
@media (max-width:40rem){ol.timeline{grid-template-columns:1fr}.score{font-size:2rem}h1{font-size:1.3rem}body{font-size:15px}}`;

const PRINT = `
@media print{:root{--bg:#fff;--fg:#000;--muted:#333;--panel:#fff;--line:#999;--link:#000}
body{font-size:10.5pt}nav.toc,.skip{display:none}
.chart-dark{display:none!important}.chart-light{display:block!important}
.table-wrap{overflow:visible;border:none}table{font-size:9pt}td code,th code{white-space:normal}th,td{padding:.2rem .3rem}.num{white-space:normal}
tr,li,figure,article,.facts div{break-inside:avoid}thead{display:table-header-group}h2,h3{break-after:avoid}
.badge{background:#fff!important;color:#000!important}a{text-decoration:none}}`;

/** The stylesheet (no @import, no url(): nothing to fetch). */
export const STYLE = `${COLOURS}${LAYOUT}${PRINT}`.trim();
