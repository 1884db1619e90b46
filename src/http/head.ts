import type { MiddlewareHandler } from 'hono'

/**
 * A HEAD answer carries the Content-Length its GET would (RFC 9110 §9.3.2: the same header fields).
 * Hono answers HEAD by running the GET route and dropping the body, and the runtime sends a length only
 * for a body it sends, so the length is made a header here. Every body this service answers with is
 * already in memory, so measuring one costs a copy, and only on HEAD.
 */
export const headContentLength: MiddlewareHandler = async (c, next) => {
  await next()
  // 204 and 304 have no content whose length the header could give.
  if (c.req.method !== 'HEAD' || c.res.status === 204 || c.res.status === 304 || c.res.headers.has('Content-Length')) return
  const length = c.res.body ? (await c.res.clone().arrayBuffer()).byteLength : 0
  c.res.headers.set('Content-Length', String(length))
}
