/**
 * Issue 11, finding 6: any value in the cursor's fields was accepted, so equivalent spellings of one
 * page's cursor were distinct cache keys, each costing a fresh list, bulk get and render. One page has
 * one cursor text now; every other spelling, forged or altered, is a 400 naming `cursor`.
 */
import { env } from 'cloudflare:test'
import { beforeAll, describe, expect, it } from 'vitest'
import { article } from '../../../fixtures/articles'
import { countingKv } from '../../../fixtures/counting-kv'
import { renderCache } from '../../../src/cache'
import { call, coldCaches, links, store } from '../../helpers/app'
import { clearKv } from '../../helpers/kv'

const toBase64Url = (text: string) =>
  btoa(String.fromCharCode(...new TextEncoder().encode(text)))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '')
const fromBase64Url = (text: string) =>
  new TextDecoder().decode(Uint8Array.from(atob(text.replace(/-/g, '+').replace(/_/g, '/')), (c) => c.charCodeAt(0)))

/** The cursor's JSON and what follows it (a signature, if any): the JSON is the longest prefix that decodes to JSON. */
function split(cursor: string): { json: string; tail: string } {
  for (let end = cursor.length; end > 0; end--) {
    try {
      const json = fromBase64Url(cursor.slice(0, end))
      JSON.parse(json)
      return { json, tail: cursor.slice(end) }
    } catch {
      // not this length
    }
  }
  throw new Error(`no JSON in cursor ${cursor}`)
}

/** Spellings of the same cursor that a lenient decoder reads as the same (or an equivalent) position. */
function variants(cursor: string): string[] {
  const { json, tail } = split(cursor)
  const value: unknown = JSON.parse(json)
  const respelled = (text: string) => toBase64Url(text) + tail
  const out = new Set<string>()
  for (let indent = 1; indent <= 10; indent++) out.add(respelled(JSON.stringify(value, null, indent)))
  out.add(respelled(JSON.stringify(value, null, '\t')))
  for (const space of [' ', '\n', '\t', '\r\n']) {
    out.add(respelled(`${space}${json}`))
    out.add(respelled(`${json}${space}`))
  }
  out.add(respelled(json.replace(/,/g, ', ')))
  out.add(respelled(json.replace(/:/g, ': ')))
  // Each of the first 40 letters or digits inside the JSON's strings as a \u escape: the same string once parsed.
  const positions = [...json.matchAll(/[a-z0-9]/gi)].map((m) => m.index as number).slice(0, 40)
  for (const i of positions)
    out.add(respelled(`${json.slice(0, i)}\\u${(json.charCodeAt(i) as number).toString(16).padStart(4, '0')}${json.slice(i + 1)}`))
  // The same bytes in other base64 spellings: padding, the standard alphabet.
  const payload = cursor.slice(0, cursor.length - tail.length)
  out.add(`${payload}=${tail}`)
  out.add(`${payload}==${tail}`)
  out.add(`${payload.replace(/-/g, '+').replace(/_/g, '/')}${tail}`)
  out.delete(cursor)
  return [...out]
}

describe('one cursor text per page', () => {
  let cursor: string
  beforeAll(async () => {
    await clearKv()
    for (let i = 0; i < 12; i++)
      await store().put(article({ title: `Tin số ${i}`, published: `08:${String(10 + i)}, 01/04/2016`, section: 'Kinh tế' }))
    cursor = new URL(links(await call('/feed.json?limit=5')).next as string).searchParams.get('cursor') as string
  })

  it('refuses 60 other spellings of a page cursor with 400 naming cursor, before any list or render', async () => {
    const others = variants(cursor)
    expect(others.length).toBeGreaterThanOrEqual(60)
    coldCaches()
    const counted = countingKv(env.ARTICLES)
    for (const other of others.slice(0, 60)) {
      const res = await call(
        `/feed.json?limit=5&cursor=${encodeURIComponent(other)}`,
        {},
        { ARTICLES: counted.kv, FEED_RECHECK_MS: '600000' },
      )
      expect(res.status, other).toBe(400)
      expect(((await res.json()) as { errors: Array<{ field: string }> }).errors.map((e) => e.field)).toEqual(['cursor'])
    }
    expect(counted.calls.list + counted.calls.get).toBe(0)
    expect(renderCache.size).toBe(0)
    const canonical = await call(`/feed.json?limit=5&cursor=${cursor}`)
    expect(canonical.status).toBe(200)
    expect(((await canonical.json()) as { items: unknown[] }).items).toHaveLength(5)
  })

  it('refuses a cursor signed with another key (CURSOR_SECRET) as not issued by this service', async () => {
    coldCaches() // a new key comes with a deploy, hence a fresh isolate
    const res = await call(`/feed.json?limit=5&cursor=${cursor}`, {}, { CURSOR_SECRET: 'another deployment, another key' })
    expect(res.status).toBe(400)
    expect(((await res.json()) as { detail: string }).detail).toMatch(/^cursor: /)
  })
})
