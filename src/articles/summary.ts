/**
 * An article's summary when the newsroom gives none: the first paragraph's text, cut at a word boundary.
 * Shared by the schema and the dump parser, which builds content HTML itself when a caption sits between
 * paragraphs and must summarise the same way.
 */
import { squashSpace } from '../text/normalize'

/** A summary's length at most, before its ellipsis. */
export const SUMMARY_CHARS = 300

/** The summary of these paragraphs (plain text): the first non-empty one, at most SUMMARY_CHARS and an ellipsis. */
export function summarize(paragraphs: string[]): string {
  const first = squashSpace(paragraphs.find((p) => p.trim() !== '') ?? '')
  if (first.length <= SUMMARY_CHARS) return first
  const cut = first.slice(0, SUMMARY_CHARS)
  return `${cut.slice(0, Math.max(cut.lastIndexOf(' '), 200))}…`
}
