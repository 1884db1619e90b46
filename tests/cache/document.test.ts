import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { rendered } from '../../src/cache/document'

describe('rendered', () => {
  it('encodes a document given as pieces exactly as the same document given whole', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.string({ unit: 'grapheme' }), { maxLength: 20 }), async (parts) => {
        const [pieces, whole] = await Promise.all([rendered(parts, null), rendered(parts.join(''), null)])
        expect(pieces.etag).toBe(whole.etag)
        expect([...pieces.body]).toEqual([...new TextEncoder().encode(parts.join(''))])
      }),
      { numRuns: 300 },
    )
  })
})
