import { vi } from 'vitest'

/**
 * Drives the clock the app reads (Date.now and new Date, in this isolate), nothing else: timers stay
 * real, so KV retries and timeouts behave as in production. Call `realTime()` after each test.
 */
export function setClock(iso: string): number {
  vi.useFakeTimers({ toFake: ['Date'] })
  const at = Date.parse(iso)
  vi.setSystemTime(at)
  return at
}

export function realTime(): void {
  vi.useRealTimers()
}
