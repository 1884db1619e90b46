/**
 * The CPU of the admin batch path before any KV write: a POST of MAX_BATCH articles is parsed from JSON and
 * each element validated (zod) and its body sanitized (sanitize-html) by `buildArticle`, as
 * src/routes/admin-batch.ts does. Shared by the Node measure (bench/run.ts) and the render Worker (workerd).
 */
import { BATCH_BODY_LIMIT, MAX_BATCH } from '../src/articles/batch'
import { buildArticle, type ArticleInput, type BuildContext } from '../src/articles/schema'
import { sanitizeHtml } from '../src/text/html'
import { escapeHtml } from '../src/text/normalize'
import { articleInput, FULL_BYTES } from './corpus'

/**
 * `paragraphs`: the API's plain shape (text the schema escapes into `<p>`), full articles of ~5 KB.
 * `html`: the same articles as `content` markup, as the importer and CMS send it: emphasis, a link, a
 * figure with its photo and caption in every paragraph or so. `html-max`: the biggest batch the route
 * accepts, that markup filling BATCH_BODY_LIMIT (25 articles near the 240 KiB stored-article limit).
 */
export const BATCH_KINDS = ['paragraphs', 'html', 'html-max'] as const
export type BatchKind = (typeof BATCH_KINDS)[number]

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

/** The JSON body of one batch of `kind`. */
export function batchBody(kind: BatchKind): string {
  // Markup adds about a third to the text; what is left of the body limit after that is the max batch's text.
  const bytes = kind === 'html-max' ? Math.floor((BATCH_BODY_LIMIT * 0.5) / MAX_BATCH) : FULL_BYTES
  const inputs = Array.from({ length: MAX_BATCH }, (_, i) =>
    kind === 'paragraphs' ? articleInput(i, bytes) : asHtml(articleInput(i, bytes), i),
  )
  const body = JSON.stringify(inputs)
  if (new TextEncoder().encode(body).byteLength > BATCH_BODY_LIMIT) throw new Error(`${kind} batch is over the route's body limit`)
  return body
}

/** The batch's part of the work: `build` is all the route computes before writing, `sanitize` sanitize-html's share of it. */
export const BATCH_PARTS = ['build', 'sanitize'] as const
export type BatchPart = (typeof BATCH_PARTS)[number]

/** Runs one part over a batch body, as the route would for one request. */
export function runBatch(part: BatchPart, body: string, context: BuildContext): number {
  return part === 'build' ? buildBatch(body, context) : sanitizeBatch(body, context.siteUrl)
}

/** sanitize-html alone over each element's body, as the schema hands it over (paragraphs escaped into `<p>`). */
function sanitizeBatch(body: string, base: string): number {
  const elements = JSON.parse(body) as ArticleInput[]
  let bytes = 0
  for (const { content, paragraphs = [] } of elements)
    bytes += sanitizeHtml(content ?? paragraphs.map((p) => `<p>${escapeHtml(p)}</p>`).join('\n'), base).length
  return bytes
}

/** What the route computes for a batch before writing it; throws when an element is invalid (the bench times the storing path). */
function buildBatch(body: string, context: BuildContext): number {
  const elements = JSON.parse(body) as unknown[]
  let bytes = 0
  for (const element of elements) {
    const result = buildArticle(element, context)
    if (!result.ok) throw new Error(`batch element invalid: ${JSON.stringify(result.issues)}`)
    bytes += result.article.content.length
  }
  return bytes
}
