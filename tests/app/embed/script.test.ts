import { describe, expect, it } from 'vitest'
import { EMBED_LIMIT } from '../../../src/embed/options'
import { SHADOW_CSS } from '../../../src/embed/style'
import { call } from '../../helpers/app'

const fetchScript = (init?: RequestInit) => call('/embed.js', init)

describe('GET /embed.js: the script form', () => {
  it('is JavaScript anyone may load, cacheable, with an ETag', async () => {
    const res = await fetchScript()
    expect(res.status).toBe(200)
    expect(res.headers.get('Content-Type')).toBe('application/javascript; charset=utf-8')
    expect(res.headers.get('Access-Control-Allow-Origin')).toBe('*')
    expect(res.headers.get('Cross-Origin-Resource-Policy')).toBe('cross-origin')
    expect(res.headers.get('X-Content-Type-Options')).toBe('nosniff')
    expect(res.headers.get('Set-Cookie')).toBeNull()
    expect(res.headers.get('Cache-Control')).toMatch(/^public, max-age=\d+/)
    const etag = res.headers.get('ETag') as string
    expect(etag).toMatch(/^"[0-9a-f]{32}"$/)
    const again = await fetchScript({ headers: { 'If-None-Match': etag } })
    expect(again.status).toBe(304)
    expect(await again.text()).toBe('')
    expect(again.headers.get('ETag')).toBe(etag)
  })

  it('is one strict-mode call of a self-contained function with the paper’s settings, and no globals', async () => {
    const source = await (await fetchScript()).text()
    const match = /^'use strict';\((function widget\(script, settings\) \{[\s\S]*\})\)\(document\.currentScript,(\{.*\})\);\n$/.exec(source)
    expect(match, source.slice(0, 200)).not.toBeNull()
    const [, body, json] = match as unknown as [string, string, string]
    expect(JSON.parse(json)).toEqual({
      css: SHADOW_CSS,
      paper: 'Báo Nam Định điện tử',
      home: 'https://baonamdinh.vn',
      timeZone: 'Asia/Ho_Chi_Minh',
      limit: EMBED_LIMIT,
      hosts: ['baonamdinh.vn', 'www.baonamdinh.vn'],
    })
    // Nothing a bundler could leave pointing outside the function, and no HTML parsing of feed data.
    expect(body).not.toMatch(
      /__name|__defProp|import\(|require\(|innerHTML|outerHTML|insertAdjacentHTML|document\.write|\beval\b|new Function/,
    )
    // No top-level declarations: the only statement besides the directive is the call.
    expect(source.split('\n').filter((l) => /^(var|let|const|function|class)\b/.test(l))).toEqual([])
  })
})
