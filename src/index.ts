import { createApp, isolateOptions } from './app'
import type { Env } from './env'
import { cronHandler } from './scheduled'

// The app and the cron share the isolate's locks, promotion and render cache.
const isolate = isolateOptions()

export default { fetch: createApp(isolate).fetch, scheduled: cronHandler(isolate) } satisfies ExportedHandler<Env>
