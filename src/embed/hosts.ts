/**
 * What a headline may point at: only hosts the paper configured (SiteConfig.embedHosts), so a partner's
 * visitors are seen by no third host. widget.js applies the same rule in the browser (it cannot import).
 */

/** `host` exactly, or for `*.example.vn` any subdomain of example.vn (as a CSP host source matches). */
function allowed(hostname: string, hosts: readonly string[]): boolean {
  return hosts.some((h) => (h.startsWith('*.') ? hostname.endsWith(h.slice(1)) : hostname === h))
}

/** The article's link, or the paper's home when it points anywhere else. */
export function headlineLink(url: string, home: string, hosts: readonly string[]): string {
  return URL.canParse(url) && allowed(new URL(url).hostname, hosts) ? url : home
}

/** The thumbnail when it is https (no mixed content on an https page) on a configured host; else none. */
export function headlineImage(url: string | undefined, hosts: readonly string[]): string | undefined {
  if (url === undefined || !URL.canParse(url)) return undefined
  const parsed = new URL(url)
  return parsed.protocol === 'https:' && allowed(parsed.hostname, hosts) ? url : undefined
}

/** The CSP `img-src` of the iframe document: the configured hosts over https, nothing else. */
export function imageSources(hosts: readonly string[]): string {
  return hosts.map((h) => `https://${h}`).join(' ')
}
