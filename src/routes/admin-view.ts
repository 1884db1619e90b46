import type { Article } from '../articles/model'
import { formatRfc3339Exact } from '../time/zone'

/**
 * An article as the admin API answers it: as stored, but its times in the paper's zone
 * (`2027-01-05T08:00:00+07:00`), as the newsroom and every feed read them. Stored times stay ISO UTC;
 * this is the one place the API converts them, on the way out (input takes any offset already).
 */
export function adminView(article: Article, timeZone: string): Article {
  const local = (iso: string) => formatRfc3339Exact(new Date(iso), timeZone)
  return { ...article, published: local(article.published), ...(article.updated !== undefined && { updated: local(article.updated) }) }
}
