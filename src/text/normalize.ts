/**
 * Text hygiene for everything that reaches a feed: NFC, and no code points that XML 1.0 forbids.
 * XML 1.0 allows #x9 | #xA | #xD | [#x20-#xD7FF] | [#xE000-#xFFFD] | [#x10000-#x10FFFF]; lone
 * surrogates are illegal too (they are not characters at all).
 */
const XML_ILLEGAL =
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/gu

/**
 * Code units that may start an XML_ILLEGAL match (every surrogate, paired or not). Without the `u` flag
 * and lookarounds this scans ~7× faster, so text with none of them (most text: no controls, no emoji)
 * skips the exact pattern; feeds clean every field of every item on each render.
 */
const MAYBE_ILLEGAL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uD800-\uDFFF\uFFFE\uFFFF]/

/**
 * Text made only of these characters is already clean: tab, LF, printable ASCII, Latin-1 and Latin
 * Extended-A/B (U+00A0–U+02FF), Latin Extended Additional (U+1E00–U+1EFF: Vietnamese letters with their
 * tone marks), general punctuation (U+2010–U+2027, U+2030–U+205E) and currency signs (U+20A0–U+20C0).
 * None is illegal in XML, none is changed by NFC, none is a mark that combines with what comes before it
 * (tests/text/normalize.test.ts checks each one and each pair against the runtime's Unicode data). CR is
 * left out: feeds change it (feeds/view.ts). Vietnamese text is all of these; one scan proves it, where
 * the exact path below takes two.
 */
export const CLEAN_TEXT = /^[\t\n\x20-\x7E\u00A0-\u02FF\u1E00-\u1EFF\u2010-\u2027\u2030-\u205E\u20A0-\u20C0]*$/

/** Removes characters illegal in XML 1.0 and normalises to NFC. */
export function cleanText(text: string): string {
  if (CLEAN_TEXT.test(text)) return text
  return (MAYBE_ILLEGAL.test(text) ? text.replace(XML_ILLEGAL, '') : text).normalize('NFC')
}

/** Every run of whitespace (line breaks included) as one space, none at the ends. */
export function squashSpace(text: string): string {
  // Same as replacing every /\s+/ run, but a lone ' ' (most of them, between words) is left alone
  // instead of replaced by itself: ~4× faster on article text.
  return text.replace(/\s{2,}|[^\S ]/gu, ' ').trim()
}

/** True when `cleanText` would change nothing. */
export function isCleanText(text: string): boolean {
  return cleanText(text) === text
}

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }

/** Escapes text for HTML/XML element content and quoted attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => HTML_ESCAPES[ch] ?? ch)
}

/**
 * ASCII slug from Vietnamese text: `Đời sống` → `doi-song`. NFD splits the tone and vowel marks off
 * their letters so they can be dropped; đ/Đ is its own letter (no decomposition), so it is mapped first.
 */
export function slugify(text: string): string {
  return text
    .replace(/[đĐ]/g, 'd')
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
}

/** What an id or section/author slug must look like: lowercase ASCII words joined by single hyphens. */
export const SLUG_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/
