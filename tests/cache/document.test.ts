import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { rendered } from '../../src/cache/document'

describe('rendered', () => {
  it('sends a document given as bytes as they are, with the ETag of the same document given as text', async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ unit: 'grapheme' }), async (text) => {
        const bytes = new TextEncoder().encode(text) as Uint8Array<ArrayBuffer>
        const [fromBytes, fromText] = await Promise.all([rendered(bytes, null), rendered(text, null)])
        expect(fromBytes.body).toBe(bytes)
        expect(fromBytes.etag).toBe(fromText.etag)
        expect([...fromText.body]).toEqual([...bytes])
      }),
      { numRuns: 300 },
    )
  })
})
