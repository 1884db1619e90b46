import type { Context, MiddlewareHandler } from 'hono'
import type { AppEnv } from './context'
import { lockedFor, recordFailure } from './login-limit'
import { problem } from './problem'

export const REALM = 'vnfeeds'

const encoder = new TextEncoder()
const sha256 = (text: string) => crypto.subtle.digest('SHA-256', encoder.encode(text))

/**
 * Compares two secrets in constant time. Hashing first gives both sides the same length, so neither
 * the comparison nor an early length check tells an attacker how long the token is.
 */
export async function sameSecret(given: string, expected: string): Promise<boolean> {
  const [a, b] = await Promise.all([sha256(given), sha256(expected)])
  return crypto.subtle.timingSafeEqual(a, b)
}

/** The token from `Authorization: Bearer <token>` (RFC 6750 §2.1), or null when there is none. */
function bearerToken(header: string | undefined): string | null {
  const match = /^Bearer +([A-Za-z0-9\-._~+/]+=*) *$/i.exec(header ?? '')
  return match ? (match[1] as string) : null
}

/**
 * Admits only requests bearing the `ADMIN_TOKEN` secret.
 *
 * Fails closed: with no token configured every request is refused with 503, not 401. No credentials
 * could succeed, so a 401 would send an editor hunting a typo in a token that is in fact right; 503
 * says the server is not set up, and the detail says how to set it up.
 */
export function requireAdminToken(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const expected = c.var.config.adminToken
    if (!expected) {
      return problem(c, {
        title: 'API quản trị chưa được bật',
        status: 503,
        detail: 'ADMIN_TOKEN is not configured on the server: set it with `wrangler secret put ADMIN_TOKEN` (production) or in .dev.vars / the environment (local).',
      })
    }
    const locked = lockedFor(c)
    if (locked) return tooManyFailures(c, locked)
    const given = bearerToken(c.req.header('Authorization'))
    const wrong = given !== null && !(await sameSecret(given, expected))
    // Only wrong tokens count: a request without one is a missing header, not a guess.
    const wait = wrong ? await recordFailure(c) : 0
    if (wait) return tooManyFailures(c, wait)
    if (given === null || wrong) {
      // RFC 6750 §3: no error code when credentials were missing, invalid_token when they were wrong.
      const challenge = given === null ? `Bearer realm="${REALM}"` : `Bearer realm="${REALM}", error="invalid_token"`
      return problem(
        c,
        {
          title: 'Chưa xác thực',
          status: 401,
          detail: given === null ? 'Send the admin token as `Authorization: Bearer <token>`.' : 'The bearer token is not the admin token.',
        },
        { 'WWW-Authenticate': challenge },
      )
    }
    await next()
  }
}

function tooManyFailures(c: Context, seconds: number): Response {
  return problem(
    c,
    { title: 'Quá nhiều lần đăng nhập sai', status: 429, detail: `Too many wrong admin tokens from this address; try again in ${seconds} seconds.` },
    { 'Retry-After': String(seconds) },
  )
}
