import type { Config } from '../config'
import { errorMessage } from '../utils/error-message'
import { hex, sha256 } from '../utils/hash'
import type { Rendered } from './document'
import { CACHE_CONTROL } from './policy'

/**
 * The Workers Cache API (`caches.default`) as a second tier behind the per-isolate render cache.
 *
 * The memory cache lives and dies with one isolate; a data center runs many, and each new one would pay a
 * KV list and a bulk get (and ~1 ms of rendering) per feed. The Cache API is shared by every isolate of a
 * data center, so a cold isolate pays one KV read (the version token) instead of three.
 *
 * Entries are keyed by the version token, not purged: a write mints a new token, which makes the old
 * entry unreachable at once; it then simply ages out. So the edge is never staler than the memory cache.
 * The key also holds the deployment's version id, so new code never serves the old code's renders.
 *
 * The Cache API does nothing on *.workers.dev (and behind Cloudflare Access); there it is skipped, and
 * the memory cache alone serves, which is the same design with a colder start.
 */
export interface EdgeCache {
  match(key: string, token: string): Promise<Rendered | undefined>
  put(key: string, token: string, doc: Rendered): Promise<void>
}

/** Response header of an edge entry carrying the document's validators and own headers. */
const META = 'X-Vnfeeds-Rendered'

interface Meta {
  etag: string
  lastModified: string | null
  headers: Record<string, string>
}

/** The edge tier for this request, or null where it would do nothing (or is switched off). */
export function edgeCacheFor(request: Request, config: Pick<Config, 'cache' | 'deployment'>): EdgeCache | null {
  const { cache: policy, deployment } = config
  const origin = new URL(request.url)
  if (!policy.edge || origin.hostname.endsWith('.workers.dev') || typeof caches === 'undefined') return null
  // A path on the request's own host that no route serves: Cache API keys are URLs of the zone.
  const entryUrl = async (key: string, token: string) =>
    `${origin.origin}/.edge-cache/${hex(await sha256(`${deployment}\n${token}\n${key}`))}`

  return {
    async match(key, token) {
      try {
        const hit = await caches.default.match(await entryUrl(key, token))
        const meta = hit?.headers.get(META)
        if (!hit || !meta) return undefined
        const parsed = JSON.parse(decodeURIComponent(meta)) as Meta
        return {
          body: new Uint8Array(await hit.arrayBuffer()),
          etag: parsed.etag,
          lastModified: parsed.lastModified === null ? null : new Date(parsed.lastModified),
          headers: parsed.headers,
        }
      } catch (error) {
        // The edge tier only saves work; a failing one must never fail a feed.
        console.warn('edge cache match failed', errorMessage(error))
        return undefined
      }
    },

    async put(key, token, doc) {
      const meta: Meta = { etag: doc.etag, lastModified: doc.lastModified?.toISOString() ?? null, headers: doc.headers }
      try {
        await caches.default.put(
          await entryUrl(key, token),
          new Response(doc.body, {
            headers: { 'Cache-Control': CACHE_CONTROL.edgeEntry(policy), [META]: encodeURIComponent(JSON.stringify(meta)) },
          }),
        )
      } catch (error) {
        console.warn('edge cache put failed', errorMessage(error))
      }
    },
  }
}
