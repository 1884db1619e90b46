/**
 * The Vietnamese byline grammar, one parser for the importer's dumps and the admin API's `byline` field:
 *
 *     Tin, ảnh: Đức Toàn              Bài và ảnh: X     Bài, ảnh: X      one person, text and photos
 *     Tin: Minh Hằng - Ảnh: Viết Dư   Ảnh: X                             writer, photographer
 *     Minh Hằng, Viết Dư   A và B     Tin: A, B                           several names
 *     Hoàng Anh (tổng hợp)            Tổng hợp: X                         compiled
 *     Ban Kinh tế   Nhóm PV   PV   CTV                                    a desk or staff credit (a writer)
 *     Theo TTXVN   Nguồn: VOV   Minh Hằng (theo TTXVN)   PV - Theo VOV    the source, never an author
 *
 * A line is split into parts at a spaced dash; each part is a label and its names, a desk, a source, or
 * names. `parseByline` reads any text the newsroom typed as a byline (an unknown part is a name);
 * `looksLikeByline` says whether a line of a dump is one, by the same grammar but strictly (names
 * must look like names), since there the alternative is a paragraph of the article.
 */
import { cleanText, slugify, squashSpace } from '../text/normalize'
import type { ArticleAuthor, AuthorRole } from './model'

export interface Byline {
  authors: ArticleAuthor[]
  /** Attribution (`Theo TTXVN` → `TTXVN`), when the byline names one. */
  source?: string
}

/** Labels before a colon, matched on their slug so that case, NFD and `Tin,ảnh`/`Tin , ảnh` all match. */
const LABELS: ReadonlyArray<[RegExp, AuthorRole]> = [
  [/^(?:tin|bai|bai-viet)-(?:va-)?anh$/u, 'text+photo'],
  [/^(?:tin|bai|bai-viet|van-ban|thuc-hien|nhom-thuc-hien)$/u, 'text'],
  [/^(?:anh|do-hoa)$/u, 'photo'],
  [/^(?:tong-hop|bien-dich|luoc-dich|dich)$/u, 'compiled'],
]

/** `Theo TTXVN`, `(theo Báo Nhân Dân)`, `Nguồn: VOV`, `Nguồn VOV`: the words after it are the source. */
const SOURCE = /^\(?\s*(?:theo|nguồn\s*:?)\s+(.+?)\s*\.?\s*\)?$/iu
/** `(tổng hợp)`, `(tổng hợp theo TTXVN)`, `(theo TTXVN)` after the names of a part. */
const TRAILER = /\s*\(\s*(tổng hợp)?\s*(?:(?:theo|nguồn\s*:?)\s+([^()]+?))?\s*\)$/iu
/** Desks and staff credits (`Ban Kinh tế`, `Nhóm PV`, `PV`, `CTV`); they stand for the newsroom's writers. */
const DESK =
  /^(?:(?:Ban|Nhóm|Tổ|Phòng)\s+(?:PV|CTV|BTV|phóng viên|cộng tác viên|\p{Lu}[\p{L}\p{M}]*)(?:[\s-]+[\p{L}\p{M}]+)*|PV|CTV|BTV|PV\s*[-–/]\s*CTV|[Pp]hóng viên|[Cc]ộng tác viên)$/u
