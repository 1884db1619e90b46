import { env } from 'cloudflare:test'

/** Empties the test KV namespace (storage persists between tests of one file). */
export async function clearKv(kv: KVNamespace = env.ARTICLES): Promise<void> {
  let cursor: string | undefined
  do {
    const listed = await kv.list(cursor ? { cursor } : {})
    await Promise.all(listed.keys.map((k) => kv.delete(k.name)))
    cursor = listed.list_complete ? undefined : listed.cursor
  } while (cursor)
}
