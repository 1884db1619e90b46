/**
 * MIME types of the images an article may carry, by file extension: what the schema fills in when the
 * newsroom gives none, and what the feeds fall back on for an image stored without a usable type.
 */
export const IMAGE_TYPES: Readonly<Record<string, string>> = {
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  jpe: 'image/jpeg',
  png: 'image/png',
  gif: 'image/gif',
  webp: 'image/webp',
  avif: 'image/avif',
  svg: 'image/svg+xml',
}
