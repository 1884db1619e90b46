import { describe, expect, it } from 'vitest'
import { errorMessage } from '../../src/utils/error-message'

describe('errorMessage', () => {
  it('tells what was thrown', () => {
    expect(errorMessage(new TypeError('hỏng'))).toBe('hỏng')
    expect(errorMessage('chuỗi')).toBe('chuỗi')
    expect(errorMessage(42)).toBe('42')
  })
})
