import type { MiddlewareHandler } from 'hono'
import { hashSource } from '../utils/hash'

/** Where a page sets no policy of its own: nothing loads, nothing frames it. */
const DEFAULT_HTML_CSP = "default-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"

/**
 * Headers every response gets: no MIME sniffing (a feed or problem body must never run as a page), and
 * for HTML a Content-Security-Policy and Referrer-Policy unless the page set its own (the discovery page
 * allows its hashed stylesheet; an embed allows framing). Error responses pass through here too.
 */
export const securityHeaders: MiddlewareHandler = async (c, next) => {
  await next()
  const headers = c.res.headers
  if (!headers.has('X-Content-Type-Options')) headers.set('X-Content-Type-Options', 'nosniff')
  if (/^text\/html/i.test(headers.get('Content-Type') ?? '')) {
    if (!headers.has('Content-Security-Policy')) headers.set('Content-Security-Policy', DEFAULT_HTML_CSP)
    if (!headers.has('Referrer-Policy')) headers.set('Referrer-Policy', 'no-referrer')
  }
}

/**
 * The CSP of a self-contained HTML document: nothing loads but its one inline stylesheet, allowed by
 * hash (a nonce would change the ETag), the images `imgSrc` allows (the page's icon, see
 * ./page-icons.ts), plus the `rest` of the directives. Hashed once, on first use.
 */
export function styleCsp(css: string, rest: string): (imgSrc: string) => Promise<string> {
  let style: Promise<string> | undefined
  return async (imgSrc) => `default-src 'none'; style-src ${await (style ??= hashSource(css))}; img-src ${imgSrc}; ${rest}`
}
