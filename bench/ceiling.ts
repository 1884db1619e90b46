/**
 * The runtime's ceiling: a Worker that only answers with bytes it already holds — per feed path,
 * the very status, headers and body our Worker served (200, and 304 to a matching If-None-Match),
 * handed in as a binding by the bench. Whatever ours does beyond this is the cost of our code.
 */
interface Stored {
  body: string
  headers: Record<string, string>
  etag: string
  notModified: Record<string, string>
}

/** Bodies encoded to UTF-8 once, so a request only copies bytes: the cheapest way to answer. */
const encoded = new Map<string, Uint8Array>()

export default {
  fetch(request: Request, env: { RESPONSES: Record<string, Stored> }): Response {
    const path = new URL(request.url).pathname
    const stored = env.RESPONSES[path]
    if (!stored) return new Response('not found', { status: 404 })
    if (request.headers.get('If-None-Match') === stored.etag) return new Response(null, { status: 304, headers: stored.notModified })
    let body = encoded.get(path)
    if (!body) encoded.set(path, (body = new TextEncoder().encode(stored.body)))
    return new Response(body, { headers: stored.headers })
  },
}