/** One word of a personal name, capitalised (`Đức`, `Thúy`, `H'Hen`). */
const NAME_WORD = /^\p{Lu}[\p{L}\p{M}']*$/u
const SENTENCE_END = /[.!?…:;,]$/u
const DOMAIN = /\.[a-z]{2,}/u

interface Part {
  role: AuthorRole | null
  names: string[]
  source?: string
  /** Every name was read as a label's, a desk's or a name-shaped one (the dump parser's test). */
  strict: boolean
}

const cleanName = (name: string) => squashSpace(name).replace(/^[\s.,;:–-]+|[\s.,;:–-]+$/gu, '')

/** `A, B và C` → three names. */
function splitNames(text: string): string[] {
  return text
    .split(/\s*[,;&]\s*|\s+và\s+/u)
    .map(cleanName)
    .filter((n) => n !== '')
}

const isDesk = (name: string) => name.length <= 40 && DESK.test(name)
const isNameShaped = (name: string) => name.split(' ').length <= 5 && name.split(' ').every((w) => NAME_WORD.test(w))

/**
 * What a source looks like: a few words with a capital or a site name (`TTXVN`, `báo Nhân Dân`,
 * `Thông tấn xã Việt Nam`, `vov.vn`) and no sentence punctuation, so `Theo Bộ Y tế, cả nước có…` is not one.
 */
function isSource(text: string): boolean {
  if (text.length > 80 || /[!?;:]|\.(?![a-z]{2,})/u.test(text)) return false
  const words = text.split(/[\s,]+/u).filter(Boolean)
  const lower = words.filter((w) => /^\p{Ll}/u.test(w) && !DOMAIN.test(w)).length
  return words.length <= 8 && lower <= 3 && words.some((w) => /^\p{Lu}/u.test(w) || DOMAIN.test(w))
}

function parsePart(raw: string): Part {
  let text = squashSpace(raw)
  const whole = SOURCE.exec(text)
  if (whole && isSource(whole[1]!)) return { role: null, names: [], source: whole[1]!, strict: true }

  let role: AuthorRole | null = null
  let source: string | undefined
  const trailer = TRAILER.exec(text)
  if (trailer && (trailer[1] || (trailer[2] && isSource(trailer[2])))) {
    if (trailer[1]) role = 'compiled'
    if (trailer[2]) source = squashSpace(trailer[2])
    text = text.slice(0, trailer.index)
  } else if (/\s+tổng hợp$/iu.test(text)) {
    role = 'compiled'
    text = text.replace(/\s+tổng hợp$/iu, '')
  }
  const colon = text.indexOf(':')
  const label = colon > 0 ? LABELS.find(([pattern]) => pattern.test(slugify(text.slice(0, colon)))) : undefined
  if (label) {
    role = role ?? label[1]
    text = text.slice(colon + 1)
  }
  const names = splitNames(text)
  const strict = names.length > 0 && names.every((n) => isDesk(n) || (label ? n.length <= 60 : isNameShaped(n)))
  return { role, names, ...(source !== undefined && { source }), strict }
}

/**
 * Splits at spaced dashes, but keeps a desk's own dash (`Ban Văn hóa - Xã hội`): a piece after a desk
 * that is no name (`Xã hội`, not `Minh Hằng`) and has no label or source continues the desk's name.
 */
function parts(text: string): Part[] {
  const out: Array<{ text: string; part: Part }> = []
  for (const piece of text.split(/\s+[-–—]\s+/u)) {
    const part = parsePart(piece)
    const prev = out.at(-1)
    const continuesDesk =
      prev !== undefined &&
      prev.part.source === undefined &&
      prev.part.names.length === 1 &&
      isDesk(prev.part.names[0]!) &&
      part.role === null &&
      part.source === undefined &&
      part.names.length === 1 &&
      !isNameShaped(part.names[0]!)
    if (continuesDesk) {
      prev.text = `${prev.text} - ${piece}`
      prev.part = parsePart(prev.text)
    } else {
      out.push({ text: piece, part })
    }
  }
  return out.map((o) => o.part)
}

function toAuthor(name: string, role: AuthorRole): ArticleAuthor | null {
  const slug = slugify(name)
  return name && slug ? { name, slug, role } : null
}

function collect(list: Part[]): Byline {
  const authors: ArticleAuthor[] = []
  const sources: string[] = []
  // `X (tổng hợp)` at the end of a line credits every unlabelled name of the line as compiler.
  const compiledLine = list.at(-1)?.role === 'compiled' && list.every((p) => p.role === null || p.role === 'compiled')
  for (const part of list) {
    if (part.source !== undefined && !sources.includes(part.source)) sources.push(part.source)
    const role = part.role ?? (compiledLine ? 'compiled' : 'text')
    for (const name of part.names) {
      const author = toAuthor(name, role)
      if (author && !authors.some((a) => a.slug === author.slug && a.role === author.role)) authors.push(author)
    }
  }
  return { authors, ...(sources.length > 0 && { source: sources.join(', ') }) }
}

/** Reads a byline as the newsroom typed it. Empty text gives no authors and no source. */
export function parseByline(text: string): Byline {
  const byline = squashSpace(cleanText(text))
  return byline ? collect(parts(byline)) : { authors: [] }
}

/**
 * Whether a line of a dump is a byline, by the grammar above:
 * 1. longer than 120 characters → never (a sentence, not a credit);
 * 2. every part must be recognised: a label (`Tin, ảnh: X`), a desk (`Ban Kinh tế`, `PV`), a source
 *    (`Theo TTXVN`, `Nguồn: VOV`), or names of 1–5 capitalised words (`Văn Đông`, `Minh Hằng, Viết Dư`);
 * 3. without any label, desk or source it must be short (≤ 60 characters) and not end in sentence
 *    punctuation: body paragraphs end in `.` or `./.` and are long.
 */
export function looksLikeByline(text: string): boolean {
  const line = squashSpace(cleanText(text))
  if (line === '' || line.length > 120) return false
  const list = parts(line)
  if (!list.every((p) => p.strict || (p.source !== undefined && p.names.length === 0))) return false
  const marked = list.some((p) => p.role !== null || p.source !== undefined || p.names.some(isDesk))
  return marked || (line.length <= 60 && !SENTENCE_END.test(line))
}
