import { z } from 'zod'
import { resolveSection } from '../config/sections'
import { htmlToText, sanitizeHtml } from '../text/html'
import { cleanText, escapeHtml, slugify, SLUG_PATTERN } from '../text/normalize'
import { parseNewsroomTime } from '../time/zone'
import { isHttpUrl } from '../utils/url'
import { parseByline } from './byline'
import { tooFarAhead } from './horizon'
import { articleUrl, derivedId } from './ids'
import { articleImage } from './image'
import { MAX_ID_LENGTH, MAX_SLUG_LENGTH } from './limits'
import { AUTHOR_ROLES, type Article } from './model'
import { oversizeReason } from './size'
import { summarize, SUMMARY_CHARS } from './summary'

// Where the store's page budgets (src/store/budgets.ts) have always imported the limit from.
export { MAX_ARTICLE_BYTES } from './size'

/** Per-field limits; MAX_ARTICLE_BYTES bounds the whole. */
const LIMITS = {
  title: 500,
  summary: 2_000,
  content: 200_000,
  paragraphs: 2_000,
  authors: 20,
  tags: 30,
  text: 300,
  url: 2_000,
} as const

/** A string field whose errors read as a person would write them: `is required`, `at most 500 characters`. */
const string = (max: number) =>
  z
    .string({ error: (issue) => (issue.input === undefined ? 'is required' : 'must be a string') })
    .max(max, { error: `must be at most ${max} characters` })

const text = (max: number) => string(max).transform(cleanText)
const requiredText = (max: number) => text(max).refine((s) => s.trim() !== '', { message: 'must not be empty' })

/** An article id: a slug short enough for every key it is part of (also the admin API's `:id`). */
export const articleId = z.string().max(MAX_ID_LENGTH).regex(SLUG_PATTERN, 'must be a slug: lowercase ASCII words joined by hyphens')

const httpUrl = string(LIMITS.url)
  .refine(isHttpUrl, { message: 'must be an absolute http(s) URL' })
  .transform((s) => new URL(s).toString())

/**
 * A publication time as the newsroom wrote it. The schema checks the form; the instant is read later,
 * in the site's configured zone (articleFromInput), since a wall-clock time means nothing without one.
 */
const newsroomTime = string(64).transform((value, ctx) => {
  const date = parseNewsroomTime(value)
  if (!date) {
    ctx.addIssue({
      code: 'custom',
      message: 'must be RFC 3339 with an offset, or newsroom local time "HH:mm, dd/MM/yyyy", "H:mm, d/M/yyyy", "yyyy-MM-dd HH:mm"',
    })
    return z.NEVER
  }
  if (date.getUTCFullYear() < 1910 || date.getUTCFullYear() > 9999) {
    ctx.addIssue({
      code: 'custom',
      message:
        'must be between the years 1910 and 9999 (earlier local mean time offsets had seconds, which RFC 3339 and RFC 822 cannot print)',
    })
    return z.NEVER
  }
  return value.trim()
})

/**
 * What is wrong with a section or author name as the name of a feed: its slug is the feed's address and
 * part of KV keys, so it must not be empty (punctuation only) nor longer than MAX_SLUG_LENGTH.
 */
function feedSlugIssue(name: string): string | undefined {
  const slug = slugify(name)
  if (slug === '') return 'must contain letters or digits'
  if (slug.length > MAX_SLUG_LENGTH)
    return `is too long for a feed address: its slug would have ${slug.length} characters, at most ${MAX_SLUG_LENGTH}`
  return undefined
}

/**
 * The article body the newsroom sends: the admin API's JSON and the importer's parsed dumps alike.
 * Unknown fields are errors, so a typo (`titel`) never silently drops data.
 */
