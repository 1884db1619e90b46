import { describe, expect, it } from 'vitest'
import { batchSummary, idClaims, repeatedIdIssue, repeatedIds } from '../../src/articles/batch'

describe('batch contract', () => {
  it('keeps the first of a repeated id and names it for every later one; elements without an id are skipped', () => {
    expect([...repeatedIds(['a', 'b', undefined, 'a', 'b', 'a', undefined])]).toEqual([
      [3, 0],
      [4, 1],
      [5, 0],
    ])
    expect(repeatedIds(['a', 'b']).size).toBe(0)
    expect(repeatedIdIssue(3)).toEqual({ field: 'id', reason: 'same id as element 3; send one version of an article per batch' })
  })

  it('applies the same rule one element at a time, as the importer meets its files', () => {
    const claim = idClaims()
    expect(['a', 'b', 'a', 'b', 'a'].map((id, index) => claim(id, index))).toEqual([undefined, undefined, 0, 1, 0])
  })

  it('sums up a batch by status', () => {
    expect(
      batchSummary([
        { index: 0, status: 201 },
        { index: 1, status: 200 },
        { index: 2, status: 400 },
        { index: 3, status: 503 },
        { index: 4, status: 201 },
      ]),
    ).toEqual({
      created: 2,
      replaced: 1,
      rejected: 2,
    })
  })
})
