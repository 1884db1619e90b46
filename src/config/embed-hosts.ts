import { ConfigError } from '../errors/config-error'
import { text } from './vars'

/** A host name (`cdn.baonamdinh.vn`), or `*.` and one, meaning any subdomain of it (as in a CSP source). */
const HOST = /^(\*\.)?([a-z0-9]([a-z0-9-]*[a-z0-9])?\.)*[a-z0-9]([a-z0-9-]*[a-z0-9])?$/

/** The same site's other common name: `www.` added or taken off (none for an IP address or a one-label host). */
function wwwVariant(host: string): string[] {
  if (host.startsWith('www.')) return [host.slice(4)]
  return /^[\d.]+$|:|^[^.]+$/.test(host) ? [] : [`www.${host}`]
}

/** One EMBED_HOSTS entry, lower case, a non-ASCII name as its A-label (punycode, the form browsers compare). */
function hostName(given: string): string {
  const wildcard = given.startsWith('*.') ? '*.' : ''
  const name = given.slice(wildcard.length)
  // Only a bare name: a scheme, port or path would be parsed away silently by URL.
  const ascii = /^[^\s/:?#@[\]\\%]+$/u.test(name) && URL.canParse(`https://${name}/`) ? new URL(`https://${name}/`).hostname : ''
  if (!HOST.test(`${wildcard}${ascii}`))
    throw new ConfigError(`EMBED_HOSTS must list host names (e.g. cdn.baonamdinh.vn or *.baonamdinh.vn), got ${JSON.stringify(given)}`)
  return `${wildcard}${ascii}`
}

/**
 * The hosts the partner widget may link to and load thumbnails from: the paper's own site (SITE_URL's
 * host and its `www.`/bare variant) always, plus EMBED_HOSTS (comma-separated host names, e.g. the image
 * CDN; `*.example.vn` for every subdomain). A headline elsewhere links to the paper's home and shows no
 * thumbnail, so a partner's visitors are never seen by a third host.
 */
export function embedHosts(value: string | undefined, siteUrl: string): string[] {
  const site = new URL(siteUrl).hostname
  const extra = (text(value) ?? '').split(',').flatMap((entry) => {
    const given = entry.trim()
    return given ? [hostName(given)] : []
  })
  return [...new Set([site, ...wwwVariant(site), ...extra])]
}
