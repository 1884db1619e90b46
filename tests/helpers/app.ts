import { createExecutionContext, env, waitOnExecutionContext } from 'cloudflare:test'
import { articleStore } from '../../src/store/store'
import type { Env } from '../../src/env'
import { renderCache } from '../../src/cache'
import { siteConfig } from '../../src/config/masthead'
import { itemCache } from '../../src/feeds/items'
import { feedOutputs } from '../../src/feeds/outputs'
import { forgetTemplates } from '../../src/feeds/templates'
import { itemContext } from '../../src/feeds/view'
import worker from '../../src/index'

/** A custom-domain origin: the Cache API would work here (unlike on *.workers.dev). */
export const ORIGIN = 'https://tin.baonamdinh.example'

/**
 * A store wired as the app wires its own: a write drops this isolate's render cache at once and stores
 * the article's feed items beside it.
 */
export const store = () =>
  articleStore(env.ARTICLES, { onWrite: () => renderCache.clear(), outputs: feedOutputs(itemContext(siteConfig(testEnv()))) })

/**
 * The Worker's env for a test: KV writes count as settled at once (the test KV is consistent), and the
 * edge tier is off unless a test turns it on, so each test sees only the caches it means to.
 */
export function testEnv(overrides: Partial<Env> = {}): Env {
  return { ...env, KV_SETTLE_MS: '0', EDGE_CACHE: 'off', ...overrides }
}

/** Calls the app itself (not through a service binding), so tests can hand it an instrumented env. */
export async function call(path: string, init: RequestInit = {}, overrides: Partial<Env> = {}): Promise<Response> {
  const ctx = createExecutionContext()
  const response = await worker.fetch(new Request(new URL(path, ORIGIN), init), testEnv(overrides), ctx)
  await waitOnExecutionContext(ctx)
  return response
}

/** The render cache is module-global per isolate: a test starts from a cold one. */
export function coldCaches(): void {
  renderCache.clear()
}

/** As a fresh isolate: no document, no item and no item template rendered before. */
export function freshIsolate(): void {
  coldCaches()
  itemCache.clear()
  forgetTemplates()
}

/** `<url>; rel="x"` pairs of an HTTP Link header, by rel. */
export function links(response: Response): Record<string, string> {
  const out: Record<string, string> = {}
  for (const m of (response.headers.get('Link') ?? '').matchAll(/<([^>]*)>\s*;\s*rel="([^"]+)"/g)) out[m[2] as string] = m[1] as string
  return out
}

/** Path and query of an absolute URL on ORIGIN. */
export function local(url: string): string {
  const u = new URL(url)
  return u.pathname + u.search
}
