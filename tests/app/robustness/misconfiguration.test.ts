import { describe, expect, it } from 'vitest'
import { call, coldCaches } from '../../helpers/app'

describe('a var the service cannot use', () => {
  it.each([
    ['CACHE_MAX_AGE', 'soon', 'CACHE_MAX_AGE must be a whole number, got "soon"'],
    ['TIME_ZONE', 'GMT+7', 'TIME_ZONE must be an IANA time zone'],
  ])('is a 500 problem that tells the client nothing internal, and the log names the var (%s)', async (name, value, message) => {
    coldCaches()
    const logged: string[] = []
    const original = console.error
    console.error = (...args: unknown[]) => void logged.push(args.map(String).join(' '))
    try {
      for (const path of ['/rss.xml', '/']) {
        const response = await call(path, {}, { [name]: value })
        expect(response.status, path).toBe(500)
        expect(response.headers.get('Content-Type')).toBe('application/problem+json; charset=utf-8')
        expect(response.headers.get('Cache-Control')).toBe('no-store')
        const text = await response.text()
        expect(JSON.parse(text)).toMatchObject({ type: 'about:blank', title: 'Lỗi cấu hình máy chủ', status: 500, instance: path })
        expect(text).not.toContain(name)
      }
      // The iframe on a partner's page answers with its own Vietnamese notice page instead (tests/app/embed/notice.test.ts).
      const frame = await call('/embed/headlines', {}, { [name]: value })
      expect(frame.status).toBe(500)
      expect(frame.headers.get('Content-Type')).toBe('text/html; charset=utf-8')
      expect(frame.headers.get('Cache-Control')).toBe('no-store')
      const page = await frame.text()
      expect(page).toContain('Tạm thời chưa tải được tin mới.')
      expect(page).not.toContain(name)
    } finally {
      console.error = original
    }
    expect(logged.join('\n')).toContain(message)
  })
})
