/** An absolute http(s) URL that `new URL` accepts: what links, images and hubs must be. */
export function isHttpUrl(value: string): boolean {
  return /^https?:\/\//i.test(value) && URL.canParse(value)
}
