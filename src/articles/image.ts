import type { ArticleImage } from './model'

/**
 * MIME types of the images an article may carry, by file extension: what the schema fills in when the
 * newsroom gives none, and what the feeds fall back on for an image stored without a usable type.
 * A Map, not an object literal: a URL ending `.__proto__` or `.constructor` must find nothing.
 */
const IMAGE_TYPES: ReadonlyMap<string, string> = new Map([
  ['jpg', 'image/jpeg'],
  ['jpeg', 'image/jpeg'],
  ['jpe', 'image/jpeg'],
  ['png', 'image/png'],
  ['gif', 'image/gif'],
  ['webp', 'image/webp'],
  ['avif', 'image/avif'],
  ['svg', 'image/svg+xml'],
])

/** The image type its URL's file extension names, if it names one we know (`…/a.JPG` → image/jpeg). */
export function imageTypeOf(url: string): string | undefined {
  let ext: string | undefined
  try {
    ext = new URL(url).pathname.split('/').pop()?.split('.').pop()?.toLowerCase()
  } catch {
    return undefined
  }
  return ext === undefined ? undefined : IMAGE_TYPES.get(ext)
}

/** The stored image of validated input: its type named or derived from its URL, empty fields left out. */
export function articleImage(input: {
  url?: string | undefined
  caption?: string | undefined
  type?: string | undefined
  length?: number | undefined
}): ArticleImage {
  const type = input.type ?? (input.url ? imageTypeOf(input.url) : undefined)
  return {
    ...(input.url !== undefined && { url: input.url }),
    ...(input.caption && { caption: input.caption }),
    ...(type && { type }),
    ...(input.length !== undefined && { length: input.length }),
  }
}