export const articleInputSchema = z
  .strictObject(
    {
      id: articleId.optional(),
      /** The id an earlier version of the importer gave this article (day + title); see keepLegacyIds. */
      legacyId: articleId.optional(),
      title: requiredText(LIMITS.title),
      published: newsroomTime,
      updated: newsroomTime.optional(),
      content: text(LIMITS.content).optional(),
      paragraphs: z.array(text(LIMITS.content)).max(LIMITS.paragraphs).optional(),
      summary: text(LIMITS.summary).optional(),
      section: requiredText(LIMITS.text).optional(),
      authors: z
        .array(z.strictObject({ name: requiredText(LIMITS.text), role: z.enum(AUTHOR_ROLES).default('text') }))
        .max(LIMITS.authors)
        .optional(),
      byline: text(LIMITS.text).optional(),
      source: requiredText(LIMITS.text).optional(),
      image: z
        .strictObject({
          url: httpUrl.optional(),
          caption: text(LIMITS.summary).optional(),
          type: z
            .string()
            .regex(/^image\/[a-z0-9.+-]+$/, 'must be an image MIME type')
            .optional(),
          length: z.number().int().nonnegative().optional(),
        })
        .refine((i) => i.url !== undefined || i.caption !== undefined, { message: 'needs a url or a caption' })
        .optional(),
      url: httpUrl.optional(),
      tags: z.array(requiredText(LIMITS.text)).max(LIMITS.tags).optional(),
    },
    { error: (issue) => (issue.code === 'invalid_type' ? 'must be a JSON object of article fields' : undefined) },
  )
  .superRefine(
    (a, ctx) => {
      if (a.content !== undefined && a.paragraphs !== undefined)
        ctx.addIssue({ code: 'custom', path: ['content'], message: 'give content or paragraphs, not both' })
      if (a.content === undefined && a.paragraphs === undefined)
        ctx.addIssue({ code: 'custom', path: ['content'], message: 'content (HTML) or paragraphs is required' })
      if (a.authors !== undefined && a.byline !== undefined)
        ctx.addIssue({ code: 'custom', path: ['authors'], message: 'give authors or byline, not both' })
      const feedName = (value: unknown, path: Array<string | number>) => {
        const issue = typeof value === 'string' && value.trim() !== '' ? feedSlugIssue(value) : undefined
        if (issue) ctx.addIssue({ code: 'custom', path, message: issue })
      }
      if (Array.isArray(a.authors)) a.authors.forEach((author, i) => feedName(author?.name, ['authors', i, 'name']))
      feedName(a.section, ['section'])
      const published = typeof a.published === 'string' ? parseNewsroomTime(a.published) : null
      const ahead = published ? tooFarAhead(published, new Date()) : undefined
      if (ahead) ctx.addIssue({ code: 'custom', path: ['published'], message: ahead })
    },
    // Run even when some fields already failed, so one response lists every field at fault. The
    // value may then hold untransformed or invalid fields, hence the type guards above.
    { when: (payload) => typeof payload.value === 'object' && payload.value !== null && !Array.isArray(payload.value) },
  )

export type ArticleInput = z.input<typeof articleInputSchema>
/** Input after the schema: trimmed-clean text, Dates, defaults filled in. */
export type ParsedArticleInput = z.output<typeof articleInputSchema>

/** One problem with one field, as RFC 9457 bodies and the importer report it. */
export interface FieldIssue {
  field: string
  reason: string
}

/** A built article, the id an earlier importer stored it under if named, and whether its id came from its title (ids.ts). */
export type BuildResult = { ok: true; article: Article; legacyId?: string; derivedId?: true } | { ok: false; issues: FieldIssue[] }

export interface BuildContext {
  siteUrl: string
  timeZone: string
  /** The id from the URL (`PUT /api/articles/:id`); wins over the body's. */
  id?: string
}

/**
 * Every field at fault and why. An unknown field is named itself (`titel: unknown field`) rather than
 * reported against the whole body, so a typo points at the typo.
 */
export function fieldIssues(error: Pick<z.core.$ZodError, 'issues'>): FieldIssue[] {
  return error.issues.flatMap((i) => {
    const at = i.path.map(String)
    if (i.code === 'unrecognized_keys') return i.keys.map((key) => ({ field: [...at, key].join('.'), reason: 'unknown field' }))
    return [{ field: at.join('.') || '(body)', reason: i.message }]
  })
}

