import { html } from 'hono/html'
import { escapeHtml } from '../text/normalize'
import { HEADLINES_PATH, SCRIPT_PATH } from './paths'

/**
 * The copy-paste snippets partners embed, with this service's address. The discovery page (`/`) shows
 * them; docs/embed.md explains every option.
 */

/** Lets a sandboxed iframe open articles in the partner's window or a new, unsandboxed tab, and nothing else. */
export const IFRAME_SANDBOX = 'allow-popups allow-popups-to-escape-sandbox allow-top-navigation-by-user-activation'

export interface EmbedSnippets {
  iframe: string
  script: string
}

export function embedSnippets(baseUrl: string, paper: string): EmbedSnippets {
  return {
    iframe: `<iframe src="${baseUrl}${HEADLINES_PATH}?limit=5" title="Tin mới – ${escapeHtml(paper)}" width="360" height="520" style="border:0;max-width:100%" loading="lazy" sandbox="${IFRAME_SANDBOX}"></iframe>`,
    script: `<script src="${baseUrl}${SCRIPT_PATH}" data-limit="5" async></script>`,
  }
}

/** The "embed our headlines" section of the discovery page; every value HTML-escaped by hono/html. */
export function embedSection(baseUrl: string, paper: string) {
  const { iframe, script } = embedSnippets(baseUrl, paper)
  return html`<h2 id="gan-tin">Gắn tin mới lên trang của bạn</h2>
<p>Trang web của cơ quan, trường học hay tờ báo khác có thể hiện tin mới nhất của ${paper} bằng một trong hai đoạn mã dưới đây. Tin hiện đúng như nguồn tin, không dùng cookie, không tải gì từ bên thứ ba và không ảnh hưởng tới giao diện trang của bạn.</p>
<h3>Khung iframe</h3>
<pre><code>${iframe}</code></pre>
<h3>Thẻ script</h3>
<pre><code>${script}</code></pre>
<p>Tùy chọn: <code>section</code> (chuyên mục, ví dụ <code>thoi-su</code>) hoặc <code>author</code> (tác giả), <code>limit</code> (1–20, mặc định 5), <code>theme</code> (<code>light</code> hoặc <code>dark</code>; bỏ trống thì theo máy người đọc), <code>target=_blank</code> để mở tin trong thẻ mới. Với thẻ script, viết thành thuộc tính <code>data-section</code>, <code>data-limit</code>, <code>data-theme</code>, <code>data-link-target</code>, và <code>data-target</code> (bộ chọn CSS của phần tử sẽ chứa tin).</p>
`
}
