import { describe, expect, it } from 'vitest'
import { cursorCodec, type Cursor } from '../../src/store/cursor'

const codec = cursorCodec('a test key of enough length')
const PREFIX = 'idx:sec:kinh-te:'
const CURSOR: Cursor = {
  c: 'AAAAAOW2lcONXcqVbRVuyhHJVTeX2EwlsJaoVk6-xrAV0c6t',
  k: `${PREFIX}8998540799999999:2016-04-01-khai-mac`,
  n: 3,
  p: { c: '', k: `${PREFIX}8998540799999000:2016-04-02-be-mac`, n: 0 },
}

const refusal = (text: string, prefix = PREFIX) =>
  codec.decode(text, prefix).then(
    () => 'accepted',
    (error: Error) => error.message,
  )

describe('paging cursor', () => {
  it('round-trips, in URL-safe characters only', async () => {
    for (const cursor of [CURSOR, { ...CURSOR, p: null }, { c: '', k: `${PREFIX}x`, n: 0 }]) {
      const text = await codec.encode(cursor)
      expect(text).toMatch(/^[A-Za-z0-9_-]+$/)
      expect(await codec.decode(text, PREFIX)).toEqual(cursor)
    }
  })

  it('gives one page one text: the same cursor always encodes the same', async () => {
    expect(await codec.encode({ ...CURSOR })).toBe(await codec.encode(structuredClone(CURSOR)))
  })

  it('refuses a cursor signed with another key, altered, truncated or from another feed', async () => {
    const text = await codec.encode(CURSOR)
    expect(await refusal(await cursorCodec('some other key, also long').encode(CURSOR))).toMatch(/not one this service issued/)
    expect(await refusal(text.slice(0, -1))).toMatch(/not one this service issued/)
    expect(await refusal(text.slice(1))).toMatch(/not one this service issued/)
    expect(await refusal(`${text.slice(0, 10)}${text[10] === 'A' ? 'B' : 'A'}${text.slice(11)}`)).toMatch(/not one this service issued/)
    expect(await refusal(text, 'idx:sec:thoi-su:')).toMatch(/another feed/)
    expect(await refusal('')).toMatch(/not one this service issued/)
    expect(await refusal('%%%')).toMatch(/not one this service issued/)
  })
})
