/**
 * Parser for the newsroom CMS's plain-text article dump:
 *
 *     Title
 *
 *     08:04, 01/04/2016
 *
 *     Paragraph…
 *
 *     Photo caption.            ← a caption is the same line printed twice in a row
 *     Photo caption.
 *
 *     Last paragraph./.
 *
 *     Tin, ảnh: Đức ToànBÁO NAM ĐỊNH ĐIỆN TỬ      ← byline glued to the footer marker
 *
 *     Tổng biên tập: …                            ← masthead footer
 *
 * It only turns text into an `ArticleInput`; validation, ids and HTML for plain paragraphs stay in
 * `buildArticle`, the one schema shared with the admin API.
 */
import { DEFAULT_MASTHEAD, type Masthead } from '../config/masthead'
import { summarize, type ArticleInput } from '../articles/schema'
import { cleanText, escapeHtml, isCleanText, slugify } from '../text/normalize'
import { DEFAULT_TIME_ZONE, parseNewsroomTime } from '../time/zone'

/** The masthead as one dump's footer printed it; only the lines the footer had. */
export interface DumpFooter {
  /** The marker the footer starts with, e.g. `BÁO NAM ĐỊNH ĐIỆN TỬ`. */
  name: string
  editorInChief?: string
  deputyEditors?: string[]
  address?: string
  phone?: string
  email?: string
}

/** 1-based line numbers of what the parser found, so later errors can point into the file. */
export interface DumpLines {
  title: number
  published: number
  /** First line of the body. */
  body: number
  byline?: number
  footer?: number
}

export type DumpResult =
  | { ok: true; input: ArticleInput; footer?: DumpFooter; lines: DumpLines; warnings: string[] }
  | { ok: false; line: number; reason: string }

export interface DumpOptions {
  /** Section slug or name, passed through to the input. */
  section?: string
  /** Zone the date line is read in; only to validate it here (buildArticle reads it again). */
  timeZone?: string
  /** Whose footer to expect; its name, upper-cased, is the footer marker. */
  masthead?: Pick<Masthead, 'name'>
}

interface Line {
  no: number
  text: string
}

/** A date line: `08:04, 01/04/2016`, `8:04, 1/4/2016`, and the other forms parseNewsroomTime reads. */
const DATE_SHAPED = /^\d{1,4}\s*[:/.\-h]\s*\d/u

/**
 * Byline labels as the newsroom writes them (`Tin, ảnh:`, `Bài và ảnh:`, `Tin:`, `Ảnh:`…). The same
 * set parseByline understands; matched here only to decide whether a line is a byline at all.
 */
const BYLINE_LABEL = /^(?:tin|bài|ảnh|văn bản)(?:\s*(?:,|và|\/)\s*ảnh)?\s*:\s*\S/iu
const COMPILED = /\(\s*tổng hợp\s*\)$/iu
/** One word of a personal name: capitalised letters only (`Đức`, `Thúy`, `H'Hen` is rare enough to ignore). */
const NAME_WORD = /^\p{Lu}[\p{L}\p{M}]*$/u
const SENTENCE_END = /[.!?…:;,]$/u

/**
 * Decides whether a line is a byline. The rule, in order:
 * 1. longer than 120 characters → never (a sentence, not a credit);
 * 2. starts with a known label and a colon (`Tin, ảnh: X`, `Tin: X - Ảnh: Y`, `Ảnh: X`) → yes;
 * 3. otherwise it must be short (≤ 60 characters), not end in sentence punctuation, and, with a
 *    trailing `(tổng hợp)` removed, be one or more names (joined by `,`, `và` or ` - `) of 1–5
 *    capitalised words with no digits (`Văn Đông`, `Minh Hằng, Việt Dư`, `Hoàng Anh (tổng hợp)`).
 * Body paragraphs end in `.`/`./.` and are long, so they fail rule 3.
 */
export function looksLikeByline(text: string): boolean {
  const t = text.trim()
  if (t === '' || t.length > 120) return false
  if (BYLINE_LABEL.test(t)) return true
  if (t.length > 60 || SENTENCE_END.test(t)) return false
  const names = t.replace(COMPILED, '').trim().split(/\s*,\s*|\s+và\s+|\s+[-–—]\s+/u)
  return names.every((name) => {
    const words = name.split(/\s+/u).filter(Boolean)
    return words.length >= 1 && words.length <= 5 && words.every((w) => NAME_WORD.test(w))
  })
}

/**
 * Splits the file into cleaned lines: BOM dropped, CRLF/CR/LF all end a line, NFC, no XML-illegal
 * characters, no trailing whitespace. Line numbers are kept, so errors point at the file as written.
 */
