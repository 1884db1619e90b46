import { env } from 'cloudflare:test'
import { beforeEach, describe, expect, it } from 'vitest'
import { resetLoginFailures } from '../../../src/http/login-limit'
import { ARTICLE_BODY_LIMIT } from '../../../src/articles/batch'
import { call as adminCall, snapshotKv } from '../../helpers/admin'
import { call, coldCaches } from '../../helpers/app'
import { clearKv } from '../../helpers/kv'

const body = {
  title: 'Khai mạc hội nghị',
  published: '08:04, 01/04/2016',
  paragraphs: ['Nội dung.'],
  section: 'Thời sự',
  byline: 'Đức Toàn',
}

async function problemOf(response: Response, status: number | number[]): Promise<{ errors?: Array<{ field: string }> }> {
  expect([status].flat()).toContain(response.status)
  expect(response.headers.get('Content-Type')).toMatch(/^application\/problem\+json/)
  return (await response.json()) as { errors?: Array<{ field: string }> }
}

describe('abuse: refused cleanly, nothing written', () => {
  beforeEach(async () => {
    await clearKv()
    coldCaches()
    resetLoginFailures()
    expect((await adminCall('PUT', '/api/articles/bai-co-san', { body })).status).toBe(201)
  })

  it('an oversized body is 413, declared or streamed', async () => {
    const before = await snapshotKv()
    const big = JSON.stringify({ ...body, paragraphs: ['x'.repeat(ARTICLE_BODY_LIMIT)] })
    await problemOf(await adminCall('PUT', '/api/articles/bai-lon', { body: big }), 413)
    const stream = new Blob([big]).stream()
    await problemOf(await adminCall('PUT', '/api/articles/bai-lon', { body: stream }), 413)
    expect(await snapshotKv()).toEqual(before)
  })

  it('deeply nested JSON is a 400, not a crash', async () => {
    const before = await snapshotKv()
    for (const depth of [1_000, 100_000]) {
      const deep = '['.repeat(depth) + ']'.repeat(depth)
      const nestedObject = '{"a":'.repeat(depth) + '1' + '}'.repeat(depth)
      await problemOf(await adminCall('PUT', '/api/articles/bai-sau', { body: deep }), 400)
      await problemOf(await adminCall('PUT', '/api/articles/bai-sau', { body: `{"title":${nestedObject}}` }), 400)
      // The most bytes a deployment may allow a batch, so the nesting, not the size, is what is refused.
      const vars = { BATCH_MAX_BYTES: String(5 * 1024 * 1024) }
      await problemOf(await adminCall('POST', '/api/articles', { body: `[${nestedObject}]`, vars }), 400)
    }
    expect(await snapshotKv()).toEqual(before)
  })

  it('a huge or odd limit is a 400 naming limit', async () => {
    for (const limit of ['99999999999999999999', '1e3', '-1', '0', '101', '0x10', '20%0D%0AX-Injected:%201']) {
      const problem = await problemOf(await call(`/rss.xml?limit=${limit}`), 400)
      expect(problem.errors?.[0]?.field).toBe('limit')
    }
  })

  it('path tricks and look-alike ids are 400 or 404 and write nothing', async () => {
    const before = await snapshotKv()
    const ids = [
      '..',
      '%2e%2e',
      '..%2F..%2Fver%3Aall',
      '%2F',
      'bai%2Fco-san',
      'd%D0%BEng',
      '%EF%BD%84ong',
      'B%C3%80I',
      'bai co san',
      'bai-co-san%00',
      'art%3Abai-co-san',
      'a'.repeat(301),
    ]
    for (const id of ids) {
      for (const method of ['PUT', 'DELETE', 'GET']) {
        const response = await adminCall(method, `/api/articles/${id}`, method === 'PUT' ? { body } : {})
        await problemOf(response, [400, 404, 405])
        expect(response.headers.get('Cache-Control')).toBe('no-store')
      }
    }
    expect(await snapshotKv()).toEqual(before)
    for (const path of ['/chuyen-muc/..%2F..%2Frss.xml/rss.xml', '/chuyen-muc/th%E1%BB%9Di-s%E1%BB%B1/rss.xml'])
      await problemOf(await call(path), 404)
  })

  it('CR/LF in a cursor, slug or limit never reaches a header', async () => {
    for (const path of [
      '/rss.xml?cursor=abc%0D%0ASet-Cookie:%20x=1',
      '/feed.json?cursor=%0D%0A',
      '/chuyen-muc/thoi-su%0D%0AX:%201/rss.xml',
      '/rss.xml?limit=5%0D%0ALink:%20x',
    ]) {
      const response = await call(path)
      expect(response.status).toBeGreaterThanOrEqual(400)
      expect(response.status).toBeLessThan(500)
      expect(response.headers.get('Set-Cookie')).toBeNull()
      for (const [, value] of response.headers) expect(value).not.toMatch(/[\r\n]/)
    }
  })
})

