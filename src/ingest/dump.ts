/**
 * Parser for the newsroom CMS's plain-text article dump:
 *
 *     Title
 *
 *     08:04, 01/04/2016
 *
 *     Paragraph…
 *
 *     Photo caption.            ← a caption is the same line printed twice in a row (a blank
 *     Photo caption.              line between the copies is allowed)
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
import { parseFooter, type DumpFooter, type Line } from './footer'
import { looksLikeByline } from '../articles/byline'
import type { ArticleInput } from '../articles/schema'
import { summarize } from '../articles/summary'
import { cleanText, escapeHtml, isCleanText } from '../text/normalize'
import { DEFAULT_TIME_ZONE, parseNewsroomTime } from '../time/zone'

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
  { ok: true; input: ArticleInput; footer?: DumpFooter; lines: DumpLines; warnings: string[] } | { ok: false; line: number; reason: string }

export interface DumpOptions {
  /** Section slug or name, passed through to the input. */
  section?: string
  /** Zone the date line is read in; only to validate it here (buildArticle reads it again). */
  timeZone?: string
  /** Whose footer to expect; its name, upper-cased, is the footer marker. */
  masthead?: Pick<Masthead, 'name'>
}

/** A date line: `08:04, 01/04/2016`, `8:04, 1/4/2016`, and the other forms parseNewsroomTime reads. */
const DATE_SHAPED = /^\d{1,4}\s*[:/.\-h]\s*\d/u

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

type Block = { kind: 'p' | 'caption'; text: string }

/** Longest line read as a caption when its copies are apart; a longer repeat is a pasted paragraph. */
const CAPTION_MAX = 300

/**
 * The body's blocks, in order. A line printed again right after itself is a photo caption, kept once,
 * whether the copies are on adjacent lines (the CMS's way) or a blank line apart (an editor's retyping);
 * a long line repeated across a blank line is a paragraph pasted twice, also kept once.
 */
function toBlocks(body: Line[], warnings: string[]): Block[] {
  const blocks: Block[] = []
  for (let i = 0; i < body.length; i++) {
    const line = body[i]!
    let j = i
    while (j + 1 < body.length && body[j + 1]!.text === line.text) j++
    const copies = j - i + 1
    const adjacent = body.slice(i + 1, j + 1).some((l, k) => l.no === body[i + k]!.no + 1)
    if (copies === 1) blocks.push({ kind: 'p', text: line.text })
    else if (adjacent || line.text.length <= CAPTION_MAX) {
      if (copies > 2) warnings.push(`line ${line.no}: caption repeated ${copies} times; kept once`)
      blocks.push({ kind: 'caption', text: line.text })
    } else {
      warnings.push(`line ${line.no}: paragraph repeated ${copies} times; kept once`)
      blocks.push({ kind: 'p', text: line.text })
    }
    i = j
  }
  return blocks
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
      ? {
          ok: false,
          line: dateLine.no,
          reason: `unreadable date ${JSON.stringify(dateLine.text)}: expected a real day and time as "HH:mm, dd/MM/yyyy"`,
        }
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
    footer = parseFooter(
      marker,
      body.slice(m + 1).filter((l) => l.text !== ''),
      warnings,
    )
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
  // looksLikeByline); never the only line, and never a caption (a line equal to the one before it).
  if (!byline && body.length > 1) {
    const last = body[body.length - 1]!
    if (body[body.length - 2]!.text !== last.text && looksLikeByline(last.text)) {
      byline = last
      body = body.slice(0, -1)
    }
  }
  if (!byline) warnings.push('no byline found')

  if (body.length === 0) {
    return { ok: false, line: footerLine ?? dateLine.no, reason: 'empty body: no article text after the date line' }
  }

  const blocks = toBlocks(body, warnings)
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