function readLines(raw: string, warnings: string[]): Line[] {
  const text = raw.replace(/^\uFEFF/u, '')
  if (!isCleanText(text.normalize('NFC'))) warnings.push('removed characters that XML 1.0 forbids')
  return text.split(/\r\n|\r|\n/u).map((line, i) => ({ no: i + 1, text: cleanText(line).trim() }))
}

/** `08:04 ,01/04/2016` → `08:04, 01/04/2016`: spacing is not worth an error. */
function tidyDate(text: string): string {
  return text.replace(/\s*,\s*/u, ', ').replace(/\s+/gu, ' ')
}

/** Footer labels by their slug, so `Tòa soạn`/`Toà soạn`/`TÒA SOẠN` all match. */
const FOOTER_FIELDS: Record<string, 'editorInChief' | 'deputyEditors' | 'address' | 'phone' | 'email'> = {
  'tong-bien-tap': 'editorInChief',
  'pho-tong-bien-tap': 'deputyEditors',
  'toa-soan': 'address',
  'dia-chi': 'address',
  'dien-thoai': 'phone',
  email: 'email',
  'e-mail': 'email',
}

/** Reads `Label: value` lines; one line may carry several, split by `;` (`Điện thoại: …; Email: …`). */
function parseFooter(name: string, lines: Line[], warnings: string[]): DumpFooter {
  const footer: DumpFooter = { name }
  for (const line of lines) {
    for (const part of line.text.split(/\s*;\s*/u).filter(Boolean)) {
      const colon = part.indexOf(':')
      const field = colon > 0 ? FOOTER_FIELDS[slugify(part.slice(0, colon))] : undefined
      const value = part.slice(colon + 1).trim()
      if (!field || !value) {
        warnings.push(`line ${line.no}: footer line not understood: ${JSON.stringify(part)}`)
      } else if (field === 'deputyEditors') {
        footer.deputyEditors = value.split(/\s*,\s*|\s+và\s+/u).filter(Boolean)
      } else {
        footer[field] = value
      }
    }
  }
  return footer
}

export interface FooterDifference {
  field: 'editorInChief' | 'deputyEditors' | 'address' | 'phone' | 'email'
  /** null when the footer did not print this line. */
  footer: string | null
  masthead: string
}

const squash = (s: string) => s.normalize('NFC').replace(/\s+/gu, ' ').trim()

/**
 * Where a dump's footer disagrees with the configured masthead: a sign the dump is from another
 * period (a new editor) or the configuration is stale. Phones compare by digits, emails by case.
 */
export function compareFooter(footer: DumpFooter, masthead: Masthead): FooterDifference[] {
  const same: Record<FooterDifference['field'], (a: string, b: string) => boolean> = {
    editorInChief: (a, b) => squash(a) === squash(b),
    deputyEditors: (a, b) => squash(a) === squash(b),
    address: (a, b) => squash(a) === squash(b),
    phone: (a, b) => a.replace(/\D/gu, '') === b.replace(/\D/gu, ''),
    email: (a, b) => a.trim().toLowerCase() === b.trim().toLowerCase(),
  }
  const differences: FooterDifference[] = []
  for (const field of Object.keys(same) as FooterDifference['field'][]) {
    const ours = field === 'deputyEditors' ? masthead.deputyEditors.join(', ') : masthead[field]
    const theirs = field === 'deputyEditors' ? footer.deputyEditors?.join(', ') : footer[field]
    if (theirs === undefined || !same[field](theirs, ours)) differences.push({ field, footer: theirs ?? null, masthead: ours })
  }
  return differences
}

const paragraphHtml = (text: string) => `<p>${escapeHtml(text)}</p>`
const figureHtml = (caption: string) => `<figure><figcaption>${escapeHtml(caption)}</figcaption></figure>`

