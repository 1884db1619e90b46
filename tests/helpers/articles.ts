import { env } from 'cloudflare:test'
import type { Article } from '../../src/articles/model'
import { buildArticle, type ArticleInput } from '../../src/articles/schema'
import { siteConfig } from '../../src/config/masthead'

export const config = siteConfig({})

/** A stored-shape article built through the real schema, so fixtures obey the same rules as input. */
export function article(input: Partial<ArticleInput> & { title: string; published: string }): Article {
  const result = buildArticle({ paragraphs: [`Nội dung bài ${input.title}.`], ...input }, { siteUrl: config.siteUrl, timeZone: config.timeZone })
  if (!result.ok) throw new Error(`fixture invalid: ${JSON.stringify(result.issues)}`)
  return result.article
}

/** Empties the test KV namespace (storage persists between tests of one file). */
export async function clearKv(kv: KVNamespace = env.ARTICLES): Promise<void> {
  let cursor: string | undefined
  do {
    const listed = await kv.list(cursor ? { cursor } : {})
    await Promise.all(listed.keys.map((k) => kv.delete(k.name)))
    cursor = listed.list_complete ? undefined : listed.cursor
  } while (cursor)
}

export type KvCall = 'get' | 'getWithMetadata' | 'list' | 'put' | 'delete'

/**
 * Wraps a real KV binding and counts the operations made through it, the way Cloudflare bills them
 * (a bulk get of many keys is one operation).
 */
export function countingKv(kv: KVNamespace): { kv: KVNamespace; calls: Record<KvCall, number>; reset(): void } {
  const calls: Record<KvCall, number> = { get: 0, getWithMetadata: 0, list: 0, put: 0, delete: 0 }
  const wrapped = new Proxy(kv, {
    get(target, prop, receiver) {
      const value = Reflect.get(target, prop, receiver)
      if (typeof value !== 'function') return value
      return (...args: unknown[]) => {
        if (typeof prop === 'string' && prop in calls) calls[prop as KvCall]++
        return (value as (...a: unknown[]) => unknown).apply(target, args)
      }
    },
  })
  return {
    kv: wrapped,
    calls,
    reset() {
      for (const k of Object.keys(calls) as KvCall[]) calls[k] = 0
    },
  }
}

export const reads = (calls: Record<KvCall, number>) => calls.get + calls.getWithMetadata + calls.list
