import type { Article } from '../articles/model'
import { isScheduled } from '../store/schedule'
import type { ArticleStatus } from '../store/store'
import { formatRfc3339Exact } from '../time/zone'

/** An article as the admin API answers it: its times in the paper's zone, and whether it is out yet. */
export type AdminArticle = Article & { status: ArticleStatus }

/**
 * An article as the admin API answers it: as stored, but its times in the paper's zone
 * (`2027-01-05T08:00:00+07:00`), as the newsroom and every feed read them, and its status: `scheduled`
 * while its publication time is ahead (no public surface shows it), `published` from then on. Stored
 * times stay ISO UTC; this is the one place the API converts them, on the way out (input takes any offset).
 */
export function adminView(article: Article, timeZone: string, now = Date.now()): AdminArticle {
  const local = (iso: string) => formatRfc3339Exact(new Date(iso), timeZone)
  return {
    ...article,
    published: local(article.published),
    ...(article.updated !== undefined && { updated: local(article.updated) }),
    status: isScheduled(article, now) ? 'scheduled' : 'published',
  }
}

/** An article as a listing shows it: what an editor scans for, without the body. */
export function adminListed(article: Article, timeZone: string, now = Date.now()) {
  const { id, title, published, updated, status, section, authors, url } = adminView(article, timeZone, now)
  return { id, title, status, published, ...(updated !== undefined && { updated }), section, authors, url }
}
