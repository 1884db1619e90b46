import { beforeEach, describe, expect, it } from 'vitest'
import { itemCache, RENDER_VERSION } from '../../src/feeds/items'
import { hex, sha256 } from '../../src/utils/hash'
import type { FeedFormat } from '../../src/feeds/model'
import { forgetTemplates } from '../../src/feeds/templates'
import { article, renderAll } from '../../fixtures/feed'
import { goldenCases } from './golden/cases'
import atom from './golden/page.atom.xml?raw'
import json from './golden/page.json?raw'
import rss from './golden/page.rss.xml?raw'

/**
 * The golden documents were written by the renderer before item templates (commit 4763940: feed told
 * every value, each item rendered whole), so each test here shows templates change no byte of output,
 * however the items and templates a page uses were come by.
 */
const GOLDEN: Record<FeedFormat, string> = { rss, atom, json }
const FORMATS = Object.keys(GOLDEN) as FeedFormat[]

/**
 * The golden documents each renderer version writes, by SHA-256. Items are stored with their articles under
 * the renderer's version (src/feeds/outputs.ts): output that changes under the same version would leave old
 * items in feeds. When the documents change on purpose, bump RENDER_VERSION and add its line here.
 */
const GOLDEN_OF_VERSION: Record<number, string> = {
  1: 'ff6da4640c1099e076fa06e2d47fcfaf4c9164571d85364425fb826b68db57e3',
}

beforeEach(() => {
  itemCache.clear()
  forgetTemplates()
})

describe('golden page (hard cases) through item templates', () => {
  it('is byte for byte what feed wrote with every value, in a fresh isolate', () => {
    const docs = renderAll(goldenCases())
    for (const format of FORMATS) expect(docs[format]).toBe(GOLDEN[format])
  })

  it('is the same with every template made for other articles of the same shapes', () => {
    // The same shapes (the same fields, photos, bylines, sources) with other text, ids and times.
    const others = goldenCases().map((a, i) =>
      article({ ...a, id: `2015-01-0${i + 1}-khac`, title: `Khác ${i} & <x>`, published: '2015-01-01T16:59:00.000Z', rev: `o${i}` }),
    )
    renderAll(others)
    itemCache.clear()
    const docs = renderAll(goldenCases())
    for (const format of FORMATS) expect(docs[format]).toBe(GOLDEN[format])
  })

  it('is the same from kept items, and from a mix of kept and fresh ones', () => {
    renderAll(goldenCases().slice(2, 5))
    const mixed = renderAll(goldenCases())
    const kept = renderAll(goldenCases())
    for (const format of FORMATS) expect([mixed[format], kept[format]]).toEqual([GOLDEN[format], GOLDEN[format]])
  })

  it('belongs to the renderer version items are stored under', async () => {
    expect(hex(await sha256(rss + atom + json)), `new output: bump RENDER_VERSION (now ${RENDER_VERSION})`).toBe(
      GOLDEN_OF_VERSION[RENDER_VERSION],
    )
  })
})
