/**
 * The CPU of the admin batch path before any KV write: a POST is parsed from JSON and each element
 * validated (zod) and its body sanitized (sanitize-html) by `buildArticle`, as src/routes/admin-batch.ts
 * does. Shared by the Node measure (./admin-cpu.ts), the render Worker (workerd) and, copied beside an
 * older tree's src/, that tree's measure (./admin-run.ts); so it imports nothing from src/ that a tree
 * from before the batch limits were configurable lacks.
 */
import type { BatchLimits } from '../src/config/batch'
import { buildArticle, type ArticleInput, type BuildContext, type BuildResult } from '../src/articles/schema'
import { sanitizeHtml } from '../src/text/html'
import { escapeHtml } from '../src/text/normalize'
import { articleInput, FULL_BYTES } from './corpus'

/**
 * `paragraphs`: the API's plain shape (text the schema escapes into `<p>`), full articles of ~5 KB.
 * `html`: the same articles as `content` markup, as the importer and CMS send it: emphasis, a link, a
 * figure with its photo and caption in every paragraph or so. Both hold REFERENCE_ARTICLES: the batch
 * measured before the limits were sized, kept to compare trees. `html-max`: the worst batch the route
 * accepts under the given limits, that markup in as many articles as allowed, filling the body limit.
 */
export const BATCH_KINDS = ['paragraphs', 'html', 'html-max'] as const
export type BatchKind = (typeof BATCH_KINDS)[number]

/** The old MAX_BATCH: 25 full articles, now over the default limits, measured as the reference. */
export const REFERENCE_ARTICLES = 25

const escape = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')

function asHtml(input: ArticleInput, i: number): ArticleInput {
  const { paragraphs = [], ...rest } = input
  const html = paragraphs.map((p, n) => {
    const [first = '', ...others] = escape(p).split('. ')
    const text = `<p><strong>${first}.</strong> ${others.join('. ')} <a href="/tin-tuc/${i}-${n}.html">Xem thêm</a></p>`
    return n % 2
      ? `${text}\n<figure><img src="/file/anh/${i}-${n}.jpg" alt="Ảnh ${n}"><figcaption><em>${first}</em></figcaption></figure>`
      : text
  })
  return { ...rest, content: html.join('\n') }
}

const bodyOf = (count: number, bytes: number, html: boolean) =>
  JSON.stringify(Array.from({ length: count }, (_, i) => (html ? asHtml(articleInput(i, bytes), i) : articleInput(i, bytes))))

const utf8Length = (text: string) => new TextEncoder().encode(text).byteLength

/** Text per article past which an article would near the stored-article limit (240 KiB) once marked up. */
const MAX_TEXT_BYTES = 150_000

/** The JSON body of one batch of `kind`; `html-max` is sized by `limits`. */
export function batchBody(kind: BatchKind, limits: BatchLimits): string {
  if (kind !== 'html-max') return bodyOf(REFERENCE_ARTICLES, FULL_BYTES, kind === 'html')
  // The most text per article that keeps the body within the limit (the corpus grows by whole paragraphs).
  let [low, high] = [0, MAX_TEXT_BYTES]
  while (high - low > 16) {
    const mid = Math.floor((low + high) / 2)
    if (utf8Length(bodyOf(limits.maxArticles, mid, true)) <= limits.maxBytes) low = mid
    else high = mid
  }
  const body = bodyOf(limits.maxArticles, low, true)
  if (utf8Length(body) > limits.maxBytes) throw new Error(`no html-max batch of ${limits.maxArticles} fits ${limits.maxBytes} bytes`)
  return body
}

/** The batch's part of the work: `build` is all the route computes before writing, `sanitize` sanitize-html's share of it. */
export const BATCH_PARTS = ['build', 'sanitize'] as const
export type BatchPart = (typeof BATCH_PARTS)[number]

/** What a part runs: this tree's code, or an older tree's for before/after. */
export interface BatchCode {
  buildArticle(raw: unknown, context: BuildContext): BuildResult
  sanitizeHtml(html: string, base: string): string
}

const THIS_TREE: BatchCode = { buildArticle, sanitizeHtml }

/** Runs one part over a batch body, as the route would for one request. */
export function runBatch(part: BatchPart, body: string, context: BuildContext, code: BatchCode = THIS_TREE): number {
  return part === 'build' ? buildBatch(body, context, code) : sanitizeBatch(body, context.siteUrl, code)
}

/** sanitize-html alone over each element's body, as the schema hands it over (paragraphs escaped into `<p>`). */
function sanitizeBatch(body: string, base: string, code: BatchCode): number {
  const elements = JSON.parse(body) as ArticleInput[]
  let bytes = 0
  for (const { content, paragraphs = [] } of elements)
    bytes += code.sanitizeHtml(content ?? paragraphs.map((p) => `<p>${escapeHtml(p)}</p>`).join('\n'), base).length
  return bytes
}

/** What the route computes for a batch before writing it; throws when an element is invalid (the bench times the storing path). */
function buildBatch(body: string, context: BuildContext, code: BatchCode): number {
  const elements = JSON.parse(body) as unknown[]
  let bytes = 0
  for (const element of elements) {
    const result = code.buildArticle(element, context)
    if (!result.ok) throw new Error(`batch element invalid: ${JSON.stringify(result.issues)}`)
    bytes += result.article.content.length
  }
  return bytes
}
