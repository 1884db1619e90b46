/**
 * WebSub publishing: after a write, tell the hub which feeds changed so it fetches them and pushes
 * them to subscribers. The hub is told in the background and never decides whether a write succeeded.
 */
import type { Article } from '../articles/model'
import { scopesOf } from '../articles/scope'
import { feedPath, FORMATS } from '../feeds/model'
import { baseUrlOf, waitUntilOf, type AppContext } from '../http/context'
import { isScheduled } from '../store/schedule'
import { errorMessage } from '../utils/error-message'

/**
 * Every feed the articles appear in, in every format, as the absolute URLs the feeds give as their
 * rel=self (a hub matches topics by exact URL). Pass the old and the new version of a changed article:
 * an article that left a section or an author must leave that feed too.
 */
export function feedTopics(articles: Iterable<Article>, baseUrl: string): string[] {
  const topics = new Set<string>()
  for (const article of articles)
    for (const scope of scopesOf(article)) for (const format of FORMATS) topics.add(baseUrl + feedPath(scope, format))
  return [...topics]
}

export interface PublishPolicy {
  /** Tries per request, the first included. */
  attempts: number
  /** Wait before the first retry; doubles each round. */
  firstDelayMs: number
  /** Per request. */
  timeoutMs: number
  /** Requests per round at most: the topics are shared out among them. */
  requests: number
  /** Topics one request names at least (unless fewer are left), so small writes take one request. */
  minTopicsPerRequest: number
}

/**
 * Four rounds at most, 1 + 2 + 4 s apart: a hub that is briefly down or throttling gets a few seconds
 * to recover. A hub that hangs costs 5 s a request; the runtime ends `waitUntil` work 30 s after the
 * response whatever happens, so nothing here can run on. At most 4 requests a round, so at most 16
 * for any write: a 25-article batch has hundreds of topics, and the free plan allows 50 subrequests
 * per invocation (the same limit a request to KV counts against).
 */
const DEFAULT_POLICY: PublishPolicy = { attempts: 4, firstDelayMs: 1_000, timeoutMs: 5_000, requests: 4, minTopicsPerRequest: 50 }

export interface PublishReport {
  delivered: string[]
  failed: Array<{ topic: string; reason: string }>
}

type Attempt = { ok: true } | { ok: false; retry: boolean; reason: string }

/**
 * One `hub.mode=publish` request naming several topics: PubSubHubbub 0.4 §7 lets a publisher repeat
 * `hub.url`, and hubs implementing WebSub publishing take it so.
 */
async function ping(hub: string, topics: string[], timeoutMs: number): Promise<Attempt> {
  try {
    const response = await fetch(hub, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams([['hub.mode', 'publish'], ...topics.map((t) => ['hub.url', t])]).toString(),
      signal: AbortSignal.timeout(timeoutMs),
    })
    await response.body?.cancel()
    if (response.ok) return { ok: true }
    // A 4xx other than 408/429 will not change on retry: the hub refuses these topics.
    const retry = response.status === 408 || response.status === 429 || response.status >= 500
    return { ok: false, retry, reason: `HTTP ${response.status}` }
  } catch (error) {
    const reason = error instanceof Error && error.name === 'TimeoutError' ? `no answer in ${timeoutMs} ms` : errorMessage(error)
    return { ok: false, retry: true, reason }
  }
}

/** The topics shared out among at most `policy.requests` requests, each of at least `minTopicsPerRequest`. */
function chunks(topics: string[], policy: PublishPolicy): string[][] {
  const size = Math.max(policy.minTopicsPerRequest, Math.ceil(topics.length / policy.requests))
  const out: string[][] = []
  for (let i = 0; i < topics.length; i += size) out.push(topics.slice(i, i + size))
  return out
}

/** Tells the hub about the topics in a few requests, retrying failed ones in rounds with doubling waits. Never throws. */
export async function publishToHub(hub: string, topics: string[], policy: PublishPolicy = DEFAULT_POLICY): Promise<PublishReport> {
  const report: PublishReport = { delivered: [], failed: [] }
  let pending = chunks(topics, policy)
  for (let attempt = 1; pending.length > 0; attempt++) {
    const outcomes = await Promise.all(pending.map((chunk) => ping(hub, chunk, policy.timeoutMs)))
    const again: string[][] = []
    outcomes.forEach((outcome, i) => {
      const chunk = pending[i] as string[]
      if (outcome.ok) report.delivered.push(...chunk)
      else if (outcome.retry && attempt < policy.attempts) again.push(chunk)
      else report.failed.push(...chunk.map((topic) => ({ topic, reason: outcome.reason })))
    })
    pending = again
    if (pending.length > 0) await new Promise((resolve) => setTimeout(resolve, policy.firstDelayMs * 2 ** (attempt - 1)))
  }
  return report
}

/**
 * Tells the hub in the background (`defer`: waitUntil) about every feed the given articles are or were
 * in. A scheduled version is in no feed yet: its feeds are announced when it is promoted. The hub's URL
 * is never logged (it may carry credentials).
 */
export function announceTo(
  hub: string | null,
  baseUrl: string,
  articles: Article[],
  defer: ((work: Promise<unknown>) => void) | undefined,
): void {
  const now = Date.now()
  const listed = articles.filter((a) => !isScheduled(a, now))
  if (!hub || listed.length === 0) return
  const work = publishToHub(hub, feedTopics(listed, baseUrl)).then((report) => {
    for (const { topic, reason } of report.failed) console.warn(`websub: hub did not take ${topic}: ${reason}`)
  })
  defer?.(work)
}

/** After a write or a promotion made by a request: announces the articles' feeds (announceTo). */
export function announceChanges(c: AppContext, articles: Article[]): void {
  announceTo(c.var.config.websubHub, baseUrlOf(c), articles, waitUntilOf(c))
}
