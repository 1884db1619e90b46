import { html, raw } from 'hono/html'
import type { Masthead } from '../config/masthead'
import { embedSection } from '../embed/snippet'
import type { PageIcons } from '../http/page-icons'
import { styleCsp } from '../http/security'
import { FORMAT_ORDER, mediaType, type DirectoryEntry, type FeedDirectory } from './directory'
import type { FeedFormat } from '../feeds/model'

/**
 * The discovery page: every feed in every format, autodiscovery tags for the site-wide feeds, the
 * masthead in the footer. One self-contained document (inline CSS, no scripts, no resources but the
 * paper's icon), so its Content-Security-Policy can forbid everything but that stylesheet and the icon.
 */

const FORMAT_LABELS: Record<FeedFormat, string> = { rss: 'RSS', atom: 'Atom', json: 'JSON Feed' }

const STYLE = `
:root{color-scheme:light dark;--fg:#1b1b1b;--bg:#fff;--muted:#595959;--accent:#a3120f;--line:#ddd;--code:#f6f6f4}
@media (prefers-color-scheme:dark){:root{--fg:#ececec;--bg:#141414;--muted:#a8a8a8;--accent:#ff8f85;--line:#333;--code:#1f1f1f}}
*{box-sizing:border-box}
body{margin:0;font:1.0625rem/1.6 system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans",Arial,sans-serif;color:var(--fg);background:var(--bg)}
main,footer{max-width:46rem;margin:0 auto;padding:1rem}
h1{font-size:1.55rem;line-height:1.3;margin:.5rem 0 1rem;color:var(--accent)}
h2{font-size:1.2rem;margin:2rem 0 .25rem;padding-bottom:.25rem;border-bottom:2px solid var(--accent)}
a{color:var(--accent)}
code{overflow-wrap:anywhere;font-size:.92rem}
ul{list-style:none;margin:0;padding:0}
li{display:flex;flex-wrap:wrap;align-items:center;gap:.4rem 1rem;padding:.6rem 0;border-bottom:1px solid var(--line)}
.name{flex:1 1 12rem;font-weight:600}
.formats{display:flex;flex-wrap:wrap;gap:.5rem}
.formats a{display:inline-block;min-width:3.6rem;padding:.35rem .65rem;border:1px solid var(--accent);border-radius:.4rem;text-align:center;text-decoration:none;font-size:.92rem}
.empty{color:var(--muted)}
footer{margin-top:2rem;border-top:1px solid var(--line);color:var(--muted);font-size:.92rem}
footer p{margin:.15rem 0}
h3{font-size:1rem;margin:1.25rem 0 .35rem}
pre{margin:0;padding:.7rem .85rem;background:var(--code);border:1px solid var(--line);border-radius:.4rem;white-space:pre-wrap}
pre code{font:.85rem/1.5 ui-monospace,"Cascadia Mono","Noto Sans Mono",Menlo,Consolas,"Liberation Mono",monospace}
`

/** CSP allowing nothing but the page's own inline stylesheet and the icon (`imgSrc`, from pageIcons). */
export const discoveryCsp = styleCsp(STYLE, "base-uri 'none'; form-action 'none'; frame-ancestors 'none'")

function formatLinks(entry: DirectoryEntry) {
  return html`<span class="formats">${FORMAT_ORDER.map(
    (f) => html`<a href="${entry.urls[f]}" type="${mediaType(f)}" aria-label="${entry.name} – ${FORMAT_LABELS[f]}">${FORMAT_LABELS[f]}</a>`,
  )}</span>`
}

function feedList(entries: DirectoryEntry[], empty: string) {
  if (entries.length === 0) return html`<p class="empty">${empty}</p>`
  return html`<ul>${entries.map((e) => html`<li><a class="name" href="${e.home}">${e.name}</a>${formatLinks(e)}</li>`)}</ul>`
}

function footer(m: Masthead) {
  return html`<footer>
<p><strong>${m.name}</strong></p>
<p>Tổng Biên tập: ${m.editorInChief}</p>
${m.deputyEditors.length ? html`<p>Phó Tổng Biên tập: ${m.deputyEditors.join(', ')}</p>` : ''}
<p>Tòa soạn: ${m.address}</p>
<p>Điện thoại: <a href="tel:${m.phone.replace(/[^\d+]/g, '')}">${m.phone}</a> · Email: <a href="mailto:${m.email}">${m.email}</a></p>
</footer>`
}

/** The page, with every interpolated value HTML-escaped by hono/html. */
export async function discoveryPage(
  directory: FeedDirectory,
  masthead: Masthead,
  opmlUrl: string,
  baseUrl: string,
  icons: PageIcons,
): Promise<string> {
  const { site } = directory
  const page = html`<!doctype html>
<html lang="vi">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Tin RSS – ${masthead.name}</title>
<meta name="description" content="Các nguồn tin RSS, Atom và JSON Feed của ${masthead.name}: toàn báo, từng chuyên mục và từng tác giả.">
${icons.links}${FORMAT_ORDER.map((f) => html`<link rel="alternate" type="${mediaType(f)}" title="${site.title} (${FORMAT_LABELS[f]})" href="${site.urls[f]}">\n`)}<style>${raw(STYLE)}</style>
</head>
<body>
<main>
<h1>Nhận tin từ ${masthead.name}</h1>
<p>Theo dõi tin bài mới bằng trình đọc tin (RSS reader) hoặc ứng dụng tổng hợp tin: chọn một nguồn tin bên dưới, sao chép địa chỉ và dán vào trình đọc tin của bạn. Mỗi nguồn tin có ba định dạng với cùng nội dung: RSS 2.0, Atom 1.0 và JSON Feed 1.1.</p>
<p>Địa chỉ nguồn tin toàn báo: <code>${site.urls.rss}</code></p>
<p>Theo dõi tất cả cùng lúc: tải <a href="${opmlUrl}" type="text/x-opml">danh sách OPML</a> rồi nhập vào trình đọc tin.</p>
<h2>Toàn báo</h2>
${feedList([site], '')}
<h2>Chuyên mục</h2>
${feedList(directory.sections, 'Chưa có chuyên mục nào.')}
<h2>Tác giả</h2>
${feedList(directory.authors, 'Chưa có tác giả nào.')}
${embedSection(baseUrl, masthead.name)}</main>
${footer(masthead)}
</body>
</html>
`
  return (await page).toString()
}
