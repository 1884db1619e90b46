import { createExecutionContext, env, waitOnExecutionContext } from 'cloudflare:test'
import app from '../../src/index'
import type { Env } from '../../src/env'

const TOKEN = 'test-admin-token'

export interface CallOptions {
  /** A JSON-able body (sent as application/json), or a string or stream sent as is. */
  body?: unknown
  /** Bearer token; null sends no Authorization header. */
  token?: string | null
  headers?: Record<string, string>
  /** Vars to override for this request (e.g. ADMIN_TOKEN unset, WEBSUB_HUB). */
  vars?: Partial<Env>
}

/**
 * Sends one request through the real app in this isolate, then waits for its background work
 * (waitUntil), so WebSub pings have been made when this returns.
 */
export async function call(method: string, path: string, options: CallOptions = {}): Promise<Response> {
  const headers = new Headers(options.headers)
  const token = options.token === undefined ? TOKEN : options.token
  if (token !== null) headers.set('Authorization', `Bearer ${token}`)
  let body: string | ReadableStream | undefined
  if (options.body !== undefined) {
    const raw = typeof options.body === 'string' || options.body instanceof ReadableStream
    body = raw ? (options.body as string | ReadableStream) : JSON.stringify(options.body)
    if (!headers.has('Content-Type')) headers.set('Content-Type', 'application/json')
  }
  const ctx = createExecutionContext()
  const response = await app.fetch(new Request(`http://vnfeeds.test${path}`, { method, headers, body }), { ...env, ...options.vars }, ctx)
  await waitOnExecutionContext(ctx)
  return response
}

/** Every key, value and metadata in the namespace, for before/after comparisons. */
export async function snapshotKv(kv: KVNamespace = env.ARTICLES): Promise<Record<string, { value: string | null; metadata: unknown }>> {
  const out: Record<string, { value: string | null; metadata: unknown }> = {}
  let cursor: string | undefined
  do {
    const listed = await kv.list(cursor ? { cursor } : {})
    for (const key of listed.keys) {
      const { value, metadata } = await kv.getWithMetadata(key.name, 'text')
      out[key.name] = { value, metadata }
    }
    cursor = listed.list_complete ? undefined : listed.cursor
  } while (cursor)
  return out
}

type Snapshot = Awaited<ReturnType<typeof snapshotKv>>

/**
 * The snapshot with each index entry's write time (metadata `t`) left out: two writes of the same
 * article leave the same KV but for when they were made.
 */
export function withoutWriteTimes(snapshot: Snapshot): Snapshot {
  return Object.fromEntries(
    Object.entries(snapshot).map(([key, entry]) => {
      const { t: _t, ...metadata } = (entry.metadata ?? {}) as Record<string, unknown>
      return [key, key.startsWith('idx:') ? { ...entry, metadata } : entry]
    }),
  )
}
