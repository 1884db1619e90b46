/**
 * Writes and deletes of one id, one after another inside this isolate. KV has no compare-and-swap, so
 * two writes of one id that overlap can each read the same previous version and leave entries of the
 * loser behind (docs/storage.md); run in turn, each reads what the one before it wrote. Across isolates
 * (other requests in other locations) nothing here applies: readers and `npm run fsck` repair what is left.
 */

export interface IdLocks {
  /** Runs `work` once every earlier call for `id` has settled (or has hung for too long). */
  run<T>(id: string, work: () => Promise<T>): Promise<T>
}

/**
 * How long a write waits for the one before it. Writes have no timeout of their own (guarded-kv.ts), so
 * a write whose request the runtime ended could hold its id for good; past this, the next one goes ahead.
 */
const MAX_WAIT_MS = 10_000

export function idLocks(maxWaitMs = MAX_WAIT_MS): IdLocks {
  const tails = new Map<string, Promise<void>>()
  return {
    async run(id, work) {
      const before = tails.get(id)
      let release!: () => void
      const mine = new Promise<void>((resolve) => (release = resolve))
      tails.set(id, mine)
      if (before) {
        let timer: ReturnType<typeof setTimeout> | undefined
        await Promise.race([before, new Promise<void>((resolve) => (timer = setTimeout(resolve, maxWaitMs)))])
        clearTimeout(timer)
      }
      try {
        return await work()
      } finally {
        release()
        if (tails.get(id) === mine) tails.delete(id)
      }
    },
  }
}
