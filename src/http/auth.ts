import type { MiddlewareHandler } from 'hono'
import { AdminDisabled } from '../errors/admin-disabled'
import { TooManyAttempts } from '../errors/too-many-attempts'
import { Unauthorized } from '../errors/unauthorized'
import { sha256 } from '../utils/hash'
import type { AppEnv } from './context'
import { lockedFor, recordFailure } from './login-limit'

const REALM = 'vnfeeds'

/**
 * Compares two secrets in constant time. Hashing first gives both sides the same length, so neither
 * the comparison nor an early length check tells an attacker how long the token is.
 */
async function sameSecret(given: string, expected: string): Promise<boolean> {
  const [a, b] = await Promise.all([sha256(given), sha256(expected)])
  return crypto.subtle.timingSafeEqual(a, b)
}

/** The token from `Authorization: Bearer <token>` (RFC 6750 §2.1), or null when there is none. */
function bearerToken(header: string | undefined): string | null {
  const match = /^Bearer +([A-Za-z0-9\-._~+/]+=*) *$/i.exec(header ?? '')
  return match ? (match[1] as string) : null
}

/**
 * Admits only requests bearing the `ADMIN_TOKEN` secret. Fails closed: with no token configured every
 * request is refused (AdminDisabled, 503).
 */
export function requireAdminToken(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const expected = c.var.config.adminToken
    if (!expected) throw new AdminDisabled()
    const locked = lockedFor(c)
    if (locked) throw new TooManyAttempts(locked)
    const given = bearerToken(c.req.header('Authorization'))
    const wrong = given !== null && !(await sameSecret(given, expected))
    // Only wrong tokens count: a request without one is a missing header, not a guess.
    const wait = wrong ? await recordFailure(c) : 0
    if (wait) throw new TooManyAttempts(wait)
    // RFC 6750 §3: no error code when credentials were missing, invalid_token when they were wrong.
    if (given === null)
      throw new Unauthorized('Hãy gửi mã quản trị trong header `Authorization: Bearer <token>`.', `Bearer realm="${REALM}"`)
    if (wrong) throw new Unauthorized('Mã Bearer đã gửi không phải mã quản trị.', `Bearer realm="${REALM}", error="invalid_token"`)
    await next()
  }
}
