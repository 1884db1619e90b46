import { cors } from 'hono/cors'

/**
 * CORS for what anyone may read: feeds, the discovery page and the OPML list, so partner pages and web
 * readers can fetch them. Mounted on those paths only; the admin API sends no CORS headers at all.
 * The origin is always `*` (no credentials), so responses do not vary by Origin and need no Vary.
 * The conditional headers are allowed so a browser client can poll with validators and get 304s.
 */
export const publicCors = cors({
  origin: '*',
  allowMethods: ['GET', 'HEAD'],
  allowHeaders: ['If-None-Match', 'If-Modified-Since'],
  exposeHeaders: ['ETag', 'Last-Modified', 'Link'],
  maxAge: 86_400,
})
