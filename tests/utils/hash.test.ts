import { describe, expect, it } from 'vitest'
import { fromHex, hashSource, hex, keptDigest, rememberDigest, sha256 } from '../../src/utils/hash'
import { utf8Bytes } from '../../src/utils/bytes'

describe('hash', () => {
  it('hashes text or bytes with SHA-256 and prints it as hex or as a CSP source', async () => {
    // FIPS 180-2 test vector for "abc".
    const digest = await sha256('abc')
    expect(hex(digest)).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad')
    expect(hex(digest, 4)).toBe('ba7816bf')
    expect(hex(await sha256(new Uint8Array([0x61, 0x62, 0x63])))).toBe(hex(digest))
    expect(await hashSource('abc')).toBe("'sha256-ungWv48Bz+pBQUDeXa4iI7ADYaOWF3qctBD/YfIAFa0='")
  })

  it('reads hex back into the digest, and nothing else as one', async () => {
    const digest = await sha256('Nam Định')
    expect(hex(fromHex(hex(digest)) as ArrayBuffer)).toBe(hex(digest))
    for (const bad of ['', hex(digest).slice(1), hex(digest).toUpperCase(), `${hex(digest).slice(0, 63)}g`]) expect(fromHex(bad)).toBeNull()
  })

  it('keeps the digest of kept bytes, or the one it is told', async () => {
    const bytes = utf8Bytes('Đền Trần')
    expect(hex(await keptDigest(bytes))).toBe(hex(await sha256(bytes)))
    const told = utf8Bytes('x')
    rememberDigest(told, await sha256('y'))
    expect(hex(await keptDigest(told))).toBe(hex(await sha256('y')))
  })
})