/** Parses one dump. Never throws; an unusable file gives the first line at fault and why. */
export function parseDump(raw: string, options: DumpOptions = {}): DumpResult {
  const warnings: string[] = []
  const lines = readLines(raw, warnings)
  const nonBlank = (from: number) => {
    for (let i = from; i < lines.length; i++) if (lines[i]!.text !== '') return i
    return -1
  }

  const t = nonBlank(0)
  if (t < 0) return { ok: false, line: 1, reason: 'empty file: expected a title, a date line and the article text' }
  const title = lines[t]!
  if (parseNewsroomTime(tidyDate(title.text), options.timeZone ?? DEFAULT_TIME_ZONE))
    return { ok: false, line: title.no, reason: 'missing title: the file starts with the date line' }
  if (t > 0) warnings.push(`line ${title.no}: blank lines before the title`)

  const d = nonBlank(t + 1)
  if (d < 0) return { ok: false, line: title.no + 1, reason: 'missing date line: the file ends after the title' }
  const dateLine = lines[d]!
  const published = tidyDate(dateLine.text)
  if (!parseNewsroomTime(published, options.timeZone ?? DEFAULT_TIME_ZONE)) {
    return DATE_SHAPED.test(published) && published.length <= 40
      ? { ok: false, line: dateLine.no, reason: `unreadable date ${JSON.stringify(dateLine.text)}: expected a real day and time as "HH:mm, dd/MM/yyyy"` }
      : { ok: false, line: dateLine.no, reason: 'missing date line: expected "HH:mm, dd/MM/yyyy" on the line after the title' }
  }

  // The footer starts at the last line ending in the upper-case paper name. Upper case only: the
  // body may well say "Báo Nam Định điện tử" in running text.
  const marker = (options.masthead?.name ?? DEFAULT_MASTHEAD.name).toUpperCase()
  let body = lines.slice(d + 1)
  let footer: DumpFooter | undefined
  let footerLine: number | undefined
  let byline: Line | undefined
  const m = body.findLastIndex((l) => l.text.endsWith(marker))
  if (m >= 0) {
    const markerLine = body[m]!
    footerLine = markerLine.no
    footer = parseFooter(marker, body.slice(m + 1).filter((l) => l.text !== ''), warnings)
    const glued = markerLine.text.slice(0, -marker.length).trim()
    body = body.slice(0, m)
    if (glued && looksLikeByline(glued)) byline = { no: markerLine.no, text: glued }
    else if (glued) {
      // Text glued to the marker that is no credit is the article's last paragraph, not to be lost.
      body.push({ no: markerLine.no, text: glued })
      warnings.push(`line ${markerLine.no}: text before ${marker} is not a byline; kept as a paragraph`)
    }
  } else {
    warnings.push(`no footer: no line ends with ${marker}`)
  }

  body = body.filter((l) => l.text !== '')
  // Without a glued byline, the byline is the last line of the body if it looks like one (see
  // looksLikeByline); never the only line, and never a caption (a line equal to its predecessor).
  if (!byline && body.length > 1) {
    const last = body[body.length - 1]!
    const before = body[body.length - 2]!
    if (!(before.text === last.text && before.no === last.no - 1) && looksLikeByline(last.text)) {
      byline = last
      body = body.slice(0, -1)
    }
  }
  if (!byline) warnings.push('no byline found')

  if (body.length === 0) {
    return { ok: false, line: footerLine ?? dateLine.no, reason: 'empty body: no article text after the date line' }
  }

  // Consecutive identical lines (no blank line between) are one photo caption, kept in place.
  type Block = { kind: 'p' | 'caption'; text: string }
  const blocks: Block[] = []
  for (let i = 0; i < body.length; i++) {
    const line = body[i]!
    let j = i
    while (j + 1 < body.length && body[j + 1]!.no === body[j]!.no + 1 && body[j + 1]!.text === line.text) j++
    if (j > i) {
      if (j - i > 1) warnings.push(`line ${line.no}: caption repeated ${j - i + 1} times; kept once`)
      blocks.push({ kind: 'caption', text: line.text })
      i = j
    } else {
      const prev = blocks[blocks.length - 1]
      if (prev?.kind === 'p' && prev.text === line.text) warnings.push(`line ${line.no}: paragraph repeated after a blank line`)
      blocks.push({ kind: 'p', text: line.text })
    }
  }

  const paragraphs = blocks.filter((b) => b.kind === 'p').map((b) => b.text)
  const captions = blocks.filter((b) => b.kind === 'caption').map((b) => b.text)
  const input: ArticleInput = {
    title: title.text,
    published,
    ...(options.section !== undefined && { section: options.section }),
    ...(byline && { byline: byline.text }),
  }
  if (captions.length === 0) {
    input.paragraphs = paragraphs
  } else {
    // The schema takes content or paragraphs, not both: with a figure in place the HTML is built here,
    // the same way buildArticle builds it from paragraphs, and so is the summary.
    input.content = blocks.map((b) => (b.kind === 'p' ? paragraphHtml(b.text) : figureHtml(b.text))).join('\n')
    input.summary = summarize(paragraphs.length > 0 ? paragraphs : captions)
    input.image = { caption: captions[0]! }
  }
  return {
    ok: true,
    input,
    ...(footer && { footer }),
    lines: {
      title: title.no,
      published: dateLine.no,
      body: body[0]!.no,
      ...(byline && { byline: byline.no }),
      ...(footerLine !== undefined && { footer: footerLine }),
    },
    warnings,
  }
}
