/**
 * `npm run bench`: ours against the runtime's ceiling and a naive Worker, side by side in one run,
 * in workerd through Miniflare's API (no wrangler dev proxy), loaded by autocannon on 127.0.0.1.
 * Writes bench/RESULTS.md. BENCH_SECONDS (default 6) sets each load run's length.
 */
import { execFileSync } from 'node:child_process'
import { appendFileSync, copyFileSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import { dirname, join } from 'node:path'
import type { Miniflare } from 'miniflare'
import { FEED_FORMATS, type FeedFormat } from '../src/feeds/model'
import { batchCpuInNode, batchCpuInWorkerd } from './admin-cpu'
import { load, merge, type LoadResult } from './load'
import { loadTree, renderCpu } from './render-cpu'
import { RENDER_MODES, report, type InWorkerdRender, type KvProbe } from './report'
import { bundle, deployedOptions, OUT, start, timedInWorkerd, workerdVersion, type Runtime } from './workers'

const SECONDS = Number(process.env.BENCH_SECONDS ?? 6)
const CONNECTIONS = 10
/** Items per feed and articles in the main archive. */
const ITEMS = 50
const ARCHIVE = 100
const BIG_ARCHIVE = 100_000
const FORMATS = Object.keys(FEED_FORMATS) as FeedFormat[]
/** Lets the render cache's revalidation window (1 s) pass after seeding. */
const SETTLE_MS = 1_100
/**
 * The code the "before" figures run: main before item templates and the composed ETag, with per-version
 * items (BENCH_BASELINE=<commit>, or "none" to skip). Its src/ is extracted and measured in the same run.
 */
const BASELINE = process.env.BENCH_BASELINE ?? 'fa4acaefdcc65655f51c0ca73d94fa7975a90f04'

/** What a baseline tree lacks of what the render Worker imports, by path: none of it, so it renders as it did. */
const BASELINE_SHIMS: Record<string, string> = {
  'src/feeds/items.ts': 'export const itemCache = { clear(): void {} }\n',
  'src/feeds/templates.ts': 'export function forgetTemplates(): void {}\n',
  'src/feeds/outputs.ts':
    'export const feedOutputs = (_: unknown) => ({ names: [], render: async (_a: unknown) => [] })\n' +
    'export async function keepStoredItems(..._: unknown[]): Promise<void> {}\n',
  'src/store/outputs.ts':
    'export const outputWrites = (..._: unknown[]): Array<{ key: string; value: string }> => []\n' +
    'export const storedOutput = (..._: unknown[]) => null\n',
  // `rendered` lived in http/rendered.ts before caching had a folder of its own.
  'src/cache/document.ts': "export { rendered } from '../http/rendered'\n",
}

/**
 * The baseline's src/ under bench/.tmp, with this tree's render Worker (and the corpus it reads) beside it,
 * or null when there is none (skipped, or not in this clone). A tree without an item cache gets an empty
 * one (and no item templates), one without stored items none to read (its fresh isolate renders every item),
 * and one from before src/cache/ a re-export of its `rendered`, so the Worker builds against it unchanged.
 */
function extractBaseline(): { commit: string; src: string; renderWorker: string } | null {
  if (BASELINE === 'none') return null
  try {
    execFileSync('git', ['cat-file', '-e', `${BASELINE}^{commit}`], { stdio: 'ignore' })
  } catch {
    return null
  }
  const dir = join(OUT, 'baseline')
  rmSync(dir, { recursive: true, force: true })
  mkdirSync(dir, { recursive: true })
  execFileSync('sh', ['-c', 'git archive "$0" src | tar -x -C "$1"', BASELINE, dir])
  mkdirSync(join(dir, 'bench'))
  for (const file of ['render-worker.ts', 'admin-worker.ts', 'admin-batch.ts', 'corpus.ts'])
    copyFileSync(join('bench', file), join(dir, 'bench', file))
  for (const [path, text] of Object.entries(BASELINE_SHIMS)) {
    const file = join(dir, path)
    if (existsSync(file)) continue
    mkdirSync(dirname(file), { recursive: true })
    writeFileSync(file, text)
  }
  const keys = join(dir, 'src/store/keys.ts')
  if (!readFileSync(keys, 'utf8').includes('outputKey'))
    appendFileSync(keys, 'export const outputKey = (name: string, id: string) => `out:${name}:${id}`\n')
  return { commit: BASELINE.slice(0, 7), src: join(dir, 'src'), renderWorker: join(dir, 'bench/render-worker.ts') }
}

type RunOptions = Partial<Parameters<typeof load>[0]>

const log = (...args: unknown[]) => console.log(`[bench ${Math.round(process.uptime())}s]`, ...args)
const path = (format: FeedFormat) => `/${FEED_FORMATS[format].file}?limit=${ITEMS}`
const file = (format: FeedFormat) => `/${FEED_FORMATS[format].file}`

let origins = 0
/** A never-seen origin: the request misses every per-isolate render cache entry (see RESULTS.md). */
const freshOrigin = (target: string) => () => ({ 'MF-Original-URL': `http://o${++origins}.bench.test${target}` })

async function harness(mf: Miniflare, query: string): Promise<unknown> {
  const response = await (await mf.getWorker('harness')).fetch(`http://harness${query}`)
  if (!response.ok) throw new Error(`harness ${query}: ${response.status} ${await response.text()}`)
  return response.json()
}

// Framing, and the encoding Miniflare's entry Worker adds (it emulates Cloudflare's edge compression,
// which in production costs the Worker nothing): the load generator asks for identity, like the ceiling.
const DROPPED_HEADERS = new Set(['date', 'content-length', 'transfer-encoding', 'connection', 'keep-alive', 'content-encoding'])
const IDENTITY = { 'Accept-Encoding': 'identity' }
function headersOf(response: Response): Record<string, string> {
  return Object.fromEntries([...response.headers].filter(([name]) => !DROPPED_HEADERS.has(name)))
}

async function main(): Promise<void> {
  const startedAt = new Date()
  const machine = {
    cpus: os.availableParallelism(),
    cpuModel: os.cpus()[0]?.model ?? '?',
    memGb: Math.round(os.totalmem() / 2 ** 30),
    node: process.version,
    workerd: workerdVersion(),
    loadBefore: os.loadavg(),
    commit: execFileSync('git', ['rev-parse', '--short', 'HEAD'], { encoding: 'utf8' }).trim(),
    // This file is the run's own output; any other change means the figures are not the commit's.
    dirty:
      execFileSync('git', ['status', '--porcelain', '--untracked-files=no', '--', '.', ':!bench/RESULTS.md'], {
        encoding: 'utf8',
      }).trim() !== '',
  }
  log('machine', machine)

  const baseline = extractBaseline()
  log('render CPU in Node', baseline ? `(and of ${baseline.commit}, the baseline)` : '')
  const renders = await renderCpu(await loadTree('src'), [20, 50, 100, 500])
  const baselineRenders = baseline ? await renderCpu(await loadTree(baseline.src), [ITEMS, 2 * ITEMS]) : []
  log('admin batch CPU in Node')
  const batches = await batchCpuInNode()

  log('bundling with wrangler deploy --dry-run')
  const [ours, naiveBundle, harnessBundle, ceilingBundle, renderBundle, baselineBundle, baselineRenderBundle] = await Promise.all([
    bundle('ours'),
    bundle('naive', 'bench/naive.ts'),
    bundle('harness', 'bench/harness.ts'),
    bundle('ceiling', 'bench/ceiling.ts'),
    bundle('render', 'bench/render-worker.ts'),
    baseline ? bundle('before', join(baseline.src, 'index.ts')) : undefined,
    baseline ? bundle('render-before', baseline.renderWorker) : undefined,
  ])
  const deployed = deployedOptions()
  const harnessWorker = { ...deployed, name: 'harness', modules: true, scriptPath: harnessBundle.path }

  log(`starting workerd: ours and naive over local KV with ${ARCHIVE} articles`)
  const runtimes: Runtime[] = []
  const oursRt = await start([{ ...deployed, name: 'ours', modules: true, scriptPath: ours.path }, harnessWorker])
  runtimes.push(oursRt)
  const naiveRt = await start([{ ...deployed, name: 'naive', modules: true, scriptPath: naiveBundle.path }, harnessWorker])
  runtimes.push(naiveRt)
  const beforeRt = baselineBundle
    ? await start([{ ...deployed, name: 'before', modules: true, scriptPath: baselineBundle.path }, harnessWorker])
    : null
  if (beforeRt) runtimes.push(beforeRt)
  try {
    await Promise.all([oursRt, naiveRt, beforeRt].map((rt) => rt && harness(rt.mf, `/seed?count=${ARCHIVE}&parallel=8`)))
    await new Promise((r) => setTimeout(r, SETTLE_MS))

    // The ceiling serves exactly what ours served.
    const responses: Record<string, { body: string; headers: Record<string, string>; etag: string; notModified: Record<string, string> }> =
      {}
    for (const format of FORMATS) {
      const hot = await fetch(new URL(path(format), oursRt.url), { headers: IDENTITY })
      const body = await hot.text()
      const etag = hot.headers.get('ETag') ?? ''
      const cond = await fetch(new URL(path(format), oursRt.url), { headers: { ...IDENTITY, 'If-None-Match': etag } })
      await cond.arrayBuffer()
      if (hot.status !== 200 || cond.status !== 304)
        throw new Error(`${format}: ours answered ${hot.status}, then ${cond.status} to If-None-Match`)
      const items =
        format === 'json'
          ? (JSON.parse(body) as { items: unknown[] }).items.length
          : (body.match(format === 'rss' ? /<item>/g : /<entry>/g) ?? []).length
      if (items !== ITEMS) throw new Error(`${format}: ours served ${items} items, expected ${ITEMS}`)
      responses[file(format)] = { body, headers: headersOf(hot), etag, notModified: headersOf(cond) }
    }
    const ceilingRt = await start([
      {
        compatibilityDate: deployed.compatibilityDate,
        name: 'ceiling',
        modules: true,
        scriptPath: ceilingBundle.path,
        bindings: { RESPONSES: responses },
      },
    ])
    runtimes.push(ceilingRt)
    for (const format of FORMATS) {
      // Twice: a body held as bytes must not be used up by the first response.
      for (let i = 0; i < 2; i++) {
        const body = await (await fetch(new URL(path(format), ceilingRt.url), { headers: IDENTITY })).text()
        if (body !== responses[file(format)]?.body) throw new Error(`${format}: the ceiling's body differs from ours`)
      }
    }
    // An uncached request really renders: the fresh origin shows up in its self link.
    const probe = await fetch(new URL(path('rss'), oursRt.url), { headers: { 'MF-Original-URL': `http://check.bench.test${path('rss')}` } })
    if (!(await probe.text()).includes('http://check.bench.test/rss.xml')) throw new Error('a fresh origin did not reach the renderer')

    log('load runs')
    const run = async (name: string, rt: Runtime, target: string, extra: RunOptions = {}) => {
      // One request first, alone: a hot run starts hot (ten concurrent misses of one key would all render).
      const primed = await fetch(new URL(target, rt.url), { headers: { ...IDENTITY, ...extra.headers, ...extra.perRequest?.() } })
      await primed.arrayBuffer()
      return load({ name, url: new URL(target, rt.url).href, pid: rt.pid, seconds: SECONDS, connections: CONNECTIONS, ...extra })
    }
    // Warm every isolate and JIT before anything is recorded.
    for (const [rt, target] of [
      [oursRt, path('rss')],
      [ceilingRt, path('rss')],
      [naiveRt, path('rss')],
    ] as const)
      await run('warm-up', rt, target, { seconds: 1 })
    await run('warm-up', oursRt, path('rss'), { seconds: 1, perRequest: freshOrigin(path('rss')) })

    const loads: Record<string, LoadResult> = {}
    /** For each pair, B's req/s over A's in each A B B A cycle: how much the ratio moves within the run. */
    const cycleRatios: Record<string, number[]> = {}
    const record = (r: LoadResult) => {
      loads[r.name] = r
      log(
        `${r.name}: ${Math.round(r.rps)} req/s, p50 ${r.p50.toFixed(2)} ms, p99 ${r.p99.toFixed(2)} ms, ${r.serverCpuMs.toFixed(2)} ms CPU/req, ${JSON.stringify(r.statuses)}`,
      )
    }
    /**
     * Two scenarios side by side: A B B A, `cycles` times over, in pieces that add up to SECONDS each, so
     * the load other processes put on the machine (it drifts from second to second) falls on both alike.
     * Slow (uncached) scenarios take one cycle: a piece's last requests, cut off when it stops, would
     * otherwise be a large share of its few.
     */
    const sideBySide = async (a: [string, Runtime, string, RunOptions?], b: [string, Runtime, string, RunOptions?], cycles = 3) => {
      const piece = (x: typeof a) => run(x[0], x[1], x[2], { seconds: SECONDS / (2 * cycles), ...x[3] })
      const as: LoadResult[] = []
      const bs: LoadResult[] = []
      const ratios: number[] = []
      for (let i = 0; i < cycles; i++) {
        const a1 = await piece(a)
        const [b1, b2] = [await piece(b), await piece(b)]
        const a2 = await piece(a)
        as.push(a1, a2)
        bs.push(b1, b2)
        ratios.push(merge('', [b1, b2]).rps / merge('', [a1, a2]).rps)
      }
      record(merge(a[0], as))
      record(merge(b[0], bs))
      cycleRatios[b[0]] = ratios
    }
    // Hot runs first, on an isolate that has served only hot requests. The uncached runs below give each
    // request a never-seen origin, which fills the render cache with hundreds of one-off documents (in
    // production it holds one per feed URL); that leaves hot requests of the isolate measurably slower,
    // which the "after uncached load" pair at the end shows.
    for (const format of FORMATS)
      await sideBySide([`ceiling ${format}`, ceilingRt, path(format)], [`cached ${format}`, oursRt, path(format)])
    const etag = responses[file('rss')]?.etag ?? ''
    await sideBySide(
      ['ceiling 304 rss', ceilingRt, path('rss'), { headers: { 'If-None-Match': etag } }],
      ['304 rss', oursRt, path('rss'), { headers: { 'If-None-Match': etag } }],
    )
    if (beforeRt) await sideBySide(['before: cached rss', beforeRt, path('rss')], ['after: cached rss', oursRt, path('rss')])

    for (const format of FORMATS) {
      await harness(oursRt.mf, '/touch')
      record(await run(`uncached ${format}`, oursRt, path(format), { perRequest: freshOrigin(path(format)) }))
      record(await run(`naive ${format}`, naiveRt, path(format)))
    }
    if (beforeRt) {
      await Promise.all([harness(beforeRt.mf, '/touch'), harness(oursRt.mf, '/touch')])
      const fresh = { perRequest: freshOrigin(path('rss')) }
      await sideBySide(['before: uncached rss', beforeRt, path('rss'), fresh], ['after: uncached rss', oursRt, path('rss'), fresh], 1)
    }
    await harness(oursRt.mf, '/touch')
    record(await run('uncached rss, 1 connection', oursRt, path('rss'), { connections: 1, perRequest: freshOrigin(path('rss')) }))
    await sideBySide(
      ['ceiling json (after uncached load)', ceilingRt, path('json')],
      ['cached json (after uncached load)', oursRt, path('json')],
    )

    // KV operations per request, counted by running the real app over an instrumented binding.
    const kvProbes: KvProbe[] = []
    const count = async (label: string, rt: Runtime, query: string) => {
      const result = (await harness(rt.mf, query)) as KvProbe['result']
      kvProbes.push({ label, result })
    }
    await count(
      `uncached rss, local KV, ${ARCHIVE} articles`,
      oursRt,
      `/count?url=${encodeURIComponent(`http://k1.bench.test${path('rss')}`)}`,
    )
    await count(`same request again (cached)`, oursRt, `/count?url=${encodeURIComponent(`http://k1.bench.test${path('rss')}`)}`)
    await count(
      `the same, in a fresh isolate (items stored with the articles)`,
      oursRt,
      `/count?fresh&url=${encodeURIComponent(`http://k1.bench.test${path('rss')}`)}`,
    )

    log(`archives of ${ARCHIVE} and ${BIG_ARCHIVE} articles in memory`)
    const archiveRt = await start([harnessWorker])
    runtimes.push(archiveRt)
    const seedStart = performance.now()
    await harness(archiveRt.mf, `/seed?archive=small&count=${ARCHIVE}&full=${ARCHIVE}&parallel=8`)
    const smallSeedMs = performance.now() - seedStart
    const bigStart = performance.now()
    for (let from = 0; from < BIG_ARCHIVE; from += 25_000)
      await harness(
        archiveRt.mf,
        `/seed?archive=big&from=${from}&count=${Math.min(25_000, BIG_ARCHIVE - from)}&full=${ARCHIVE}&older=400&parallel=8`,
      )
    const bigSeedMs = performance.now() - bigStart
    for (const fresh of [false, true])
      for (const archive of ['small', 'big'])
        await count(
          `uncached rss, ${archive === 'small' ? ARCHIVE : BIG_ARCHIVE} articles (memory KV)${fresh ? ', fresh isolate' : ''}`,
          archiveRt,
          `/count?archive=${archive}${fresh ? '&fresh' : ''}&url=${encodeURIComponent(`http://k-${archive}.bench.test${path('rss')}`)}`,
        )
    for (const archive of ['small', 'big']) {
      const target = `/mem/${archive}${path('rss')}`
      await run('warm-up', archiveRt, target, { seconds: 1, perRequest: freshOrigin(target) })
    }
    await Promise.all(['small', 'big'].map((archive) => harness(archiveRt.mf, `/touch?archive=${archive}`)))
    const archiveRun = (archive: string, size: number): [string, Runtime, string, RunOptions] => {
      const target = `/mem/${archive}${path('rss')}`
      return [`archive ${size} uncached rss`, archiveRt, target, { perRequest: freshOrigin(target) }]
    }
    // Three cycles: one measured 1.01× and 1.38× in two runs, the machine's noise, not the archive.
    await sideBySide(archiveRun('small', ARCHIVE), archiveRun('big', BIG_ARCHIVE), 3)

    log('renders inside workerd, timed from outside')
    const renderWorkers = [
      { name: 'after' as const, bundle: renderBundle },
      ...(baselineRenderBundle ? [{ name: 'before' as const, bundle: baselineRenderBundle }] : []),
    ]
    const renderRt = await start(renderWorkers.map((w) => ({ ...deployed, name: w.name, modules: true, scriptPath: w.bundle.path })))
    runtimes.push(renderRt)
    const inWorkerd: InWorkerdRender[] = []
    for (const { name } of renderWorkers) {
      const worker = await renderRt.mf.getWorker(name)
      for (const items of [ITEMS, 2 * ITEMS])
        for (const mode of RENDER_MODES)
          for (const format of FORMATS) {
            // Fewer repetitions of the slow kind keep each timing near a second.
            const ms = await timedInWorkerd(worker, `items=${items}&format=${format}&mode=${mode}`, mode === 'cold' ? 10 : 40)
            inWorkerd.push({ tree: name, mode, format, items, ms })
          }
    }

    // What a write renders besides validation: 4 articles' items in every format, per article.
    const writeRenderMs = (await timedInWorkerd(await renderRt.mf.getWorker('after'), 'items=4&mode=outputs', 10)) / 4

    log('admin batch CPU inside workerd')
    await batchCpuInWorkerd(await renderRt.mf.getWorker('after'), batches)

    const markdown = report({
      startedAt,
      finishedAt: new Date(),
      seconds: SECONDS,
      connections: CONNECTIONS,
      items: ITEMS,
      archive: ARCHIVE,
      bigArchive: BIG_ARCHIVE,
      machine: { ...machine, loadAfter: os.loadavg() },
      bundleSize: ours.size,
      renders,
      baseline: baseline && { commit: baseline.commit, renders: baselineRenders },
      inWorkerd,
      batches,
      writeRenderMs,
      loads,
      cycleRatios,
      kvProbes,
      seeding: { smallMs: smallSeedMs, bigMs: bigSeedMs },
    })
    writeFileSync('bench/RESULTS.md', markdown)
    log('wrote bench/RESULTS.md')
  } finally {
    for (const rt of runtimes) await rt.mf.dispose()
  }
}

await main()
