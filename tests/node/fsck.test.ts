/**
 * `npm run fsck` as an operator runs it: as a process against wrangler's local state (--local), and
 * its --remote path (`wrangler kv`) pointed at a local state folder, on a namespace with planted faults.
 */
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { getPlatformProxy } from 'wrangler'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Article } from '../../src/articles/model'
import { siteConfig } from '../../src/config/masthead'
import type { Env } from '../../src/env'
import { indexKeys, sortKey } from '../../src/store/keys'
import { articleStore } from '../../src/store/store'
import { fsck } from '../../scripts/fsck/run'
import { wranglerSource } from '../../scripts/fsck/sources'
import { article } from '../../fixtures/articles'
import { runScript } from './helpers/script'

const ROOT = fileURLToPath(new URL('../..', import.meta.url))
const CONFIG = join(ROOT, 'wrangler.toml')
process.env.CLOUDFLARE_CF_FETCH_ENABLED = 'false'
process.env.WRANGLER_SEND_METRICS = 'false'

const runFsck = (args: string[]) => runScript('scripts/fsck.ts', args)

/** Runs `use` on the KV of a state folder, as a Worker under wrangler dev would see it. */
async function withKv<T>(state: string, use: (kv: KVNamespace) => Promise<T>): Promise<T> {
  const proxy = await getPlatformProxy<Env>({ configPath: CONFIG, persist: { path: join(state, 'v3') } })
  try {
    return await use(proxy.env.ARTICLES)
  } finally {
    await proxy.dispose()
  }
}

const written = (i: number, extra: Record<string, unknown> = {}) =>
  article({ title: `Bài kiểm tra ${i}`, published: `08:0${i}, 01/04/2016`, section: 'Kinh tế', byline: 'Văn Đông', ...extra })
const entryOf = (a: Article, prefix: string) => indexKeys(a).find((k) => k.startsWith(prefix)) as string

/** Articles written by the store, then the faults an interrupted write, old code or a bad import leaves. */
async function plantFaults(kv: KVNamespace): Promise<Record<string, string>> {
  const store = articleStore(kv)
  const [a, b, c, d, e] = [1, 2, 3, 4, 5].map((i) => written(i)) as Article[]
  for (const x of [a, b, c, d, e] as Article[]) await store.put(x)
  const old = { t: 0, s: 500 }
  const gone = `idx:sec:kinh-te:${sortKey({ id: 'bai-da-xoa', published: '2016-04-02T00:00:00.000Z' })}`
  await kv.put(gone, '', { metadata: old })
  const moved = `idx:sec:thoi-su:${sortKey(a)}`
  await kv.put(moved, '', { metadata: old })
  const young = `idx:all:${sortKey({ id: 'bai-vua-ghi', published: '2016-04-03T00:00:00.000Z' })}`
  await kv.put(young, '', { metadata: { t: Date.now(), s: 500 } })
  const missing = entryOf(b, 'idx:aut:')
  await kv.delete(missing)
  const legacy = entryOf(c, 'idx:all:')
  await kv.put(legacy, '')
  const wrongSize = entryOf(d, 'idx:sec:')
  await kv.put(wrongSize, '', { metadata: { t: 1, s: 1 } })
  await kv.put('ver:sec:giao-duc', JSON.stringify({ token: 't', at: '2016-04-01T00:00:00.000Z' }), {
    metadata: { name: 'Gi%C3%A1o%20d%E1%BB%A5c' },
  })
  // Its only entry is dead: --fix deletes both, the registry key because the entry goes too.
  await kv.put(`idx:sec:giao-duc:${sortKey({ id: 'bai-giao-duc-da-xoa', published: '2016-04-02T00:00:00.000Z' })}`, '', { metadata: old })
  await kv.delete('ver:aut:van-dong')
  const { rev: _rev, ...withoutRev } = e
  const text = JSON.stringify(withoutRev)
  await kv.put(`art:${e.id}`, text)
  const big = { ...written(6), content: `<p>${'Tiếng Việt đẹp lắm. '.repeat(9_000)}</p>` }
  await kv.put(`art:${big.id}`, JSON.stringify(big))
  for (const key of indexKeys(big)) await kv.put(key, '', { metadata: { t: 0, s: new TextEncoder().encode(JSON.stringify(big)).length } })
  await kv.put('art:rac', 'không phải JSON')
  return { gone, moved, young, missing, legacy, wrongSize, noRev: e.id, big: big.id, eEntry: entryOf(e, 'idx:all:') }
}

let work: string
beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'vnfeeds-fsck-test-'))
})
afterAll(async () => {
  await rm(work, { recursive: true, force: true })
})

