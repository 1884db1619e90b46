/**
 * The service under `wrangler dev`'s own machinery (unstable_startWorker: the proxy Worker in front of
 * the user Worker, as `npm start` runs it), where the bare bundle under Miniflare behaves differently:
 * a chunked upload refused half-read wedged the proxy, and only the wire shows what a HEAD carries.
 */
import { request } from 'node:http'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { unstable_startWorker } from 'wrangler'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ARTICLE_BODY_LIMIT } from '../../src/articles/batch'
import { DEFAULT_BATCH_LIMITS } from '../../src/config/batch'

const ROOT = fileURLToPath(new URL('../..', import.meta.url))
const TOKEN = 'dev-secret'
process.env.CLOUDFLARE_CF_FETCH_ENABLED = 'false'
process.env.WRANGLER_SEND_METRICS = 'false'

let worker: Awaited<ReturnType<typeof unstable_startWorker>>
let base: URL
let state: string

interface Answer {
  status: number
  type: string | undefined
  body: string
}

/** Sends `size` bytes of JSON-looking text as a chunked body (no Content-Length), 64 KiB a chunk. */
function chunkedUpload(method: string, path: string, size: number): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const headers = { Authorization: `Bearer ${TOKEN}`, 'Content-Type': 'application/json', 'Transfer-Encoding': 'chunked' }
    const req = request({ host: base.hostname, port: base.port, path, method, headers }, (res) => {
      let body = ''
      res.setEncoding('utf8')
      res.on('data', (d: string) => (body += d))
      res.on('end', () => resolve({ status: res.statusCode ?? 0, type: res.headers['content-type'], body }))
    })
    req.on('error', reject)
    const chunk = Buffer.alloc(64 * 1024, 'a')
    let sent = 0
    const pump = (): void => {
      while (sent < size) {
        const part = chunk.subarray(0, Math.min(chunk.length, size - sent))
        sent += part.length
        if (!req.write(part)) return void req.once('drain', pump)
      }
      req.end()
    }
    pump()
  })
}

/** A plain GET that gives up after 10 s (a wedged server never answers). */
async function feedStatus(): Promise<number | string> {
  return fetch(new URL('/feed.json', base), { signal: AbortSignal.timeout(10_000) }).then(
    (res) => res.status,
    (error: unknown) => `no answer: ${String(error)}`,
  )
}

beforeAll(async () => {
  state = await mkdtemp(join(tmpdir(), 'vnfeeds-dev-'))
  worker = await unstable_startWorker({
    config: join(ROOT, 'wrangler.toml'),
    bindings: { ADMIN_TOKEN: { type: 'plain_text', value: TOKEN } },
    dev: { persist: state, server: { hostname: '127.0.0.1', port: 0 }, inspector: false, watch: false, logLevel: 'none' },
  })
  base = await worker.url
})

afterAll(async () => {
  await worker?.dispose()
  if (state) await rm(state, { recursive: true, force: true })
})

describe('wrangler dev', () => {
  it('refuses an over-limit chunked upload with 413 and keeps answering every later request', async () => {
    for (const [method, path, limit] of [
      ['PUT', '/api/articles/bai-qua-lon', ARTICLE_BODY_LIMIT],
      ['POST', '/api/articles', DEFAULT_BATCH_LIMITS.maxBytes],
      ['PUT', '/api/articles/bai-qua-lon', ARTICLE_BODY_LIMIT],
    ] as const) {
      const refused = await chunkedUpload(method, path, 2 * limit)
      expect(refused.status, path).toBe(413)
      expect(refused.type).toBe('application/problem+json; charset=utf-8')
      expect(JSON.parse(refused.body)).toMatchObject({ status: 413, title: 'Nội dung quá lớn' })
      expect(await feedStatus(), `the request after the refused ${method} ${path}`).toBe(200)
    }
  })

  it('still reads a chunked body within the limit', async () => {
    const answer = await chunkedUpload('PUT', '/api/articles/bai-chunked', 10)
    // Ten bytes of "a" are no JSON: the body was read and judged, not refused for its size.
    expect(answer.status).toBe(400)
    expect(JSON.parse(answer.body)).toMatchObject({ status: 400 })
  })

  it('sends HEAD answers with the Content-Length of the GET on the wire', async () => {
    for (const path of [
      '/rss.xml',
      '/feed.json',
      '/',
      '/feeds.opml',
      '/embed/headlines',
      '/embed.js',
      '/chuyen-muc/khong-co/atom.xml',
      '/feed.json?limit=abc',
    ]) {
      const get = await fetch(new URL(path, base))
      const bytes = (await get.arrayBuffer()).byteLength
      const head = await fetch(new URL(path, base), { method: 'HEAD' })
      expect([head.status, head.headers.get('Content-Length')], path).toEqual([get.status, String(bytes)])
    }
  })
})
