/**
 * Article ids. An id must not depend on text editors correct, and no derived id may silently equal
 * another article's:
 * - a dump's id is its file's name (`000_5943433bb8521991.txt` → `000-5943433bb8521991`), which the CMS
 *   keeps stable when a title is corrected;
 * - input without an id (the admin API) gets the local day and the title's slug, with a short hash of
 *   the title when the slug is empty (`中文标题`) or cut to fit, so distinct titles keep distinct ids;
 * - articles stored by earlier versions are keyed by the legacy rule (day + slug, cut at 300 characters);
 *   `keepLegacyIds` keeps them there when they are imported again.
 */
import { IdTaken } from '../errors/id-taken'
import { SLUG_PATTERN, slugify } from '../text/normalize'
import { formatLocalDay } from '../time/zone'
import { utf8Bytes } from '../utils/bytes'
import { MAX_ID_LENGTH } from './limits'
import type { Article } from './model'

const FNV_OFFSET = 0xcbf29ce484222325n
const FNV_PRIME = 0x100000001b3n
const MASK = 0xffffffffffffffffn

/** 8 base-36 characters of the title's FNV-1a 64-bit hash (UTF-8 of the NFC text): stable in every runtime. */
function shortHash(text: string): string {
  let hash = FNV_OFFSET
  for (const byte of utf8Bytes(text.normalize('NFC'))) hash = ((hash ^ BigInt(byte)) * FNV_PRIME) & MASK
  return hash.toString(36).padStart(13, '0').slice(-8)
}

/** The id for input that names none: `2016-04-01-khai-mac-hoi-nghi`, `2016-05-01-x3k9d0qa` for `中文标题`. */
export function derivedId(title: string, published: Date, timeZone: string): string {
  const day = formatLocalDay(published, timeZone)
  const slug = slugify(title)
  if (slug === '') return `${day}-${shortHash(title)}`
  const id = `${day}-${slug}`
  if (id.length <= MAX_ID_LENGTH) return id
  const hash = shortHash(title)
  return `${id.slice(0, MAX_ID_LENGTH - hash.length - 1).replace(/-+$/u, '')}-${hash}`
}

/**
 * The id every version before this one derived for the article (undefined for a title without Latin
 * letters, whose old id was the bare day, shared by every such article of that day).
 */
export function legacyId(title: string, published: Date, timeZone: string): string | undefined {
  const slug = slugify(title)
  return slug === '' ? undefined : `${formatLocalDay(published, timeZone)}-${slug}`.slice(0, MAX_ID_LENGTH).replace(/-+$/u, '')
}

/** Whether two versions are the same article sent again: the same title (NFC) at the same instant. */
export function sameArticle(a: Pick<Article, 'title' | 'published'>, b: Pick<Article, 'title' | 'published'>): boolean {
  return a.title.normalize('NFC') === b.title.normalize('NFC') && Date.parse(a.published) === Date.parse(b.published)
}

/**
 * The write guard (store.putMany's `guards`) of an article whose id was derived here rather than sent:
 * the id may already belong to a different article, which the write must not replace (409 naming both).
 * Evaluated inside the store's per-id lock, against the version stored then, so two such writes at once
 * cannot both pass. Explicit ids (PUT, the importer's file names) get no guard: they replace on purpose.
 */
export function derivedIdGuard(article: Article, timeZone: string): (previous: Article | null) => void {
  return (previous) => {
    if (previous && !sameArticle(previous, article)) throw new IdTaken(article.id, previous, article, timeZone)
  }
}

/** A dump's id from its file name (`…/000_5943433bb8521991.txt` → `000-5943433bb8521991`), if it yields one. */
export function idFromFileName(path: string): string | undefined {
  const name = path.split(/[\\/]/u).pop() ?? ''
  const id = slugify(name.replace(/\.txt$/iu, ''))
  return id !== '' && id.length <= MAX_ID_LENGTH && SLUG_PATTERN.test(id) ? id : undefined
}

/**
 * The article's page on the site when the newsroom names none: `<SITE_URL>/<id>`. Ids are slugs, so the
 * encoding changes nothing but a damaged stored id, which must still make a well-formed URL.
 */
export function articleUrl(siteUrl: string, id: string): string {
  return `${siteUrl}/${encodeURIComponent(id)}`
}

/** An article on its way to the store, with the id an earlier version would have given it. */
export interface Pending {
  article: Article
  legacyId?: string
}

/**
 * Re-targets writes at articles stored under their legacy id: when nothing is stored under the new id
 * and something is under the legacy one, that article is replaced (keeping its id, hence its URL and
 * feed guid) instead of getting a second copy. Never makes two items share an id. `exists` is asked
 * about at most two ids per item.
 */
export async function keepLegacyIds<T extends Pending>(
  items: T[],
  exists: (id: string) => Promise<boolean>,
  siteUrl: string,
): Promise<T[]> {
  const moves = await Promise.all(
    items.map(async ({ article, legacyId: legacy }) => {
      if (legacy === undefined || legacy === article.id) return undefined
      const [now, before] = await Promise.all([exists(article.id), exists(legacy)])
      return !now && before ? legacy : undefined
    }),
  )
  const taken = new Set(items.map((item) => item.article.id))
  return items.map((item, i) => {
    const legacy = moves[i]
    if (legacy === undefined || taken.has(legacy)) return item
    taken.add(legacy)
    const { article } = item
    const url = article.url === articleUrl(siteUrl, article.id) ? articleUrl(siteUrl, legacy) : article.url
    return { ...item, article: { ...article, id: legacy, url } }
  })
}
