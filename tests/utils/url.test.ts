import { describe, expect, it } from 'vitest'
import { isHttpUrl } from '../../src/utils/url'

describe('isHttpUrl', () => {
  it('accepts absolute http(s) URLs only', () => {
    for (const url of ['https://baonamdinh.vn/a.jpg', 'HTTP://x.example']) expect(isHttpUrl(url), url).toBe(true)
    for (const url of ['ftp://x.example', '/a.jpg', 'https://', 'javascript:alert(1)', 'https//x']) expect(isHttpUrl(url), url).toBe(false)
  })
})
