import type { Article } from '../../src/articles/model'
import { scopesOf } from '../../src/articles/scope'
import { sortKey } from '../../src/store/keys'
import { snapshotKv } from './admin'

export type KvOp = 'get' | 'getWithMetadata' | 'list' | 'put' | 'delete'

export interface Fault {
  /** Decides, per call (numbered from 1 per operation), whether it fails. */
  fails?: (op: KvOp, n: number, key: unknown) => boolean
  /** Operations that never answer. */
  hangs?: KvOp[]
  /** What a failing call throws (by default an error naming the injected failure). */
  error?: (op: KvOp, n: number) => Error
}

/**
 * A real KV binding with injected faults: calls chosen by `fails` throw as a failing KV would (after
 * doing nothing), calls in `hangs` never settle. Everything else reaches the real namespace.
 */
export function faultyKv(kv: KVNamespace, fault: Fault): { kv: KVNamespace; calls: Record<KvOp, number> } {
  const calls: Record<KvOp, number> = { get: 0, getWithMetadata: 0, list: 0, put: 0, delete: 0 }
  const wrapped = new Proxy(kv, {
    get(target, prop, receiver) {
      const value: unknown = Reflect.get(target, prop, receiver)
      if (typeof value !== 'function' || typeof prop !== 'string' || !(prop in calls)) return value
      return (...args: unknown[]) => {
        const op = prop as KvOp
        const n = ++calls[op]
        if (fault.hangs?.includes(op)) return new Promise(() => {})
        if (fault.fails?.(op, n, args[0])) return Promise.reject(fault.error?.(op, n) ?? new Error(`injected KV ${op} failure #${n}`))
        return (value as (...a: unknown[]) => unknown).apply(target, args)
      }
    },
  })
  return { kv: wrapped, calls }
}

/**
 * Checks the KV layout's invariant over a snapshot: every article has exactly its index entries, and
 * every index entry belongs to the article stored under its id at that position. Returns the articles.
 */
export async function consistentArticles(kv: KVNamespace): Promise<Map<string, Article>> {
  const snapshot = await snapshotKv(kv)
  const articles = new Map<string, Article>()
  for (const [key, { value }] of Object.entries(snapshot))
    if (key.startsWith('art:')) articles.set(key.slice(4), JSON.parse(value as string) as Article)
  const expected = new Set<string>()
  for (const a of articles.values()) {
    const sort = sortKey(a)
    for (const scope of scopesOf(a))
      expected.add(scope.kind === 'all' ? `idx:all:${sort}` : `idx:${scope.kind === 'section' ? 'sec' : 'aut'}:${scope.slug}:${sort}`)
  }
  const actual = new Set(Object.keys(snapshot).filter((k) => k.startsWith('idx:')))
  const missing = [...expected].filter((k) => !actual.has(k))
  const orphans = [...actual].filter((k) => !expected.has(k))
  if (missing.length || orphans.length)
    throw new Error(`KV inconsistent: missing ${JSON.stringify(missing)}, orphan ${JSON.stringify(orphans)}`)
  // Each entry carries when it was written and its article's stored size, which pages budget their reads by.
  const unsized = [...actual].filter((k) => {
    const meta = snapshot[k]?.metadata as { t?: unknown; s?: unknown } | null
    const id = k.slice(k.lastIndexOf(':') + 1)
    return typeof meta?.t !== 'number' || meta.s !== new TextEncoder().encode(snapshot[`art:${id}`]?.value ?? '').length
  })
  if (unsized.length) throw new Error(`KV entries without their article's size: ${JSON.stringify(unsized)}`)
  return articles
}
