import { clientKey } from './client-address'
import type { AppContext } from './context'

/** Failed admin logins allowed per client and window before 429. */
const MAX_FAILURES = 10
const WINDOW_SECONDS = 60

/**
 * Counts failed admin logins per client: its CF-Connecting-IP (set by Cloudflare's edge on every request,
 * never taken from the client), IPv6 by its /64 (client-address.ts), in this isolate's memory, which
 * stops a brute force through one connection. With the Workers Rate Limiting binding
 * ADMIN_LOGIN_LIMITER configured, each failure is also counted there, across isolates; the binding
 * cannot be asked without counting, so its verdict is kept here, locking the client out (right token
 * included) for the rest of the window in this isolate.
 *
 * A request without a usable address (no CF-Connecting-IP: not behind Cloudflare, e.g. a local
 * `wrangler dev` reached directly) is not counted at all. Putting every such client in one bucket would
 * let one of them lock out all the others; in production the header is always there, so nothing is lost.
 */
const failures = new Map<string, { count: number; resetAt: number }>()

function clientOf(c: AppContext): string | null {
  return clientKey(c.req.header('CF-Connecting-IP'))
}

function secondsLeft(entry: { resetAt: number }, now: number): number {
  return Math.ceil((entry.resetAt - now) / 1000)
}

/** Seconds until this client may try again, or 0 when it may try now. */
export function lockedFor(c: AppContext, now = Date.now()): number {
  const key = clientOf(c)
  const entry = key === null ? undefined : failures.get(key)
  if (!entry || entry.resetAt <= now) return 0
  return entry.count >= MAX_FAILURES ? secondsLeft(entry, now) : 0
}

/** Records a failed login; returns the seconds to wait when this failure went over the limit, else 0. */
export async function recordFailure(c: AppContext, now = Date.now()): Promise<number> {
  const key = clientOf(c)
  if (key === null) return 0
  let entry = failures.get(key)
  if (!entry || entry.resetAt <= now) {
    entry = { count: 0, resetAt: now + WINDOW_SECONDS * 1000 }
    failures.set(key, entry)
  }
  entry.count++
  const limiter = c.env.ADMIN_LOGIN_LIMITER
  if (limiter && !(await limiter.limit({ key })).success) entry.count = Math.max(entry.count, MAX_FAILURES + 1)
  // Bounded: a flood from many addresses must not grow the map without end.
  if (failures.size > 10_000) for (const [k, e] of failures) if (e.resetAt <= now) failures.delete(k)
  return entry.count > MAX_FAILURES ? secondsLeft(entry, now) : 0
}

/** Forgets every count (tests start clean). */
export function resetLoginFailures(): void {
  failures.clear()
}
