import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { clientKey } from '../../src/http/client-address'

describe('clientKey', () => {
  it.each([
    ['203.0.113.7', '203.0.113.7'],
    [' 203.0.113.7 ', '203.0.113.7'],
    ['::ffff:203.0.113.7', '203.0.113.7'],
    ['::FFFF:cb00:7107', '203.0.113.7'],
    ['0:0:0:0:0:ffff:203.0.113.7', '203.0.113.7'],
    ['2001:db8:1:2:3:4:5:6', '2001:db8:1:2::/64'],
    ['2001:0DB8:0001:0002::9', '2001:db8:1:2::/64'],
    ['2001:db8::1', '2001:db8::/64'],
    ['2001:db8:0:0:1::', '2001:db8::/64'],
    ['fe80::1%eth0', 'fe80::/64'],
    ['::1', '::/64'],
    ['::', '::/64'],
  ])('%j counts as %s', (header, key) => {
    expect(clientKey(header)).toBe(key)
  })

  it.each([
    undefined,
    null,
    '',
    '   ',
    'unknown',
    '1.2.3',
    '01.2.3.4',
    '256.1.1.1',
    '1.2.3.4, 5.6.7.8',
    '2001:db8::1::2',
    '[2001:db8::1]',
    '::ffff:1.2.3.4.5',
    '2001:db8::1/64',
  ])('%j is no address', (header) => {
    expect(clientKey(header)).toBeNull()
  })

  const group = fc.integer({ min: 0, max: 0xffff })
  const groups = fc.array(group, { minLength: 8, maxLength: 8 })
  /** Every group written out, upper or lower case, with or without leading zeros. */
  const spell = (parts: number[], upper: boolean, pad: boolean) =>
    parts
      .map((p) => (pad ? p.toString(16).padStart(4, '0') : p.toString(16)))
      .join(':')
      [upper ? 'toUpperCase' : 'toLowerCase']()
  /** The same address with its longest run of zero groups written as `::`. */
  const compress = (parts: number[]) => {
    let best = { at: -1, length: 0 }
    for (let i = 0; i < 8; i++) {
      let n = 0
      while (i + n < 8 && parts[i + n] === 0) n++
      if (n > best.length) best = { at: i, length: n }
    }
    if (best.length < 2) return spell(parts, false, false)
    const hex = (ps: number[]) => ps.map((p) => p.toString(16)).join(':')
    return `${hex(parts.slice(0, best.at))}::${hex(parts.slice(best.at + best.length))}`
  }

  it('gives every spelling of an IPv6 address, and every address of its /64, the same key', () => {
    fc.assert(
      fc.property(groups, groups, fc.boolean(), fc.boolean(), (address, other, upper, pad) => {
        // An IPv4-mapped address is an IPv4 client, tested above.
        fc.pre(!(address.slice(0, 5).every((g) => g === 0) && address[5] === 0xffff))
        const key = clientKey(spell(address, upper, pad))
        expect(key).toMatch(/\/64$/)
        expect(clientKey(compress(address))).toBe(key)
        expect(clientKey(spell([...address.slice(0, 4), ...other.slice(4)], !upper, !pad))).toBe(key)
      }),
    )
  })

  it('gives addresses of different /64 networks different keys', () => {
    fc.assert(
      fc.property(groups, groups, (a, b) => {
        fc.pre(a.slice(0, 4).join() !== b.slice(0, 4).join())
        expect(clientKey(spell(a, false, false))).not.toBe(clientKey(spell(b, false, false)))
      }),
    )
  })
})
