import type { Env as AppEnv } from '../src/env'

declare global {
  namespace Cloudflare {
    // eslint-disable-next-line @typescript-eslint/no-empty-object-type
    interface Env extends AppEnv {}
  }
}

declare module '*?raw' {
  const text: string
  export default text
}
