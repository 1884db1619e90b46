/**
 * Text hygiene for everything that reaches a feed: NFC, and no code points that XML 1.0 forbids.
 * XML 1.0 allows #x9 | #xA | #xD | [#x20-#xD7FF] | [#xE000-#xFFFD] | [#x10000-#x10FFFF]; lone
 * surrogates are illegal too (they are not characters at all).
 */
const XML_ILLEGAL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/gu

/**
 * Code units that may start an XML_ILLEGAL match (every surrogate, paired or not). Without the `u` flag
 * and lookarounds this scans ~7× faster, so text with none of them (most text: no controls, no emoji)
 * skips the exact pattern; feeds clean every field of every item on each render.
 */
const MAYBE_ILLEGAL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uD800-\uDFFF\uFFFE\uFFFF]/

/** Removes characters illegal in XML 1.0 and normalises to NFC. */
export function cleanText(text: string): string {
  return (MAYBE_ILLEGAL.test(text) ? text.replace(XML_ILLEGAL, '') : text).normalize('NFC')
}

/** Every run of whitespace (line breaks included) as one space, none at the ends. */
export function squashSpace(text: string): string {
  return text.replace(/\s+/gu, ' ').trim()
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
