/**
 * The importer as the newsroom runs it: `npm run import` as a real process, against files on disk,
 * into wrangler's local KV (--local), through the admin API of a running Worker (--url), through
 * `wrangler kv bulk` (the --remote path, pointed at local state), and as a --dry-run.
 */
import { execFileSync } from 'node:child_process'
import { mkdir, mkdtemp, readdir, readFile, rm, symlink, writeFile } from 'node:fs/promises'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseAtomFeed, parseJsonFeed, parseRssFeed } from 'feedsmith'
import { getPlatformProxy, unstable_startWorker } from 'wrangler'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Article } from '../../src/articles/model'
import { articleStore } from '../../src/store/store'
import type { Env } from '../../src/env'
import { dumpToArticle } from '../../src/ingest/files'
import { DEFAULT_BATCH_LIMITS } from '../../src/config/batch'
import { siteConfig } from '../../src/config/masthead'
import { BYLINES, crlfBom, dump } from '../helpers/dumps'
import { toTcvn, toWindows1258 } from '../helpers/legacy-encodings'
import { runScript } from './helpers/script'
import { parseOptions, UsageError } from '../../scripts/import/options'
import { wranglerKvTarget } from '../../scripts/import/wrangler-kv'

const ROOT = fileURLToPath(new URL('../..', import.meta.url))
process.env.CLOUDFLARE_CF_FETCH_ENABLED = 'false'
process.env.WRANGLER_SEND_METRICS = 'false'

const runImport = (args: string[], env: Record<string, string | undefined> = {}) =>
  runScript('scripts/import.ts', args, { ADMIN_TOKEN: undefined, ...env })

let work: string
let dumps: string

