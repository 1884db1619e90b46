import { describe, expect, it } from 'vitest'
import { hashSource, hex, sha256 } from '../../src/utils/hash'

describe('hash', () => {
  it('hashes text or bytes with SHA-256 and prints it as hex or as a CSP source', async () => {
    // FIPS 180-2 test vector for "abc".
    const digest = await sha256('abc')
    expect(hex(digest)).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad')
    expect(hex(digest, 4)).toBe('ba7816bf')
    expect(hex(await sha256(new Uint8Array([0x61, 0x62, 0x63])))).toBe(hex(digest))
    expect(await hashSource('abc')).toBe("'sha256-ungWv48Bz+pBQUDeXa4iI7ADYaOWF3qctBD/YfIAFa0='")
  })
})
