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

export { countingKv, reads, type KvCall } from './counting-kv'
