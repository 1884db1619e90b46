import { describe, expect, it } from 'vitest'
import { mapPool } from '../../src/utils/pool'

describe('mapPool', () => {
  it('maps with bounded concurrency, results in order', async () => {
    let running = 0
    let most = 0
    const out = await mapPool([5, 1, 4, 2, 3], 2, async (n, i) => {
      most = Math.max(most, ++running)
      await new Promise((resolve) => setTimeout(resolve, n))
      running--
      return `${i}:${n}`
    })
    expect(out).toEqual(['0:5', '1:1', '2:4', '3:2', '4:3'])
    expect(most).toBe(2)
    expect(await mapPool([], 4, async () => 1)).toEqual([])
  })
})
