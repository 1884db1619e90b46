/**
 * Benchmark-only Worker, never deployed: runs the admin batch path's CPU (./admin-batch.ts) `reps` times
 * for the caller to time from outside (workerd's clock only advances on I/O). It imports nothing but the
 * batch bench and the site config, so admin-run.ts can bundle it against an older tree's src/ as well;
 * the render Worker answers its `?batch=` requests with it too.
 *
 * GET /?batch=html&part=build&reps=5&articles=4&bytes=24576 — `articles` and `bytes` are the limits an
 * `html-max` batch fills.
 */
import { siteConfig } from '../src/config/masthead'
import type { Env } from '../src/env'
import { batchBody, runBatch, type BatchKind, type BatchPart } from './admin-batch'

const bodies = new Map<string, string>()

/** The answer to a `?batch=` request: the bytes of the last run's output, after running it `reps` times. */
export function batchResponse(url: URL, env: Env): Response {
  const batch = url.searchParams.get('batch') as BatchKind
  const limits = { maxArticles: Number(url.searchParams.get('articles')), maxBytes: Number(url.searchParams.get('bytes')) }
  const key = `${batch} ${limits.maxArticles} ${limits.maxBytes}`
  const body = bodies.get(key) ?? batchBody(batch, limits)
  bodies.set(key, body)
  const part = (url.searchParams.get('part') ?? 'build') as BatchPart
  const { siteUrl, timeZone } = siteConfig(env)
  let bytes = 0
  for (let r = 0; r < Number(url.searchParams.get('reps') ?? 1); r++) bytes = runBatch(part, body, { siteUrl, timeZone })
  return Response.json({ bytes })
}

export default {
  fetch: (request: Request, env: Env): Response => batchResponse(new URL(request.url), env),
}
