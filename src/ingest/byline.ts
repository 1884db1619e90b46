import type { ArticleAuthor, AuthorRole } from '../articles/model'
import { cleanText, slugify } from '../text/normalize'

/** Byline labels the newsroom uses, matched case-insensitively before a colon. */
const LABELS: ReadonlyArray<[RegExp, AuthorRole]> = [
  [/^(?:tin|bài)\s*(?:,|và|\/)\s*ảnh$/iu, 'text+photo'],
  [/^(?:tin|bài|văn bản)$/iu, 'text'],
  [/^ảnh$/iu, 'photo'],
]

const COMPILED = /\s*\(\s*tổng hợp\s*\)\s*$/iu

function author(name: string, role: AuthorRole): ArticleAuthor | null {
  const clean = cleanText(name).replace(/\s+/g, ' ').replace(/^[\s.,;:–-]+|[\s.,;:–-]+$/g, '')
  const slug = slugify(clean)
  return clean && slug ? { name: clean, slug, role } : null
}

/** `A, B và C` → three names. */
function names(text: string): string[] {
  return text.split(/\s*,\s*|\s+và\s+/u).filter((n) => n.trim() !== '')
}

/**
 * Parses a newsroom byline: `Tin, ảnh: Đức Toàn`, `Tin: Minh Hằng - Ảnh: Việt Dư`, `Bài và ảnh: X`,
 * `Bài, ảnh: X`, `Ảnh: X`, `X (tổng hợp)`, or a bare name (the writer). Returns [] for empty text.
 */
export function parseByline(text: string): ArticleAuthor[] {
  const byline = cleanText(text).trim()
  if (!byline) return []
  const compiled = COMPILED.test(byline)
  // Parts are separated by a dash with spaces around it, and each part may have its own label.
  const parts = byline.replace(COMPILED, '').split(/\s+[-–—]\s+/u)
  const authors: ArticleAuthor[] = []
  for (const part of parts) {
    const colon = part.indexOf(':')
    let role: AuthorRole = compiled ? 'compiled' : 'text'
    let who = part
    if (colon > 0) {
      const label = part.slice(0, colon).trim()
      const known = LABELS.find(([pattern]) => pattern.test(label))
      if (known) {
        role = known[1]
        who = part.slice(colon + 1)
      }
    }
    for (const name of names(who)) {
      const a = author(name, role)
      if (a && !authors.some((b) => b.slug === a.slug && b.role === a.role)) authors.push(a)
    }
  }
  return authors
}
