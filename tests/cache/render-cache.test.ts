import { afterEach, describe, expect, it } from 'vitest'
import { renderCache } from '../../src/cache'
import type { Entry } from '../../src/cache/render-cache'

const MiB = 1024 * 1024
const entry = (bytes: number): Entry => ({
  token: 't',
  checkedAt: 0,
  until: null,
  trusted: true,
  doc: { body: new Uint8Array(bytes), etag: '"x"', lastModified: null, headers: {} },
})

describe('render cache', () => {
  afterEach(() => renderCache.clear())

  it('keeps documents up to its per-document cap, the size of any feed page', () => {
    renderCache.set('page', entry(renderCache.maxEntryBytes))
    expect(renderCache.get('page')).toBeDefined()
    expect(renderCache.maxEntryBytes).toBeGreaterThanOrEqual(6 * MiB)
  })

  it('never keeps a document too big for it, and never evicts the others to make room for one', () => {
    for (const key of ['a', 'b', 'c']) renderCache.set(key, entry(8 * MiB))
    renderCache.set('small', entry(1_000))
    renderCache.set('huge', entry(renderCache.maxEntryBytes + 1))
    expect(renderCache.get('huge')).toBeUndefined()
    for (const key of ['a', 'b', 'c', 'small']) expect(renderCache.get(key), key).toBeDefined()
    renderCache.set('enormous', entry(100 * MiB))
    expect(renderCache.size).toBe(4)
  })

  it('drops the older render under a key whose new render is too big to keep', () => {
    renderCache.set('page', entry(1_000))
    renderCache.set('page', entry(renderCache.maxEntryBytes + 1))
    expect(renderCache.get('page')).toBeUndefined()
  })
})