/** Authors and source, from `authors` + `source` or from the byline; the byline's source must agree. */
function credits(input: ParsedArticleInput): { authors: Article['authors']; source?: string } | FieldIssue {
  if (input.authors) {
    const authors = input.authors.map((a) => ({ name: a.name.trim(), slug: slugify(a.name), role: a.role }))
    return { authors, ...(input.source !== undefined && { source: input.source.trim() }) }
  }
  const byline = parseByline(input.byline ?? '')
  // The cap `authors` has: each author is a feed, so its index entry, version key and WebSub topics.
  if (byline.authors.length > LIMITS.authors)
    return { field: 'byline', reason: `names ${byline.authors.length} people; at most ${LIMITS.authors} authors are allowed` }
  const source = input.source?.trim()
  if (source !== undefined && byline.source !== undefined && source !== byline.source)
    return { field: 'source', reason: `differs from the byline's source (${byline.source}); give one` }
  return { authors: byline.authors, ...((source ?? byline.source) !== undefined && { source: source ?? byline.source }) }
}

/** Builds the stored article from input the schema already accepted (Hono's validator ran it). */
export function articleFromInput(input: ParsedArticleInput, context: BuildContext): BuildResult {
  if (context.id !== undefined && input.id !== undefined && input.id !== context.id)
    return { ok: false, issues: [{ field: 'id', reason: `must match the id in the URL (${context.id}) or be left out` }] }
  if (context.id !== undefined && input.legacyId !== undefined)
    return { ok: false, issues: [{ field: 'legacyId', reason: 'is for batches (POST /api/articles); a PUT replaces the id in its URL' }] }
  const published = parseNewsroomTime(input.published, context.timeZone) as Date
  const updated = input.updated === undefined ? undefined : (parseNewsroomTime(input.updated, context.timeZone) as Date)
  // Here, not in the schema: a local time is an instant only in the site's zone.
  if (updated && updated < published) return { ok: false, issues: [{ field: 'updated', reason: 'must not be before published' }] }
  const id = context.id ?? input.id ?? derivedId(input.title, published, context.timeZone)
  const paragraphs = input.paragraphs?.map((p) => p.trim()).filter(Boolean)
  const url = input.url ?? articleUrl(context.siteUrl, id)
  // Paragraphs are escaped text; content is HTML from anywhere: both pass the one sanitizer, so equal
  // input gives equal stored HTML whichever form it came in.
  const content = sanitizeHtml(input.content ?? (paragraphs ?? []).map((p) => `<p>${escapeHtml(p)}</p>`).join('\n'), url)
  const credited = credits(input)
  if ('field' in credited) return { ok: false, issues: [credited] }
  // Names given as `authors` were checked by the schema; names read from the byline are checked here.
  const overlong = input.authors ? undefined : credited.authors.map((a) => feedSlugIssue(a.name)).find(Boolean)
  if (overlong) return { ok: false, issues: [{ field: 'byline', reason: `a name in it ${overlong}` }] }
  const img = input.image && articleImage(input.image)
  const article: Article = {
    id,
    title: input.title.trim(),
    published: published.toISOString(),
    ...(updated && { updated: updated.toISOString() }),
    section: resolveSection(input.section),
    authors: credited.authors,
    summary: (input.summary ?? summarize(paragraphs ?? [htmlToText(content, SUMMARY_CHARS)])).trim(),
    content,
    ...(img && { image: img }),
    url,
    tags: [...new Set((input.tags ?? []).map((t) => t.trim()))],
    ...(credited.source !== undefined && { source: credited.source }),
  }
  const oversize = oversizeReason(article)
  if (oversize) return { ok: false, issues: [{ field: input.paragraphs !== undefined ? 'paragraphs' : 'content', reason: oversize }] }
  return {
    ok: true,
    article,
    ...(context.id === undefined && input.id === undefined && { derivedId: true as const }),
    ...(input.legacyId !== undefined && { legacyId: input.legacyId }),
  }
}

/** Validates newsroom input and builds the stored article, or lists every field at fault. */
export function buildArticle(raw: unknown, context: BuildContext): BuildResult {
  const parsed = articleInputSchema.safeParse(raw)
  return parsed.success ? articleFromInput(parsed.data, context) : { ok: false, issues: fieldIssues(parsed.error) }
}
