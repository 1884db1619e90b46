import type { Env as AppEnv } from '../src/env'

declare global {
  namespace Cloudflare {
    interface Env extends AppEnv {
      /** vitest.config.ts: a Rate Limiting binding, 10 a minute, that tests pass as ADMIN_LOGIN_LIMITER. */
      TEST_LOGIN_LIMITER: RateLimit
    }
  }
}

declare module '*?raw' {
  const text: string
  export default text
}
