/**
 * xml-js, feed's XML writer, escapes the values it is given wrongly:
 * - text: it first turns every `&amp;` back into `&` ("to avoid double escaping"), so `A &amp; B` comes out `A &amp; B`
 *   and reads `A & B`;
 * - CDATA: it splits only the first `]]>`, so a second one ends the section and what follows is read as markup;
 * - attributes: it escapes only `"`, so a `<` makes the document ill-formed, and tabs and line breaks are read as
 *   spaces.
 * So every value is encoded here for its slot and handed to feed as a token, `\u0002<n>\u0002` (U+0002 is not
 * allowed in XML and cleanText strips it from all text, so only tokens carry it), which xml-js copies untouched;
 * `fill` swaps the encodings in, replacing any CDATA section feed wrapped around a token. Only tokens, never
 * long bodies, go through xml-js's string building.
 */

const TOKEN = /(?:<!\[CDATA\[)?\u0002(\d+)\u0002(?:\]\]>)?/g

/**
 * A URL feed is given: it parses every URL of an item (`new URL(url).toString()`, then `&` → `&amp;`), so
 * a `\u0002` token there would throw; this one is a URL that prints as itself. It is only handed to feed in
 * item templates (../templates.ts), which hold nothing but feed's markup, our constants and tokens, so
 * nothing else in them can look like it; the channel, which has raw URLs, never uses it.
 */
const URL_TOKEN = 'urn:x-vnf:'

/** A token in an item template: either kind; its number is the first group that matched. */
export const XML_ITEM_TOKEN = new RegExp(`${TOKEN.source}|${URL_TOKEN}(\\d+)`, 'g')

/** Hexadecimal references in plain text, as the RSS Profile asks (the W3C validator warns on `&amp;`/`&lt;` there). */
const TEXT_ESCAPES: Record<string, string> = { '&': '&#x26;', '<': '&#x3C;', '>': '&#x3E;' }
const MARKUP_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;' }
const ATTR_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '"': '&quot;', '\t': '&#9;', '\n': '&#10;', '\r': '&#13;' }

const CDATA_OPEN = '<![CDATA['
const CDATA_CLOSE = ']]>'
/** `]]>` inside CDATA: the section ends after `]]` and a new one starts with `>`. */
const CDATA_SPLIT = ']]]]><![CDATA[>'

/** Occurrences of `]]>`. */
function cdataEnds(text: string): number {
  let n = 0
  for (let at = text.indexOf(CDATA_CLOSE); at >= 0; at = text.indexOf(CDATA_CLOSE, at + CDATA_CLOSE.length)) n++
  return n
}

/** Whether escaping `text` costs fewer extra characters than `budget`; stops scanning once it does not. */
function escapesWithin(text: string, budget: number): boolean {
  const special = /[&<>]/g
  let extra = 0
  while (special.exec(text)) {
    extra += text[special.lastIndex - 1] === '&' ? 4 : 3
    if (extra >= budget) return false
  }
  return true
}

/**
 * HTML (or any text) as element content, in whichever form is shorter: a CDATA section (each `]]>` split,
 * 12 more characters) or escaped text (`]]>` becomes `]]&gt;`, 3 more). So a body of `]]>`s costs 2× its
 * length rather than 5×, and ordinary HTML stays readable in CDATA.
 */
export function markupContent(text: string): string {
  const ends = cdataEnds(text)
  const cdataExtra = CDATA_OPEN.length + CDATA_CLOSE.length + ends * (CDATA_SPLIT.length - CDATA_CLOSE.length)
  if (escapesWithin(text, cdataExtra)) return text.replace(/[&<>]/g, (c) => MARKUP_ESCAPES[c] ?? c)
  return CDATA_OPEN + (ends ? text.replaceAll(CDATA_CLOSE, CDATA_SPLIT) : text) + CDATA_CLOSE
}

/**
 * What feed and xml-js print for a URL handed to feed, exactly: feed's `new URL(url).toString()` with `&`
 * as `&amp;`, then xml-js's text escaping (which first turns `&amp;` back into `&`, so the two make every
 * `&` one `&amp;`) or its attribute quoting. http(s) URLs print no `<`, `>` or `"`; a tag: URI may.
 */
const URL_ESCAPES = {
  text: (href: string) => href.replace(/[&<>]/g, (c) => MARKUP_ESCAPES[c] ?? c),
  attribute: (href: string) => href.replace(/&/g, '&amp;').replace(/"/g, '&quot;'),
}

/** The values of one document (or one item) being written by feed. */
export interface XmlValues {
  /** Plain text as element content. */
  text(value: string): string
  /** HTML as element content (see markupContent). */
  markup(value: string): string
  /** An attribute value we set ourselves, whitespace kept. */
  attr(value: string): string
  /** A URL feed parses, printed where feed prints it (items only; throws as feed does on an invalid one). */
  url(value: string, slot: keyof typeof URL_ESCAPES): string
  /** Each token's encoding, by number. */
  readonly encoded: readonly string[]
  /** feed's output with every token replaced by its encoding. */
  fill(xml: string): string
}

export function xmlValues(): XmlValues {
  const encoded: string[] = []
  // Empty stays empty: feed leaves out an element whose value is falsy.
  const token = (value: string) => (value === '' ? '' : `\u0002${encoded.push(value) - 1}\u0002`)
  return {
    text: (value) => token(value.replace(/[&<>]/g, (c) => TEXT_ESCAPES[c] ?? c)),
    markup: (value) => token(value && markupContent(value)),
    attr: (value) => token(value.replace(/[&<"\t\n\r]/g, (c) => ATTR_ESCAPES[c] ?? c)),
    url: (value, slot) => `${URL_TOKEN}${encoded.push(URL_ESCAPES[slot](new URL(value).toString())) - 1}`,
    encoded,
    fill: (xml) => xml.replace(TOKEN, (_, n: string) => encoded[Number(n)] ?? ''),
  }
}
