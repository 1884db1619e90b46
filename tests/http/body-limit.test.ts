import { Hono } from 'hono'
import { describe, expect, it } from 'vitest'
import { bodyLimit } from '../../src/http/body-limit'
import type { AppEnv } from '../../src/http/context'
import { onError } from '../../src/http/problem'

const LIMIT = 1_000

/** A body of `chunks` × 300 bytes whose source counts what was pulled from it and whether it was cancelled. */
function countedBody(chunks: number) {
  const seen = { pulled: 0, cancelled: false }
  let left = chunks
  const stream = new ReadableStream<Uint8Array>(
    {
      pull(controller) {
        if (left-- === 0) return controller.close()
        seen.pulled += 300
        controller.enqueue(new Uint8Array(300).fill(97))
      },
      cancel() {
        seen.cancelled = true
      },
    },
    { highWaterMark: 0 },
  )
  return { stream, seen }
}

const app = new Hono<AppEnv>()
app.post('/', bodyLimit(LIMIT), async (c) => c.text(String((await c.req.arrayBuffer()).byteLength)))
app.onError(onError)

const post = (body: BodyInit, headers: Record<string, string> = {}) => app.request('/', { method: 'POST', body, headers })

describe('bodyLimit', () => {
  it('passes a streamed body within the limit on whole', async () => {
    const { stream } = countedBody(3)
    const res = await post(stream)
    expect(res.status).toBe(200)
    expect(await res.text()).toBe('900')
  })

  it('answers an over-limit streamed body with a 413 problem only after reading it to its end', async () => {
    const { stream, seen } = countedBody(40)
    const res = await post(stream)
    expect(res.status).toBe(413)
    expect(res.headers.get('Content-Type')).toBe('application/problem+json; charset=utf-8')
    expect(await res.json()).toMatchObject({ status: 413, title: 'Nội dung quá lớn' })
    // Drained, not abandoned half-read nor cancelled: that is what kept wrangler dev from answering again.
    expect(seen).toEqual({ pulled: 40 * 300, cancelled: false })
  })

  it('refuses a declared over-limit length without reading the body', async () => {
    const { stream, seen } = countedBody(4)
    const res = await post(stream, { 'Content-Length': '1200' })
    expect(res.status).toBe(413)
    expect(seen.pulled).toBe(0)
    const within = await post('a'.repeat(LIMIT), { 'Content-Length': String(LIMIT) })
    expect(await within.text()).toBe(String(LIMIT))
  })
})
