/**
 * Rendered outputs stored beside their article (src/articles/output.ts): made and written with each
 * version, read in one bulk get for the items of a page an isolate has not rendered, deleted with the
 * article. A value is one line of JSON (rev, stamp, digest) and then the output's UTF-8 bytes in base64:
 * a bulk read gives text, and the runtime's base64 decoder turns it into bytes several times faster than
 * encoding Vietnamese text to UTF-8 again would (bench/RESULTS.md). A reader takes an output only for the rev
 * it was made from, so one left behind by a failed or racing write is never shown for another version.
 */
import type { Article } from '../articles/model'
import type { ArticleOutput, OutputRenderer, StoredOutput } from '../articles/output'
import { fromBase64, toBase64, utf8Length } from '../utils/bytes'
import { errorMessage } from '../utils/error-message'
import { MAX_PAGE, READ_BUDGET } from './budgets'
import { MAX_OUTPUT_NAME, outputKey } from './keys'

/**
 * An output bigger than this is not stored (its readers render it): a page's bulk read of outputs, at most
 * MAX_PAGE of them, then stays within READ_BUDGET whatever the articles hold.
 */
export const MAX_OUTPUT_BYTES = Math.floor(READ_BUDGET / MAX_PAGE) - 1024

/** What an output's key carries besides its value, so that a listing (fsck) tells whether it is current. */
export interface OutputMeta {
  rev: string
  stamp: string
}

/** KV's limit on a key's metadata, as serialized JSON. */
const METADATA_LIMIT = 1024

/**
 * The KV writes that store an article version's outputs. An output over MAX_OUTPUT_BYTES is stored as its
 * head alone (no line break: readers skip it and render), so every output has a key naming its version.
 */
export function outputWrites(
  article: Article,
  rev: string,
  outputs: readonly ArticleOutput[],
): Array<{ key: string; value: string; metadata?: OutputMeta }> {
  return outputs.map(({ name, stamp, digest, bytes }) => {
    if (name.length > MAX_OUTPUT_NAME) throw new Error(`output name ${name} is over ${MAX_OUTPUT_NAME} characters`)
    const head = JSON.stringify({ rev, stamp, digest })
    // Base64 is 4 characters for 3 bytes, and ASCII: its length is its size.
    const value = utf8Length(head) + 1 + 4 * Math.ceil(bytes.byteLength / 3) > MAX_OUTPUT_BYTES ? head : `${head}\n${toBase64(bytes)}`
    const metadata = { rev, stamp }
    return { key: outputKey(name, article.id), value, ...(JSON.stringify(metadata).length <= METADATA_LIMIT && { metadata }) }
  })
}

/** An output from its stored value; null when the value holds none (an output too big to store) or is damaged. */
export function storedOutput(name: string, value: string): StoredOutput | null {
  const end = value.indexOf('\n')
  if (end < 0) return null
  try {
    const head = JSON.parse(value.slice(0, end)) as Record<string, unknown>
    const { rev, stamp, digest } = head
    if (typeof rev !== 'string' || typeof stamp !== 'string' || typeof digest !== 'string') return null
    return { name, rev, stamp, digest, bytes: fromBase64(value.slice(end + 1)) }
  } catch {
    return null
  }
}

/**
 * Makes and writes the outputs of a version just stored (stamped with its rev). Best effort: the article
 * is written whatever happens here, and a reader renders what it does not find.
 */
export async function writeOutputs(kv: KVNamespace, article: Article, renderer: OutputRenderer): Promise<void> {
  const rev = article.rev
  if (!rev) return
  try {
    const writes = outputWrites(article, rev, await renderer.render(article))
    const results = await Promise.allSettled(writes.map(({ key, value, metadata }) => kv.put(key, value, metadata ? { metadata } : {})))
    for (const result of results) if (result.status === 'rejected') throw result.reason
  } catch (error) {
    console.warn('could not store the rendered outputs of', article.id, errorMessage(error))
  }
}

/** The stored `name` outputs of these articles in one bulk get (at most MAX_PAGE ids), by id; unreadable values left out. */
export async function readOutputs(kv: KVNamespace, name: string, ids: readonly string[]): Promise<Map<string, StoredOutput>> {
  const found = new Map<string, StoredOutput>()
  if (!ids.length) return found
  const values = await kv.get(
    ids.map((id) => outputKey(name, id)),
    'text',
  )
  ids.forEach((id) => {
    const value = values.get(outputKey(name, id))
    const output = value ? storedOutput(name, value) : null
    if (output) found.set(id, output)
  })
  return found
}

/** Deletes every output an article can have. */
export function deleteOutputs(kv: KVNamespace, renderer: OutputRenderer | undefined, id: string): Array<Promise<void>> {
  return (renderer?.names ?? []).map((name) => kv.delete(outputKey(name, id)))
}
