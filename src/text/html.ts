/**
 * The one markup policy for article HTML, applied once, when an article is built (admin API and
 * importer alike), so every feed and the embed carry the same safe fragment: text structure, links,
 * images, figures and tables; no scripts, styles, event handlers, frames, forms, `javascript:` or
 * `data:` URLs. sanitize-html parses with htmlparser2 (no DOM), so it runs unchanged in Workers.
 */
import { Parser } from 'htmlparser2'
import sanitize, { type IOptions, type Transformer } from 'sanitize-html'
import { squashSpace } from './normalize'

const TEXT = [
  'p',
  'br',
  'hr',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'blockquote',
  'pre',
  'code',
  'em',
  'strong',
  'b',
  'i',
  'u',
  's',
  'sub',
  'sup',
  'small',
  'mark',
  'q',
  'cite',
  'abbr',
  'span',
  'div',
]
const LISTS = ['ul', 'ol', 'li', 'dl', 'dt', 'dd']
const MEDIA = ['a', 'img', 'figure', 'figcaption', 'picture']
const TABLES = ['table', 'caption', 'colgroup', 'col', 'thead', 'tbody', 'tfoot', 'tr', 'th', 'td']

/** Absolute http(s) URL for `value` against the site (`/anh.jpg` → `https://baonamdinh.vn/anh.jpg`), or undefined. */
function absolute(value: string | undefined, base: string): string | undefined {
  if (value === undefined) return undefined
  let url: URL
  try {
    // One parse per attribute (canParse and then the constructor would parse it twice).
    url = new URL(value.trim(), base)
  } catch {
    return undefined
  }
  return url.protocol === 'http:' || url.protocol === 'https:' || url.protocol === 'mailto:' ? url.href : undefined
}

/** Resolves `attribute` against the site, dropping it when it is no http(s)/mailto URL. */
function resolving(attribute: 'href' | 'src', base: string): Transformer {
  return (tagName, attribs) => {
    const url = absolute(attribs[attribute], base)
    // Spread keeps the attributes' order, the resolved URL in its place.
    if (url !== undefined) return { tagName, attribs: { ...attribs, [attribute]: url } }
    const { [attribute]: _dropped, ...kept } = attribs
    return { tagName, attribs: kept }
  }
}

function options(base: string): IOptions {
  return {
    allowedTags: [...TEXT, ...LISTS, ...MEDIA, ...TABLES],
    allowedAttributes: {
      a: ['href', 'title', 'hreflang'],
      img: ['src', 'alt', 'title', 'width', 'height'],
      abbr: ['title'],
      q: ['cite'],
      blockquote: ['cite'],
      ol: ['start', 'reversed', 'type'],
      th: ['colspan', 'rowspan', 'scope', 'abbr'],
      td: ['colspan', 'rowspan'],
      col: ['span'],
      colgroup: ['span'],
    },
    allowedSchemes: ['http', 'https', 'mailto'],
    allowedSchemesByTag: { img: ['http', 'https'] },
    allowedSchemesAppliedToAttributes: ['href', 'src', 'cite'],
    allowProtocolRelative: false,
    // Dropped with their content: code and style sheets are never text.
    nonTextTags: ['script', 'style', 'textarea', 'option', 'noscript', 'template', 'title', 'iframe', 'object', 'svg', 'math'],
    disallowedTagsMode: 'discard',
    transformTags: { a: resolving('href', base), img: resolving('src', base) },
    // An image with no usable source is nothing to show.
    exclusiveFilter: (frame) => frame.tag === 'img' && !frame.attribs.src,
    parser: { decodeEntities: true },
  }
}

/** The allowed subset of `html`, with links and images made absolute against `base` (the site's URL). */
export function sanitizeHtml(html: string, base: string): string {
  return sanitize(html, options(base)).trim()
}

const BLOCKS = new Set([
  'p',
  'br',
  'div',
  'li',
  'tr',
  'td',
  'th',
  'figure',
  'figcaption',
  'blockquote',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'pre',
  'dt',
  'dd',
])

/**
 * The text of an HTML fragment, entities decoded, with a space where a block ends (for summaries).
 * With `atLeast`, parsing stops once the text is longer than that: the result is then the start of the
 * whole text (a summary needs only its first sentences, and an article's body can run to 200 000 characters).
 */
export function htmlToText(html: string, atLeast = Infinity): string {
  let text = ''
  // The raw text must grow past this before its squashed form can be longer than `atLeast`.
  let checkAt = atLeast
  const parser = new Parser(
    {
      ontext: (data) => void (text += data),
      onclosetag: (name) => void (BLOCKS.has(name) && (text += ' ')),
    },
    { decodeEntities: true },
  )
  // Small steps: the text is squashed to measure it, and squashing more than needed costs.
  const step = Number.isFinite(atLeast) ? 1024 : html.length
  for (let at = 0; at < html.length; at += step) {
    parser.write(html.slice(at, at + step))
    if (text.length > checkAt) {
      const squashed = squashSpace(text)
      if (squashed.length > atLeast) return squashed
      checkAt = text.length + atLeast - squashed.length
    }
  }
  parser.end()
  return squashSpace(text)
}
