/**
 * The importer as the newsroom runs it: `npm run import` as a real process, against files on disk,
 * into wrangler's local KV (--local), through the admin API of a running Worker (--url), through
 * `wrangler kv bulk` (the --remote path, pointed at local state), and as a --dry-run.
 */
import { spawn } from 'node:child_process'
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseAtomFeed, parseJsonFeed, parseRssFeed } from 'feedsmith'
import { getPlatformProxy, unstable_startWorker } from 'wrangler'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Article } from '../../src/articles/model'
import { articleStore } from '../../src/store/store'
import type { Env } from '../../src/env'
import { BYLINES, crlfBom, dump } from '../helpers/dumps'
import { parseOptions, UsageError, wranglerKvTarget } from '../../scripts/import'

const ROOT = fileURLToPath(new URL('../..', import.meta.url))
process.env.CLOUDFLARE_CF_FETCH_ENABLED = 'false'
process.env.WRANGLER_SEND_METRICS = 'false'

interface Run {
  code: number | null
  stdout: string
  stderr: string
}

function runImport(args: string[], env: Record<string, string | undefined> = {}): Promise<Run> {
  const tsx = join(ROOT, 'node_modules', 'tsx', 'dist', 'cli.mjs')
  const childEnv = { ...process.env, ADMIN_TOKEN: undefined, ...env }
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [tsx, 'scripts/import.ts', ...args], { cwd: ROOT, env: childEnv as NodeJS.ProcessEnv })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString('utf8')))
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString('utf8')))
    child.on('error', reject)
    child.on('close', (code) => resolve({ code, stdout, stderr }))
  })
}

let work: string
let dumps: string

/** The good files: every byline form, the awkward encodings, two same-titled articles on two days. */
const GOOD: Array<[string, string | Buffer]> = [
  ['thoi-su/khai-mac.txt', dump({ title: 'Khai mạc kỳ họp thứ bảy HĐND tỉnh', date: '08:04, 01/04/2016', byline: BYLINES[0]!.byline })],
  ['the-thao/bong-da.txt', dump({ title: 'Khởi tranh giải bóng đá thiếu niên', date: '8:04, 3/4/2016', byline: BYLINES[1]!.byline, caption: 'Trận khai mạc giải.' })],
  ['kinh-te/xuat-khau.txt', crlfBom(dump({ title: 'Xuất khẩu dệt may hai tháng đầu năm', date: '16:45, 29/02/2024', byline: BYLINES[2]!.byline }))],
  ['van-hoa/cho-vieng.txt', dump({ title: 'Náo nức du khách về chợ Viềng', date: '00:05, 01/01/2017', byline: BYLINES[3]!.byline }).normalize('NFD')],
  ['xa-hoi/tong-hop.txt', dump({ title: 'Bảo đảm an sinh xã hội', date: '09:00, 03/04/2020', byline: BYLINES[5]!.byline, footer: 'none' })],
  ['xa-hoi/anh.txt', dump({ title: 'Ngày hội hiến máu', date: '07:30, 12/07/2016', byline: BYLINES[4]!.byline, footer: 'own-line' })],
  ['giao-duc/khai-giang.txt', dump({ title: 'Học sinh bước vào năm học mới', date: '07:00, 05/09/2022', byline: BYLINES[6]!.byline })],
  ['doi-song/utf16.txt', Buffer.from(`\uFEFF${dump({ title: 'Em bé đầu tiên chào đời năm 2017', date: '00:01, 01/01/2017', byline: 'Văn Đông' })}`, 'utf16le')],
  ['thoi-su/thoi-tiet-1.txt', dump({ title: 'Thời tiết hôm nay', date: '06:00, 01/04/2016', byline: 'Văn Đông' })],
  ['thoi-su/thoi-tiet-2.txt', dump({ title: 'Thời tiết hôm nay', date: '06:00, 02/04/2016', byline: 'Văn Đông' })],
]
const BAD: Array<[string, string | Buffer, RegExp]> = [
  ['loi/khong-ngay.txt', 'Tiêu đề không có ngày\n\nSáng nay, hội nghị khai mạc./.\n\nVăn ĐôngBÁO NAM ĐỊNH ĐIỆN TỬ\n', /loi\/khong-ngay\.txt:3: missing date line/],
  ['loi/ngay-sai.txt', dump({ title: 'Ngày không có thật', date: '08:00, 31/02/2016' }), /loi\/ngay-sai\.txt:3: unreadable date/],
  ['loi/latin1.txt', Buffer.concat([Buffer.from('Ti\xeau \xf0\xe8\n\n08:00, 01/04/2016\n', 'latin1')]), /loi\/latin1\.txt:1: not valid UTF-8/],
  ['thoi-su/trung-lap.txt', dump({ title: 'Khai mạc kỳ họp thứ bảy HĐND tỉnh', date: '15:00, 01/04/2016' }), /thoi-su\/trung-lap\.txt:1: same id 2016-04-01-khai-mac-ky-hop-thu-bay-hdnd-tinh as .*thoi-su\/khai-mac\.txt/],
]

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'vnfeeds-import-test-'))
  dumps = join(work, 'dumps')
  for (const [name, text] of [...GOOD, ...BAD.map(([n, t]) => [n, t] as const)]) {
    await mkdir(dirname(join(dumps, name)), { recursive: true })
    await writeFile(join(dumps, name), text)
  }
  await writeFile(join(dumps, 'ghi-chu.md'), 'not a dump')
})

