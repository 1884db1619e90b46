import { env } from 'cloudflare:test'
import { beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { article } from '../../../fixtures/articles'
import { call, coldCaches, store } from '../../helpers/app'
import { faultyKv } from '../../helpers/faults'
import { clearKv } from '../../helpers/kv'

/** When the feed behind the iframe fails, the partner's page shows a short Vietnamese notice, never problem JSON. */

const failingKv = () => faultyKv(env.ARTICLES, { fails: (op) => op === 'list' || op === 'get' || op === 'getWithMetadata' }).kv

/** The notice's visible text and the bits of the document that matter, read with workerd's HTML parser. */
async function notice(body: string) {
  const out = { theme: null as string | null, status: '', paper: '', href: null as string | null, target: null as string | null, items: 0 }
  await new HTMLRewriter()
    .on('html', { element: (e) => void (out.theme = e.getAttribute('data-theme')) })
    .on('[role=status]', { text: (t) => void (out.status += t.text) })
    .on('a.paper', {
      element: (e) => void Object.assign(out, { href: e.getAttribute('href'), target: e.getAttribute('target') }),
      text: (t) => void (out.paper += t.text),
    })
    .on('li', { element: () => void out.items++ })
    .transform(new Response(body))
    .text()
  return out
}

beforeAll(async () => {
  await clearKv()
  await store().put(article({ title: 'Tin trong khung', published: '08:00, 01/04/2024', section: 'Thời sự' }))
})

describe('the iframe when its feed fails', () => {
  beforeEach(coldCaches)

  it('answers 503 with Retry-After and a self-contained Vietnamese HTML notice under the iframe’s CSP', async () => {
    const ok = await call('/embed/headlines?section=thoi-su&theme=dark&target=_blank')
    // No last good render to fall back on.
    coldCaches()
    const res = await call('/embed/headlines?section=thoi-su&theme=dark&target=_blank', {}, { ARTICLES: failingKv() })
    expect(res.status).toBe(503)
    expect(res.headers.get('Retry-After')).toBe('30')
    expect(res.headers.get('Content-Type')).toBe('text/html; charset=utf-8')
    expect(res.headers.get('Cache-Control')).toBe('no-store')
    expect(res.headers.get('Content-Security-Policy')).toBe(ok.headers.get('Content-Security-Policy'))
    expect(res.headers.get('Cross-Origin-Resource-Policy')).toBe('cross-origin')
    const body = await res.text()
    expect(body).toMatch(/^<!doctype html>\n<html lang="vi" class="vnf" data-theme="dark">/)
    expect(body).not.toMatch(/problem|about:blank|"status":|Storage|<script/i)
    expect(await notice(body)).toEqual({
      theme: 'dark',
      status: 'Tạm thời chưa tải được tin mới. Mời bạn quay lại sau ít phút.',
      paper: 'Báo Nam Định điện tử',
      href: 'https://baonamdinh.vn',
      target: '_blank',
      items: 0,
    })
  })

  it('shows the notice even when the configuration cannot be read (500)', async () => {
    const res = await call('/embed/headlines', {}, { CACHE_MAX_AGE: 'soon' })
    expect(res.status).toBe(500)
    expect(res.headers.get('Content-Type')).toBe('text/html; charset=utf-8')
    expect((await notice(await res.text())).status).toMatch(/^Tạm thời chưa tải được tin mới/)
  })

  it('leaves every other path answering problem+json', async () => {
    for (const path of ['/feed.json', '/chuyen-muc/thoi-su/rss.xml', '/embed/headlines/khac']) {
      const res = await call(path, {}, { ARTICLES: failingKv() })
      expect(res.headers.get('Content-Type'), path).toBe('application/problem+json; charset=utf-8')
    }
  })
})