describe('security headers', () => {
  it('HTML (the discovery page) carries CSP, nosniff and a referrer policy', async () => {
    const response = await call('/')
    expect(response.headers.get('Content-Type')).toMatch(/^text\/html/)
    expect(response.headers.get('Content-Security-Policy')).toMatch(/default-src 'none'/)
    expect(response.headers.get('X-Content-Type-Options')).toBe('nosniff')
    expect(response.headers.get('Referrer-Policy')).toBe('no-referrer')
  })

  it('error responses carry nosniff too', async () => {
    for (const path of ['/khong-co', '/rss.xml?limit=0', '/chuyen-muc/khong-co/rss.xml']) {
      const response = await call(path)
      expect(response.status).toBeGreaterThanOrEqual(400)
      expect(response.headers.get('X-Content-Type-Options')).toBe('nosniff')
    }
  })

  it('every /api response is no-store, errors and 401s included', async () => {
    const cases: Array<[string, string, Parameters<typeof adminCall>[2]]> = [
      ['GET', '/api/articles/bai-co-san', {}],
      ['GET', '/api/articles/khong-co', {}],
      ['GET', '/api/articles/bai-co-san', { token: null }],
      ['GET', '/api/articles/bai-co-san', { token: 'sai' }],
      ['PATCH', '/api/articles/bai-co-san', {}],
      ['GET', '/api/khong-co', {}],
      ['PUT', '/api/articles/bai-moi', { body: '{' }],
    ]
    for (const [method, path, options] of cases) {
      const response = await adminCall(method, path, options)
      expect(response.headers.get('Cache-Control'), `${method} ${path}`).toBe('no-store')
    }
  })
})

describe('failed admin logins are rate limited', () => {
  beforeEach(() => resetLoginFailures())
  const from = (ip: string, token: string | null) =>
    adminCall('GET', '/api/articles/bai-co-san', { token, headers: { 'CF-Connecting-IP': ip } })

  it('after 10 wrong tokens from one address: 429 with Retry-After, even for the right token; other addresses unaffected', async () => {
    for (let i = 0; i < 10; i++) expect((await from('203.0.113.7', `sai-${i}`)).status).toBe(401)
    const limited = await from('203.0.113.7', 'sai-nua')
    await problemOf(limited, 429)
    expect(Number(limited.headers.get('Retry-After'))).toBeGreaterThan(0)
    expect(limited.headers.get('Cache-Control')).toBe('no-store')
    expect((await from('203.0.113.7', 'test-admin-token')).status).toBe(429)
    expect((await from('198.51.100.1', 'test-admin-token')).status).not.toBe(429)
    // A missing token is not a guess.
    for (let i = 0; i < 12; i++) expect((await from('198.51.100.2', null)).status).toBe(401)
  })

  it('counts an IPv6 client by its /64, in any spelling, and an IPv4-mapped address as the IPv4 address', async () => {
    // Ten guesses, each from another address of one /64, spelled every way an address can be.
    const sameNetwork = ['2001:db8:a:b::1', '2001:DB8:A:B:0:0:0:2', '2001:0db8:000a:000b::3', '2001:db8:a:b:ffff:ffff:ffff:ffff']
    for (let i = 0; i < 10; i++) expect((await from(sameNetwork[i % sameNetwork.length] as string, `sai-${i}`)).status).toBe(401)
    expect((await from('2001:db8:a:b:1234::99', 'test-admin-token')).status).toBe(429)
    // The next /64 over is another subscriber.
    expect((await from('2001:db8:a:c::1', 'test-admin-token')).status).not.toBe(429)
    for (let i = 0; i < 10; i++) expect((await from('::ffff:203.0.113.50', `sai-${i}`)).status).toBe(401)
    expect((await from('203.0.113.50', 'test-admin-token')).status).toBe(429)
  })

  it('without CF-Connecting-IP (not behind Cloudflare) puts no client in a shared bucket: nobody is locked out', async () => {
    for (let i = 0; i < 25; i++) expect((await from('', `sai-${i}`)).status).toBe(401)
    for (let i = 0; i < 25; i++) expect((await adminCall('GET', '/api/articles/bai-co-san', { token: `sai-${i}` })).status).toBe(401)
    expect((await adminCall('GET', '/api/articles/bai-co-san')).status).not.toBe(429)
    expect((await from('192.0.2.10', 'test-admin-token')).status).not.toBe(429)
  })

  it('with the Workers Rate Limiting binding: counts across isolates and refuses even the right token once over', async () => {
    const vars = { ADMIN_LOGIN_LIMITER: env.TEST_LOGIN_LIMITER }
    const via = (ip: string, token: string) =>
      adminCall('GET', '/api/articles/bai-co-san', { token, headers: { 'CF-Connecting-IP': ip }, vars })
    // Nine failures other isolates counted, as the binding sees them: this isolate has seen none.
    for (let i = 0; i < 9; i++) expect((await env.TEST_LOGIN_LIMITER.limit({ key: '192.0.2.9' })).success).toBe(true)
    expect((await via('192.0.2.9', 'sai-1')).status).toBe(401)
    const limited = await via('192.0.2.9', 'sai-2')
    await problemOf(limited, 429)
    expect(Number(limited.headers.get('Retry-After'))).toBeGreaterThan(0)
    expect((await via('192.0.2.9', 'test-admin-token')).status).toBe(429)
    // The binding's key for an IPv6 client is its /64, so another address of it is locked out too.
    for (let i = 0; i < 10; i++) await env.TEST_LOGIN_LIMITER.limit({ key: '2001:db8:0:7::/64' })
    expect((await via('2001:DB8:0:7:a::1', 'sai')).status).toBe(429)
    expect((await via('2001:db8:0:7::2', 'test-admin-token')).status).toBe(429)
    expect((await via('198.51.100.9', 'test-admin-token')).status).toBe(200)
  })
})