afterAll(async () => {
  await rm(work, { recursive: true, force: true })
})

function expectRejections(stderr: string): void {
  for (const [, , pattern] of BAD) expect(stderr).toMatch(pattern)
}

describe('npm run import', () => {
  it('--dry-run prints every parsed article as JSON, reports bad files as file:line, and exits 1', async () => {
    const run = await runImport(['--dry-run', dumps])
    expect(run.code, run.stderr).toBe(1)
    const articles = JSON.parse(run.stdout) as Article[]
    expect(articles).toHaveLength(GOOD.length)
    const byId = new Map(articles.map((a) => [a.id, a]))
    expect(byId.get('2016-04-01-khai-mac-ky-hop-thu-bay-hdnd-tinh')).toMatchObject({
      published: '2016-04-01T01:04:00.000Z',
      section: { slug: 'thoi-su', name: 'Thời sự' },
      authors: [{ name: 'Đức Toàn', role: 'text+photo' }],
    })
    expect(byId.get('2024-02-29-xuat-khau-det-may-hai-thang-dau-nam')?.authors).toEqual([{ name: 'Thanh Thúy', slug: 'thanh-thuy', role: 'text+photo' }])
    expect(byId.get('2017-01-01-nao-nuc-du-khach-ve-cho-vieng')).toMatchObject({ title: 'Náo nức du khách về chợ Viềng', published: '2016-12-31T17:05:00.000Z' })
    expect(byId.has('2016-04-01-thoi-tiet-hom-nay') && byId.has('2016-04-02-thoi-tiet-hom-nay')).toBe(true)
    expect(byId.get('2017-01-01-em-be-dau-tien-chao-doi-nam-2017')).toMatchObject({ section: { slug: 'doi-song' }, authors: [{ name: 'Văn Đông' }] })
    expect(run.stdout.normalize('NFC')).toBe(run.stdout)
    expectRejections(run.stderr)
    expect(run.stderr).toContain(`dry run: ${GOOD.length} parsed, ${BAD.length} rejected (${GOOD.length + BAD.length} files`)
    expect(run.stderr).not.toContain('ghi-chu.md')
  })

  it('--section overrides the folder, and a single file can be named', async () => {
    const run = await runImport(['--dry-run', '--section', 'Đời sống', join(dumps, 'thoi-su', 'khai-mac.txt')])
    expect(run.code, run.stderr).toBe(0)
    expect((JSON.parse(run.stdout) as Article[])[0]?.section).toEqual({ slug: 'doi-song', name: 'Đời sống' })
  })

  it('answers a usage error with exit 2 and the usage', async () => {
    const cases: Array<[string[], RegExp]> = [
      [['x'], /choose a target/],
      [['--local', '--dry-run', 'x'], /choose one target, not --local and --dry-run/],
      [['--dry-run'], /name the files or folders/],
      [['--url', 'http://127.0.0.1:1', 'x'], /needs the admin token/],
      [['--url', 'ftp://x', '--token', 't', 'x'], /must be an http\(s\) URL/],
      [['--dry-run', '--token', 't', 'x'], /--token goes with --url/],
      [['--url', 'http://127.0.0.1:1', '--token', 't', '--persist-to', 's', 'x'], /--persist-to goes with --local/],
      [['--dry-run', '--bogus', 'x'], /bogus/],
      [['--dry-run', '--section', '!!', 'x'], /--section must name a section/],
    ]
    for (const [args, message] of cases) expect(() => parseOptions(args), args.join(' ')).toThrow(message)
    expect(() => parseOptions(['x'])).toThrow(UsageError)
    const saved = process.env.ADMIN_TOKEN
    process.env.ADMIN_TOKEN = 'from-env'
    try {
      expect(parseOptions(['--url', 'http://127.0.0.1:8787', 'x'])).toMatchObject({ target: 'url', token: 'from-env' })
    } finally {
      if (saved === undefined) delete process.env.ADMIN_TOKEN
      else process.env.ADMIN_TOKEN = saved
    }
    const run = await runImport(['--local', '--dry-run', dumps])
    expect(run.code).toBe(2)
    expect(run.stderr).toContain('usage: npm run import')
    const missing = await runImport(['--dry-run', join(work, 'khong-co')])
    expect(missing.code).toBe(1)
    expect(missing.stderr).toContain('khong-co: no such file or folder')
  })

  it('--local imports into wrangler dev state, and a second run replaces rather than duplicates', async () => {
    const state = join(work, 'state-local')
    const first = await runImport(['--local', '--persist-to', state, dumps])
    expect(first.code, first.stderr).toBe(1)
    expectRejections(first.stderr)
    expect(first.stdout).toContain(`imported ${GOOD.length}, replaced 0, rejected ${BAD.length}`)
    const second = await runImport(['--local', '--persist-to', state, '--quiet', join(dumps, 'thoi-su'), join(dumps, 'kinh-te')])
    expect(second.stdout, second.stderr).toContain('imported 0, replaced 4, rejected 1')

    const proxy = await getPlatformProxy<Env>({ configPath: join(ROOT, 'wrangler.toml'), persist: { path: join(state, 'v3') } })
    try {
      const keys = (await proxy.env.ARTICLES.list({ prefix: 'art:' })).keys.map((k) => k.name)
      expect(keys).toHaveLength(GOOD.length)
      const page = await articleStore(proxy.env.ARTICLES).page({ kind: 'all' }, 100)
      expect(page.items.map((a) => a.id).sort()).toEqual(keys.map((k) => k.slice(4)).sort())
    } finally {
      await proxy.dispose()
    }
  })

  it('the --remote path (wrangler kv bulk) leaves KV as the store would, replacing and moving articles', async () => {
    const state = join(work, 'state-bulk')
    const location = ['--local', '--persist-to', state]
    const v1 = JSON.parse((await runImport(['--dry-run', join(dumps, 'thoi-su')])).stdout) as Article[]
    const moved = v1.map((a) => ({ ...a, section: { slug: 'kinh-te', name: 'Kinh tế' } }))
    const first = wranglerKvTarget(join(ROOT, 'wrangler.toml'), location)
    expect((await first.write(v1)).map((w) => w.status)).toEqual(v1.map(() => 'imported'))
    await first.close()
    const second = wranglerKvTarget(join(ROOT, 'wrangler.toml'), location)
    expect((await second.write(moved)).map((w) => w.status)).toEqual(v1.map(() => 'replaced'))
    await second.close()

    const proxy = await getPlatformProxy<Env>({ configPath: join(ROOT, 'wrangler.toml'), persist: { path: join(state, 'v3') } })
    try {
      const store = articleStore(proxy.env.ARTICLES)
      expect((await store.page({ kind: 'section', slug: 'kinh-te', name: 'Kinh tế' }, 100)).items.map((a) => a.id).sort()).toEqual(v1.map((a) => a.id).sort())
      // The stale index entries of the old section are gone, not merely skipped by readers.
      expect((await proxy.env.ARTICLES.list({ prefix: 'idx:sec:thoi-su:' })).keys).toEqual([])
      expect((await store.version({ kind: 'section', slug: 'kinh-te', name: '' }))?.name).toBe('Kinh tế')
    } finally {
      await proxy.dispose()
    }
  }, 180_000)

  describe('--url, through the admin API of a running Worker', () => {
    let worker: Awaited<ReturnType<typeof unstable_startWorker>>
    let base: string

    beforeAll(async () => {
      worker = await unstable_startWorker({
        config: join(ROOT, 'wrangler.toml'),
        bindings: { ADMIN_TOKEN: { type: 'plain_text', value: 'newsroom-secret' } },
        dev: { persist: join(work, 'state-url'), server: { hostname: '127.0.0.1', port: 0 }, inspector: false, watch: false, logLevel: 'none' },
      })
      base = (await worker.url).origin
    })

    afterAll(async () => {
      await worker?.dispose()
    })

    it('imports, shows the articles at once in all three feeds with +07:00 times and authors, and replaces on a re-run', async () => {
      const first = await runImport(['--url', base, dumps], { ADMIN_TOKEN: 'newsroom-secret' })
      expect(first.code, first.stderr).toBe(1)
      expectRejections(first.stderr)
      expect(first.stdout).toContain(`imported ${GOOD.length}, replaced 0, rejected ${BAD.length}`)

      const rss = parseRssFeed(await (await fetch(`${base}/tac-gia/duc-toan/rss.xml`)).text())
      expect(rss.items?.map((i) => [i.title, i.pubDate])).toEqual([['Khai mạc kỳ họp thứ bảy HĐND tỉnh', 'Fri, 01 Apr 2016 08:04:00 +0700']])
      const atom = parseAtomFeed(await (await fetch(`${base}/chuyen-muc/the-thao/atom.xml`)).text())
      // "Tin: Minh Hằng - Ảnh: Viết Dư": the writer is the author, the photographer is credited for the photo (issue 9).
      expect(atom.entries?.map((e) => [e.published, e.authors?.map((a) => a.name)])).toEqual([['2016-04-03T08:04:00+07:00', ['Minh Hằng']]])
      const json = parseJsonFeed(await (await fetch(`${base}/feed.json?limit=100`)).json())
      expect(json.items).toHaveLength(GOOD.length)
      expect(json.items?.map((i) => i.date_published)).toContain('2017-01-01T00:05:00+07:00')

      const again = await runImport(['--url', `${base}/`, '--token', 'newsroom-secret', '--quiet', join(dumps, 'thoi-su', 'khai-mac.txt'), join(dumps, 'van-hoa')])
      expect(again.code, again.stderr).toBe(0)
      expect(again.stdout).toContain('imported 0, replaced 2, rejected 0')
      expect(parseJsonFeed(await (await fetch(`${base}/feed.json?limit=100`)).json()).items).toHaveLength(GOOD.length)
    })

    it('stops with exit 2 and a clear reason when the token is wrong or the service is not there', async () => {
      const wrong = await runImport(['--url', base, '--token', 'wrong', dumps])
      expect(wrong.code).toBe(2)
      expect(wrong.stderr).toContain('the server refused the token (401)')
      const absent = await runImport(['--url', 'http://127.0.0.1:9', '--token', 'x', join(dumps, 'thoi-su')])
      expect(absent.code).toBe(2)
      expect(absent.stderr).toMatch(/cannot reach http:\/\/127\.0\.0\.1:9 .*npm start/)
    })
  })
})
