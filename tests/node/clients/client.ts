import type { Format } from './cases'

/** One served feed document, as a client gets it: over HTTP (`url`) or as bytes (`body`, also saved at `file`). */
export interface ServedFeed {
  format: Format
  url: string
  body: string
  file: string
  contentType: string
}

/** An item as the client shows it, normalized so that one table of expectations serves every client. */
export interface ReaderItem {
  link: string | undefined
  title: string | undefined
  /** The names the client shows as the item's author, the one it shows first first. */
  authors: string[]
  /** ISO instant in UTC. */
  published: string | undefined
  /** The photo the client shows (its image field, or for a content-only reader the first `<img>` of the content). */
  image: string | undefined
  categories: string[]
}

/** What a client shows beyond the title and the time; the matrix asserts only what the client has. */
export type Shown = 'authors' | 'image' | 'categories'

export interface Client {
  name: string
  /** The formats the client reads, each with what it shows in that format. */
  shows: Partial<Record<Format, readonly Shown[]>>
  read(feed: ServedFeed): Promise<ReaderItem[]>
  /**
   * What no feed can make this client show, whatever it says (the matrix skips these, with the reason, which
   * must point at the client's source): for one case, or (no `case`) for every case of a format.
   */
  cannotShow?: ReadonlyArray<{ case?: string; format?: Format; property: string; why: string }>
}

/** First `<img src>` of an HTML fragment: the photo a reader that renders only the content shows. */
export function firstImage(html: string | undefined): string | undefined {
  const src = /<img\b[^>]*\bsrc\s*=\s*(?:"([^"]*)"|'([^']*)')/i.exec(html ?? '')
  return src ? (src[1] ?? src[2])!.replace(/&amp;/g, '&') : undefined
}

export function isoInstant(value: Date | string | number | null | undefined): string | undefined {
  if (value === null || value === undefined || value === '') return undefined
  const date = typeof value === 'number' ? new Date(value * 1000) : new Date(value)
  return Number.isNaN(date.getTime()) ? `unparseable: ${String(value)}` : date.toISOString()
}

/** Names without blanks or repeats, in first-seen order. */
export function names(values: ReadonlyArray<string | null | undefined>): string[] {
  return [...new Set(values.map((v) => v?.trim()).filter((v): v is string => !!v))]
}