describe('npm run fsck', () => {
  it('--local reports every planted fault, --fix repairs the index, and a second run finds only what it reports', async () => {
    const state = join(work, 'local')
    const planted = await withKv(state, plantFaults)
    const check = await runFsck(['--local', '--persist-to', state])
    expect(check.code, check.stderr).toBe(1)
    const out = check.stdout
    expect(out).toMatch(/^fsck: local KV \(.*\): 6 articles, \d+ index entries$/m)
    expect(out).toContain(`dead index entries: 4 (--fix removes them)`)
    expect(out).toContain(`${planted.gone}: no article bai-da-xoa`)
    expect(out).toMatch(new RegExp(`${planted.moved}: article \\S+ is not in this feed`))
    expect(out).toContain(`${planted.young}: no article bai-vua-ghi (written less than a minute ago: left alone)`)
    expect(out).toContain(`missing index entries: 1 (--fix adds them)\n  ${planted.missing}`)
    for (const key of [planted.legacy, planted.wrongSize, planted.eEntry]) expect(out).toContain(`  ${key}: `)
    expect(out).toContain('feeds without articles: 1 (--fix removes them from the registry)\n  ver:sec:giao-duc')
    expect(out).toContain('feeds with articles missing from the registry: 1 (--fix puts them back)\n  ver:aut:van-dong (Văn Đông)')
    expect(out).toContain(`articles written before revisions: 2 (report only: their next write stamps one)\n  ${planted.noRev}`)
    expect(out).toMatch(
      new RegExp(`articles today's rules refuse: 1 .*\\n  ${planted.big}: content: the article would take \\d+ bytes stored`),
    )
    expect(out).toContain('values that are not articles: 1 (report only: remove or rewrite them)\n  art:rac: its value is not JSON')
    // Written by a store without the renderer (as before stored items existed); the one without a rev is the noRev case.
    expect(out).toMatch(/articles without current stored feed items: 4 \(--fix renders and stores them; [^)]*\)/)

    const fix = await runFsck(['--local', '--persist-to', state, '--fix'])
    expect(fix.code, fix.stderr).toBe(1)
    expect(fix.stdout).toContain(
      'fixed: removed 3 dead entries, put 6 entries (missing or without their size); registry: removed 1, put back 1; stored the feed items of 4 articles',
    )

    await withKv(state, async (kv) => {
      const items = (await kv.list({ prefix: 'out:' })).keys
      expect(items).toHaveLength(12)
      const item = (await kv.get(items[0]?.name as string)) as string
      expect(items[0]?.metadata).toMatchObject({ rev: JSON.parse(item.slice(0, item.indexOf('\n'))).rev })
      const names = new Set((await kv.list({ prefix: 'idx:' })).keys.map((k) => k.name))
      expect(names.has(planted.gone) || names.has(planted.moved)).toBe(false)
      expect(names.has(planted.young) && names.has(planted.missing)).toBe(true)
      const { metadata } = await kv.getWithMetadata(planted.legacy)
      const stored = (await kv.get(`art:${planted.legacy.slice(planted.legacy.lastIndexOf(':') + 1)}`)) as string
      expect(metadata).toMatchObject({ s: new TextEncoder().encode(stored).length })
      expect(await kv.get('ver:sec:giao-duc')).toBeNull()
      expect((await kv.getWithMetadata('ver:aut:van-dong')).metadata).toEqual({ name: 'V%C4%83n%20%C4%90%C3%B4ng' })
      // Reported only: left as they were.
      expect(await kv.get('art:rac')).toBe('không phải JSON')
    })
    const again = await runFsck(['--local', '--persist-to', state])
    expect(again.code).toBe(1)
    expect(again.stdout).toContain('dead index entries: 1 (--fix removes them)')
    expect(again.stdout).not.toMatch(/missing index entries|without their article's size|registry|stored feed items/)
  })

  it('--remote (wrangler kv, here pointed at local state) finds and repairs the same', async () => {
    const state = join(work, 'remote')
    const planted = await withKv(state, plantFaults)
    const site = siteConfig({})
    const printed: string[] = []
    const source = wranglerSource(CONFIG, ['--local', '--persist-to', state])
    try {
      expect(await fsck(source, site, true, (text) => printed.push(text))).toBe(1)
    } finally {
      await source.close()
    }
    expect(printed.join('\n')).toContain(
      'fixed: removed 3 dead entries, put 6 entries (missing or without their size); registry: removed 1, put back 1; stored the feed items of 4 articles',
    )
    await withKv(state, async (kv) => {
      const names = new Set((await kv.list({ prefix: 'idx:' })).keys.map((k) => k.name))
      expect([planted.gone, planted.moved].filter((k) => names.has(k))).toEqual([])
      expect(names.has(planted.missing)).toBe(true)
      expect((await kv.getWithMetadata(planted.wrongSize)).metadata).not.toEqual({ t: 1, s: 1 })
      expect((await kv.list({ prefix: 'out:' })).keys).toHaveLength(12)
    })
  })

  it('refuses to guess where to look', async () => {
    for (const args of [[], ['--local', '--remote'], ['--remote', '--persist-to', 'x']]) {
      const run = await runFsck(args)
      expect(run.code, args.join(' ')).toBe(2)
      expect(run.stderr).toContain('usage: npm run fsck')
    }
  })
})
