/**
 * Items rendered once per article version for every isolate, not once per isolate: when a version is
 * written its item in each format is rendered and stored beside it (src/store/outputs.ts) with its digest,
 * and a page whose items this isolate has not rendered copies them from there, from one bulk read, into
 * the item cache (./items.ts). A fresh isolate's first page then costs copying bytes, not rendering every
 * item; the ETag stays exact because each stored digest is the SHA-256 of exactly the stored bytes.
 */
import type { Article } from '../articles/model'
import { OUTPUTS_PER_ARTICLE, type ArticleOutput, type OutputRenderer, type StoredOutput } from '../articles/output'
import { errorMessage } from '../utils/error-message'
import { fromHex, hex, rememberDigest, sha256 } from '../utils/hash'
import { itemCache, itemKey, itemStamp } from './items'
import { FORMATS, type FeedFormat } from './model'
import { renderItems } from './templates'
import { itemView, type ItemContext } from './view'
import { WRITERS } from './writers'

/**
 * Fewer items missing than this are rendered where they are needed: rendering one costs tens of µs, less
 * than waiting for a KV read (the first page after a write misses one item).
 */
const STORED_READ_MIN = 4

// The batch route budgets KV operations for this many outputs per article (src/articles/batch.ts).
if (FORMATS.length > OUTPUTS_PER_ARTICLE) throw new Error(`${FORMATS.length} feed formats, ${OUTPUTS_PER_ARTICLE} outputs budgeted`)

/** Renders an article version's item in one format, keeps it in this isolate's item cache, and gives it as an output. */
async function renderOutput(article: Article, format: FeedFormat, context: ItemContext): Promise<ArticleOutput> {
  const stamp = itemStamp(format, context)
  const bytes = itemCache.set(
    itemKey(stamp, article),
    renderItems(WRITERS[format], [itemView(article, context)])[0] as Uint8Array<ArrayBuffer>,
  )
  const digest = await sha256(bytes)
  rememberDigest(bytes, digest)
  return { name: format, stamp, bytes, digest: hex(digest) }
}

/** What the store renders and stores with each version written (StoreOptions.outputs): its item in every format. */
export function feedOutputs(context: ItemContext): OutputRenderer {
  return {
    names: FORMATS,
    stamp: (name) => itemStamp(name, context),
    render: (article) => Promise.all(FORMATS.map((format) => renderOutput(article, format, context))),
  }
}

/**
 * Puts into the item cache the stored items of these articles that this isolate has not rendered, when
 * there are enough of them to be worth a read (`read`: the store's bulk read of one format's outputs).
 * An output is taken only for the rev and stamp it was made for; any other is left for the render.
 */
export async function keepStoredItems(
  format: FeedFormat,
  context: ItemContext,
  articles: readonly Article[],
  read: (ids: string[]) => Promise<Map<string, StoredOutput>>,
): Promise<void> {
  const stamp = itemStamp(format, context)
  const missing = articles.filter((article) => article.rev && !itemCache.has(itemKey(stamp, article)))
  if (missing.length < STORED_READ_MIN) return
  // An optimisation only: a failed read costs this page the render, never the page.
  const stored = await read(missing.map((article) => article.id)).catch((error: unknown) => {
    console.warn('could not read stored feed items; rendering them', errorMessage(error))
    return new Map<string, StoredOutput>()
  })
  for (const article of missing) {
    const output = stored.get(article.id)
    const digest = output && output.rev === article.rev && output.stamp === stamp ? fromHex(output.digest) : null
    if (output && digest) rememberDigest(itemCache.set(itemKey(stamp, article), output.bytes), digest)
  }
}