/** The good files: every byline form, the awkward encodings, two same-titled articles on two days. */
const GOOD: Array<[string, string | Buffer]> = [
  ['thoi-su/khai-mac.txt', dump({ title: 'Khai mạc kỳ họp thứ bảy HĐND tỉnh', date: '08:04, 01/04/2016', byline: BYLINES[0]!.byline })],
  [
    'the-thao/bong-da.txt',
    dump({
      title: 'Khởi tranh giải bóng đá thiếu niên',
      date: '8:04, 3/4/2016',
      byline: BYLINES[1]!.byline,
      caption: 'Trận khai mạc giải.',
    }),
  ],
  [
    'kinh-te/xuat-khau.txt',
    crlfBom(dump({ title: 'Xuất khẩu dệt may hai tháng đầu năm', date: '16:45, 29/02/2024', byline: BYLINES[2]!.byline })),
  ],
  [
    'van-hoa/cho-vieng.txt',
    dump({ title: 'Náo nức du khách về chợ Viềng', date: '00:05, 01/01/2017', byline: BYLINES[3]!.byline }).normalize('NFD'),
  ],
  ['xa-hoi/tong-hop.txt', dump({ title: 'Bảo đảm an sinh xã hội', date: '09:00, 03/04/2020', byline: BYLINES[5]!.byline, footer: 'none' })],
  ['xa-hoi/anh.txt', dump({ title: 'Ngày hội hiến máu', date: '07:30, 12/07/2016', byline: BYLINES[4]!.byline, footer: 'own-line' })],
  ['giao-duc/khai-giang.txt', dump({ title: 'Học sinh bước vào năm học mới', date: '07:00, 05/09/2022', byline: BYLINES[6]!.byline })],
  [
    'doi-song/utf16.txt',
    Buffer.from(`\uFEFF${dump({ title: 'Em bé đầu tiên chào đời năm 2017', date: '00:01, 01/01/2017', byline: 'Văn Đông' })}`, 'utf16le'),
  ],
  ['thoi-su/thoi-tiet-1.txt', dump({ title: 'Thời tiết hôm nay', date: '06:00, 01/04/2016', byline: 'Văn Đông' })],
  ['thoi-su/thoi-tiet-2.txt', dump({ title: 'Thời tiết hôm nay', date: '06:00, 02/04/2016', byline: 'Văn Đông' })],
  // Same title on the same day as khai-mac.txt: ids come from file names, so two articles (and a warning).
  ['thoi-su/trung-lap.txt', dump({ title: 'Khai mạc kỳ họp thứ bảy HĐND tỉnh', date: '15:00, 01/04/2016', byline: 'Ban Thời sự' })],
  ['kinh-te/nguon.txt', dump({ title: 'Giá lúa tăng', date: '10:00, 05/04/2016', byline: 'PV - Theo VOV' })],
]
/** A paragraph of plain Vietnamese, `n` characters long. */
const long = (n: number) => 'Đây là một đoạn văn rất dài của bài báo. '.repeat(Math.ceil(n / 41)).slice(0, n)
const BAD: Array<[string, string | Buffer, RegExp]> = [
  [
    'loi/khong-ngay.txt',
    'Tiêu đề không có ngày\n\nSáng nay, hội nghị khai mạc./.\n\nVăn ĐôngBÁO NAM ĐỊNH ĐIỆN TỬ\n',
    /loi\/khong-ngay\.txt:3: missing date line/,
  ],
  ['loi/ngay-sai.txt', dump({ title: 'Ngày không có thật', date: '08:00, 31/02/2016' }), /loi\/ngay-sai\.txt:3: unreadable date/],
  [
    'loi/latin1.txt',
    Buffer.from('Titel\n\n08:00, 01/04/2016\n\nGröße und Fähigkeit für Bücher.\n', 'latin1'),
    /loi\/latin1\.txt:5: not valid UTF-8, nor Vietnamese text in Windows-1258 or TCVN3/,
  ],
  [
    'zz-trung-ten/khai-mac.txt',
    dump({ title: 'Một bài khác', date: '15:00, 01/04/2016' }),
    /zz-trung-ten\/khai-mac\.txt:1: same id khai-mac as .*thoi-su\/khai-mac\.txt/,
  ],
  // Oversize, in both ways: too large to read at all, and too large once stored. Neither stops the others.
  [
    'loi/qua-lon.txt',
    dump({ title: 'Quá lớn', date: '08:00, 01/04/2016', paragraphs: [long(1_500_000)] }),
    /loi\/qua-lon\.txt:1: \d+ bytes: no article that large can be stored \(at most 240 KiB stored\)/,
  ],
  [
    'loi/vua-qua.txt',
    dump({ title: 'Vừa quá', date: '08:00, 01/04/2016', paragraphs: [long(120_000), long(121_000)] }),
    /loi\/vua-qua\.txt:5: paragraphs: the article would take \d+ bytes stored; at most 245760/,
  ],
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
    expect(byId.get('khai-mac')).toMatchObject({
      published: '2016-04-01T01:04:00.000Z',
      section: { slug: 'thoi-su', name: 'Thời sự' },
      authors: [{ name: 'Đức Toàn', role: 'text+photo' }],
    })
    expect(byId.get('xuat-khau')?.authors).toEqual([{ name: 'Thanh Thúy', slug: 'thanh-thuy', role: 'text+photo' }])
    expect(byId.get('cho-vieng')).toMatchObject({ title: 'Náo nức du khách về chợ Viềng', published: '2016-12-31T17:05:00.000Z' })
    expect(byId.has('thoi-tiet-1') && byId.has('thoi-tiet-2') && byId.has('trung-lap')).toBe(true)
    expect(byId.get('utf16')).toMatchObject({ section: { slug: 'doi-song' }, authors: [{ name: 'Văn Đông' }] })
    expect(byId.get('nguon')).toMatchObject({ authors: [{ name: 'PV', role: 'text' }], source: 'VOV' })
    expect(run.stderr).toMatch(
      /thoi-su\/trung-lap\.txt:1: same title and day as .*thoi-su\/khai-mac\.txt; imported as two articles \(warning\)/,
    )
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
    expect(second.stdout, second.stderr).toContain('imported 0, replaced 6, rejected 0')

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
    const siteUrl = siteConfig({}).siteUrl
    const first = wranglerKvTarget(join(ROOT, 'wrangler.toml'), location, siteUrl)
    expect((await first.write(v1.map((article) => ({ article })))).map((w) => w.status)).toEqual(v1.map(() => 'imported'))
    await first.close()
    const second = wranglerKvTarget(join(ROOT, 'wrangler.toml'), location, siteUrl)
    expect((await second.write(moved.map((article) => ({ article })))).map((w) => w.status)).toEqual(v1.map(() => 'replaced'))
    await second.close()

    const proxy = await getPlatformProxy<Env>({ configPath: join(ROOT, 'wrangler.toml'), persist: { path: join(state, 'v3') } })
    try {
      const store = articleStore(proxy.env.ARTICLES)
      expect((await store.page({ kind: 'section', slug: 'kinh-te', name: 'Kinh tế' }, 100)).items.map((a) => a.id).sort()).toEqual(
        v1.map((a) => a.id).sort(),
      )
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
        dev: {
          persist: join(work, 'state-url'),
          server: { hostname: '127.0.0.1', port: 0 },
          inspector: false,
          watch: false,
          logLevel: 'none',
        },
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
      expect(rss.items?.map((i) => [i.title, i.pubDate])).toEqual([
        ['Khai mạc kỳ họp thứ bảy HĐND tỉnh', 'Fri, 01 Apr 2016 08:04:00 +0700'],
      ])
      const atom = parseAtomFeed(await (await fetch(`${base}/chuyen-muc/the-thao/atom.xml`)).text())
      // "Tin: Minh Hằng - Ảnh: Viết Dư": the writer is the author, the photographer is credited for the photo (issue 9).
      expect(atom.entries?.map((e) => [e.published, e.authors?.map((a) => a.name)])).toEqual([['2016-04-03T08:04:00+07:00', ['Minh Hằng']]])
      const json = parseJsonFeed(await (await fetch(`${base}/feed.json?limit=100`)).json())
      expect(json.items).toHaveLength(GOOD.length)
      expect(json.items?.map((i) => i.date_published)).toContain('2017-01-01T00:05:00+07:00')

      const again = await runImport([
        '--url',
        `${base}/`,
        '--token',
        'newsroom-secret',
        '--quiet',
        join(dumps, 'thoi-su', 'khai-mac.txt'),
        join(dumps, 'van-hoa'),
      ])
      expect(again.code, again.stderr).toBe(0)
      expect(again.stdout).toContain('imported 0, replaced 2, rejected 0')
      expect(parseJsonFeed(await (await fetch(`${base}/feed.json?limit=100`)).json()).items).toHaveLength(GOOD.length)
    })

    it('sends an article too large for any batch (BATCH_MAX_BYTES) on its own, through PUT', async () => {
      const dir = join(work, 'dumps-dai')
      await mkdir(join(dir, 'the-thao'), { recursive: true })
      const paragraphs = [long(12_000), long(12_000), long(12_000)]
      await writeFile(join(dir, 'the-thao', 'bai-dai.txt'), dump({ title: 'Một bài rất dài', date: '08:00, 02/04/2016', paragraphs }))
      await writeFile(join(dir, 'the-thao', 'bai-ngan.txt'), dump({ title: 'Một bài ngắn', date: '09:00, 02/04/2016' }))
      expect(Buffer.byteLength(paragraphs.join(''))).toBeGreaterThan(DEFAULT_BATCH_LIMITS.maxBytes)
      const run = await runImport(['--url', base, '--quiet', dir], { ADMIN_TOKEN: 'newsroom-secret' })
      expect(run.code, run.stderr).toBe(0)
      expect(run.stdout).toContain('imported 2, replaced 0, rejected 0')
      const stored = await fetch(`${base}/api/articles/bai-dai`, { headers: { Authorization: 'Bearer newsroom-secret' } })
      expect(stored.status).toBe(200)
      expect(((await stored.json()) as { content: string }).content).toContain(paragraphs[2]!.slice(0, 200))
      const again = await runImport(['--url', base, '--quiet', dir], { ADMIN_TOKEN: 'newsroom-secret' })
      expect(again.stdout).toContain('imported 0, replaced 2, rejected 0')
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

/** Old archives: the committed sample dumps, each a demo article saved by the tools of its day. */
const SAMPLES = join(ROOT, 'tests', 'ingest', 'samples', 'legacy')
const LEGACY: Array<{ folder: string; demo: string; encode: (text: string) => Uint8Array; encoding: string }> = [
  {
    folder: 'windows-1258',
    demo: 'thoi-su/2016-04-01-chu-tich-ubnd-lam-viec-voi-so-tt-tt.txt',
    encode: toWindows1258,
    encoding: 'Windows-1258',
  },
  { folder: 'tcvn3', demo: 'kinh-te/2016-04-02-hoi-nghi-xuc-tien-dau-tu.txt', encode: (t) => toTcvn(t, 'VN3'), encoding: 'TCVN3 (VN3)' },
  {
    folder: 'tcvn-vn1',
    demo: 'the-thao/2016-04-03-giai-bong-da-thieu-nien.txt',
    encode: (t) => toTcvn(t, 'VN1'),
    encoding: 'TCVN 5712:1993 (VN1)',
  },
]

describe('old archives in Windows-1258 and TCVN3', () => {
  it('the committed samples are the demo articles as the encoders write them (UPDATE_LEGACY_SAMPLES=1 rewrites them)', async () => {
    for (const { folder, demo, encode } of LEGACY) {
      const path = join(SAMPLES, folder, demo.split('/')[1]!)
      const bytes = encode(await readFile(join(ROOT, 'demo', 'articles', demo), 'utf8'))
      if (process.env.UPDATE_LEGACY_SAMPLES) {
        await mkdir(dirname(path), { recursive: true })
        await writeFile(path, bytes)
      }
      expect(new Uint8Array(await readFile(path)), path).toEqual(bytes)
    }
  })

  it('import as the very articles the UTF-8 demo files give, with a warning naming the encoding', async () => {
    for (const { folder, demo, encoding } of LEGACY) {
      const section = demo.split('/')[0]!
      const legacy = await runImport(['--dry-run', '--section', section, join(SAMPLES, folder)])
      const original = await runImport(['--dry-run', '--section', section, join(ROOT, 'demo', 'articles', demo)])
      expect(legacy.code, legacy.stderr).toBe(0)
      const [article] = JSON.parse(legacy.stdout) as Article[]
      expect(article).toEqual((JSON.parse(original.stdout) as Article[])[0])
      expect(legacy.stderr).toContain(`${folder}/${demo.split('/')[1]}:1: read as ${encoding}, converted to Unicode (NFC)`)
      expect(legacy.stdout.normalize('NFC')).toBe(legacy.stdout)
    }
  })
})

describe('files that are no dumps', () => {
  it('skips a FIFO named *.txt and a symbolic link loop with a warning, and imports the rest', async () => {
    const dir = join(work, 'odd')
    await mkdir(join(dir, 'thoi-su'), { recursive: true })
    await writeFile(join(dir, 'thoi-su', 'bai.txt'), dump({ title: 'Bài thật', date: '08:00, 01/04/2016', byline: 'Văn Đông' }))
    execFileSync('mkfifo', [join(dir, 'thoi-su', 'ong.txt')])
    await symlink('..', join(dir, 'thoi-su', 'vong'))
    await symlink('khong-co.txt', join(dir, 'thoi-su', 'gay.txt'))
    const run = await runImport(['--dry-run', dir])
    expect(run.code, run.stderr).toBe(0)
    expect((JSON.parse(run.stdout) as Article[]).map((a) => a.id)).toEqual(['bai'])
    expect(run.stderr).toMatch(/thoi-su\/ong\.txt: a FIFO, not a dump; skipped \(warning\)/)
    expect(run.stderr).toMatch(/thoi-su\/vong: a folder already walked \(a symbolic link loop\?\); skipped \(warning\)/)
    expect(run.stderr).toMatch(/thoi-su\/gay\.txt: broken symbolic link; skipped \(warning\)/)
    // Named on the command line, a FIFO is an error of its own (exit 1), still without hanging.
    const named = await runImport(['--dry-run', join(dir, 'thoi-su', 'ong.txt'), join(dir, 'thoi-su', 'bai.txt')])
    expect(named.code).toBe(1)
    expect(named.stderr).toMatch(/ong\.txt: a FIFO, not a dump/)
  })
})

describe('articles an earlier version imported (id = day + title) are replaced, never copied', () => {
  const FILES: Array<[string, string]> = [
    [
      'thoi-su/000_5943433bb8521991.txt',
      dump({ title: 'Khai mạc kỳ họp HĐND tỉnh', date: '08:04, 01/04/2016', byline: 'Tin, ảnh: Đức Toàn' }),
    ],
    [
      'the-thao/000_77aa00bb11cc22dd.txt',
      dump({ title: 'Giải bóng đá thiếu niên - nhi đồng', date: '07:45, 03/04/2016', byline: 'Tin: Minh Hằng - Ảnh: Viết Dư' }),
    ],
  ]
  let dir: string
  const config = siteConfig({})
  /** What the earlier importer stored: the same article under day + title. */
  const earlier = () =>
    FILES.map(([name, text]) => {
      const result = dumpToArticle({ path: name, text, section: name.split('/')[0]! }, config)
      if (!result.ok || !result.legacyId) throw new Error('unexpected')
      return { ...result.article, id: result.legacyId, url: `${config.siteUrl}/${result.legacyId}` }
    })

  beforeAll(async () => {
    dir = join(work, 'legacy-ids')
    for (const [name, text] of FILES) {
      await mkdir(dirname(join(dir, name)), { recursive: true })
      await writeFile(join(dir, name), text)
    }
  })

  it('--dry-run shows the ids from the file names', async () => {
    const run = await runImport(['--dry-run', dir])
    expect((JSON.parse(run.stdout) as Article[]).map((a) => a.id).sort()).toEqual(['000-5943433bb8521991', '000-77aa00bb11cc22dd'])
  })

  it('--local replaces them under their old ids', async () => {
    const state = join(work, 'state-legacy-local')
    const proxy = await getPlatformProxy<Env>({ configPath: join(ROOT, 'wrangler.toml'), persist: { path: join(state, 'v3') } })
    try {
      await articleStore(proxy.env.ARTICLES).putMany(earlier())
    } finally {
      await proxy.dispose()
    }
    const run = await runImport(['--local', '--persist-to', state, '--quiet', dir])
    expect(run.stdout, run.stderr).toContain('imported 0, replaced 2, rejected 0')
    const after = await getPlatformProxy<Env>({ configPath: join(ROOT, 'wrangler.toml'), persist: { path: join(state, 'v3') } })
    try {
      expect((await after.env.ARTICLES.list({ prefix: 'art:' })).keys.map((k) => k.name).sort()).toEqual(
        earlier()
          .map((a) => `art:${a.id}`)
          .sort(),
      )
    } finally {
      await after.dispose()
    }
  })

  it('--remote (wrangler kv bulk) replaces them under their old ids', async () => {
    const state = join(work, 'state-legacy-bulk')
    const location = ['--local', '--persist-to', state]
    const seed = wranglerKvTarget(join(ROOT, 'wrangler.toml'), location, config.siteUrl)
    await seed.write(earlier().map((article) => ({ article })))
    await seed.close()
    const items = FILES.map(([name, text]) => {
      const result = dumpToArticle({ path: name, text }, config)
      if (!result.ok) throw new Error('unexpected')
      return { article: result.article, legacyId: result.legacyId! }
    })
    const target = wranglerKvTarget(join(ROOT, 'wrangler.toml'), location, config.siteUrl)
    expect(await target.write(items)).toEqual(earlier().map((a) => ({ status: 'replaced', id: a.id })))
    await target.close()
  }, 180_000)

  it('--url: the server keeps them under their old ids', async () => {
    const worker = await unstable_startWorker({
      config: join(ROOT, 'wrangler.toml'),
      bindings: { ADMIN_TOKEN: { type: 'plain_text', value: 'newsroom-secret' } },
      dev: {
        persist: join(work, 'state-legacy-url'),
        server: { hostname: '127.0.0.1', port: 0 },
        inspector: false,
        watch: false,
        logLevel: 'none',
      },
    })
    try {
      const base = (await worker.url).origin
      for (const article of earlier()) {
        const response = await fetch(`${base}/api/articles/${article.id}`, {
          method: 'PUT',
          headers: { Authorization: 'Bearer newsroom-secret', 'Content-Type': 'application/json' },
          body: JSON.stringify({
            title: article.title,
            published: article.published,
            content: article.content,
            section: article.section.name,
            authors: article.authors.map((a) => ({ name: a.name, role: a.role })),
          }),
        })
        expect(response.status).toBe(201)
      }
      const run = await runImport(['--url', base, '--quiet', dir], { ADMIN_TOKEN: 'newsroom-secret' })
      expect(run.stdout, run.stderr).toContain('imported 0, replaced 2, rejected 0')
      const feed = parseJsonFeed(await (await fetch(`${base}/feed.json`)).json())
      expect(feed.items?.map((i) => i.url).sort()).toEqual(
        earlier()
          .map((a) => a.url)
          .sort(),
      )
    } finally {
      await worker.dispose()
    }
  })
})

/** A stand-in for the admin API that answers as told, recording every article it was sent. */
function fakeServer(answer: (articles: Array<{ id: string; title: string }>, call: number) => { status: number; body: string }) {
  const received: Array<{ id: string; title: string }> = []
  let calls = 0
  const server: Server = createServer((req, res) => {
    let body = ''
    req.on('data', (d: Buffer) => (body += d.toString('utf8')))
    req.on('end', () => {
      const articles = JSON.parse(body) as Array<{ id: string; title: string }>
      const reply = answer(articles, calls++)
      if (reply.status < 300) received.push(...articles)
      res.writeHead(reply.status, { 'Content-Type': 'application/json' }).end(reply.body)
    })
  })
  return {
    received,
    start: () =>
      new Promise<string>((resolve) =>
        server.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`)),
      ),
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }
}

const honest = (articles: Array<{ id: string }>) => articles.map((a, index) => ({ index, id: a.id, status: 201 }))

describe('--url against a misbehaving server', () => {
  const good = () => join(dumps, 'thoi-su')
  const count = async () => (await readdir(good())).length

  it.each([
    ['answers {"results":[]}', () => ({ results: [] }), /does not account for every article sent: 0 results for \d+ articles sent/],
    [
      'answers one element twice',
      (a: Array<{ id: string }>) => ({ results: [...honest(a).slice(0, -1), honest(a)[0]] }),
      /two results for index 0/,
    ],
    [
      'answers an id it was not sent',
      (a: Array<{ id: string }>) => ({ results: honest(a).map((r, i) => (i === 0 ? { ...r, id: 'bai-khac' } : r)) }),
      /index 0 stored as "bai-khac"/,
    ],
    [
      'answers an index it was not sent',
      (a: Array<{ id: string }>) => ({ results: [...honest(a), { index: 99, id: 'x', status: 201 }] }),
      /a result for index 99, which was not sent/,
    ],
    [
      'answers a status that means nothing',
      (a: Array<{ id: string }>) => ({ results: honest(a).map((r) => ({ ...r, status: 302 })) }),
      /index 0 has status 302/,
    ],
  ])('stops with exit 2 when the server %s', async (_name, reply, message) => {
    const server = fakeServer((articles) => ({ status: 200, body: JSON.stringify(reply(articles)) }))
    const base = await server.start()
    try {
      const run = await runImport(['--url', base, '--token', 't', '--quiet', good()])
      expect(run.code, run.stderr).toBe(2)
      expect(run.stderr).toMatch(/import stopped: the server's answer \(200\) does not account for every article sent/)
      expect(run.stderr).toMatch(message)
      expect(run.stdout).not.toMatch(/^imported/m)
    } finally {
      await server.stop()
    }
  })

  it('stops with exit 2 on an answer that is not JSON', async () => {
    const server = fakeServer(() => ({ status: 200, body: '<html>proxy error</html>' }))
    const base = await server.start()
    try {
      const run = await runImport(['--url', base, '--token', 't', good()])
      expect(run.code).toBe(2)
      expect(run.stderr).toContain('import stopped: the server answered 200 without a results list')
    } finally {
      await server.stop()
    }
  })

  it('a batch refused as too large (413) is split until only the file at fault is refused; the rest are imported', async () => {
    const server = fakeServer((articles) =>
      articles.some((a) => a.title === 'Thời tiết hôm nay' && a.id === 'thoi-tiet-2')
        ? { status: 413, body: JSON.stringify({ title: 'Nội dung quá lớn', status: 413 }) }
        : { status: 200, body: JSON.stringify({ results: honest(articles) }) },
    )
    const base = await server.start()
    try {
      const run = await runImport(['--url', base, '--token', 't', good()])
      expect(run.code, run.stderr).toBe(1)
      expect(run.stderr).toMatch(/thoi-su\/thoi-tiet-2\.txt:1: the server refused it as too large \(413\)/)
      expect(run.stdout).toContain(`imported ${(await count()) - 1}, replaced 0, rejected 1`)
      expect(server.received.map((a) => a.id).sort()).toEqual(['khai-mac', 'thoi-tiet-1', 'trung-lap'])
    } finally {
      await server.stop()
    }
  })

  it("a 413 naming the server's limits (BATCH_MAX_ARTICLES) has every later batch sized to fit them", async () => {
    let refused = 0
    const sizes: number[] = []
    const server = fakeServer((articles) => {
      if (articles.length > 2) {
        refused++
        return { status: 413, body: JSON.stringify({ title: 'Nội dung quá lớn', status: 413, maxArticles: 2, maxBytes: 1_000_000 }) }
      }
      sizes.push(articles.length)
      return { status: 200, body: JSON.stringify({ results: honest(articles) }) }
    })
    const base = await server.start()
    try {
      const run = await runImport(['--url', base, '--token', 't', '--quiet', good()])
      expect(run.code, run.stderr).toBe(0)
      expect(run.stdout).toContain(`imported ${await count()}, replaced 0, rejected 0`)
      expect(refused).toBe(1)
      expect(sizes).toEqual([2, 2])
    } finally {
      await server.stop()
    }
  })

  it('retries a 5xx and then goes on', async () => {
    const server = fakeServer((articles, call) =>
      call === 0 ? { status: 502, body: 'bad gateway' } : { status: 200, body: JSON.stringify({ results: honest(articles) }) },
    )
    const base = await server.start()
    try {
      const run = await runImport(['--url', base, '--token', 't', '--quiet', good()])
      expect(run.code, run.stderr).toBe(0)
      expect(run.stdout).toContain(`imported ${await count()}, replaced 0, rejected 0`)
    } finally {
      await server.stop()
    }
  })
})
