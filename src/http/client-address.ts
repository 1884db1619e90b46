import ipaddr from 'ipaddr.js'

/**
 * The client a request counts against, from its CF-Connecting-IP: an IPv4 address as it is (`1.2.3.4`;
 * an IPv4-mapped IPv6 address `::ffff:1.2.3.4` is that IPv4 address), an IPv6 address by its /64
 * (`2001:db8:1:2::/64`): one subscriber gets a whole /64 and picks any address in it, so counting single
 * IPv6 addresses would give one attacker 2^64 quotas. Every spelling of an address (`::` compression,
 * leading zeros, case, a zone id) gives the same key. Null when the text is no address: the caller then
 * has no client to count (see login-limit.ts).
 */
export function clientKey(header: string | null | undefined): string | null {
  const text = header?.trim() ?? ''
  if (ipaddr.IPv4.isValidFourPartDecimal(text)) return ipaddr.IPv4.parse(text).toString()
  if (!ipaddr.IPv6.isValid(text)) return null
  const address = ipaddr.IPv6.parse(text)
  if (address.isIPv4MappedAddress()) return address.toIPv4Address().toString()
  const network = new ipaddr.IPv6([...address.parts.slice(0, 4), 0, 0, 0, 0])
  return `${network.toString()}/64`
}
