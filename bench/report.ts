import type { FeedFormat } from '../src/feeds/model'
import type { LoadResult } from './load'
import type { RenderCpu } from './render-cpu'

export interface InWorkerdRender {
  format: FeedFormat
  items: number
  /** Wall ms per render inside workerd: (time of K renders − time of 0) / K, median of 7. */
  ms: number
}

export interface KvProbe {
  label: string
  result: { status: number; bytes: number; calls: Record<string, number> | null }
}

export interface BenchRun {
  startedAt: Date
  finishedAt: Date
  seconds: number
  connections: number
  items: number
  archive: number
  bigArchive: number
  machine: {
    cpus: number
    cpuModel: string
    memGb: number
    node: string
    workerd: string
    loadBefore: number[]
    loadAfter: number[]
    commit: string
    dirty: boolean
  }
  bundleSize: string
  renders: RenderCpu[]
  /** The same measures on the baseline commit's code, when it was measured. */
  baseline: { commit: string; renders: RenderCpu[] } | null
  inWorkerd: InWorkerdRender[]
  loads: Record<string, LoadResult>
  /** B's req/s over A's in each cycle of a side-by-side pair, keyed by B's run name. */
  cycleRatios: Record<string, number[]>
  kvProbes: KvProbe[]
  seeding: { smallMs: number; bigMs: number }
}

const FORMATS: FeedFormat[] = ['rss', 'atom', 'json']
const f1 = (n: number) => n.toFixed(1)
const f2 = (n: number) => n.toFixed(2)
const ratio = (a: number, b: number) => `${f2(a / b)}×`
const mark = (ok: boolean) => (ok ? '**met**' : '**missed**')
const kb = (bytes: number) => `${f1(bytes / 1024)} KB`
const reads = (calls: Record<string, number> | null) => (calls ? (calls.get ?? 0) + (calls.getWithMetadata ?? 0) + (calls.list ?? 0) : NaN)

function loadRow(r: LoadResult): string {
  const statuses = Object.entries(r.statuses).map(([s, n]) => `${s}×${n}`).join(' ')
  return `| ${r.name} | ${Math.round(r.rps)} | ${f2(r.p50)} | ${f2(r.p99)} | ${f2(r.serverCpuMs)} | ${kb(r.bytes)} | ${statuses}${r.errors ? `, ${r.errors} errors` : ''} | ${f2(r.clientCpu)} |`
}

export function report(run: BenchRun): string {
  const L = (name: string): LoadResult => {
    const r = run.loads[name]
    if (!r) throw new Error(`no load run named ${name}`)
    return r
  }
  const m = run.machine
  const cachedRatios = FORMATS.map((f) => L(`cached ${f}`).rps / L(`ceiling ${f}`).rps)
  /** `1.02× (cycles 0.85–1.20×)`: the pooled ratio, and its range over the A B B A cycles. */
  const pairRatio = (b: string, a: string) => {
    const cycles = run.cycleRatios[b] ?? []
    const range = cycles.length > 1 ? ` (cycles ${f2(Math.min(...cycles))}–${f2(Math.max(...cycles))}×)` : ''
    return `${ratio(L(b).rps, L(a).rps)}${range}`
  }
  const render50 = run.renders.filter((r) => r.items === run.items)
  const worst50 = Math.max(...render50.map((r) => r.renderMs))
  const small = L(`archive ${run.archive} uncached rss`)
  const big = L(`archive ${run.bigArchive} uncached rss`)
  const [smallProbe, bigProbe] = run.kvProbes.filter((p) => p.label.includes('memory KV'))
  const archiveCost = small.rps / big.rps
  const archiveCpu = big.serverCpuMs / small.serverCpuMs
  const kvSame = reads(smallProbe?.result.calls ?? null) === reads(bigProbe?.result.calls ?? null)

  const lines: string[] = []
  const w = (s = '') => lines.push(s)
  w('# Benchmarks')
  w()
  w(`Produced by \`npm run bench\` (\`BENCH_SECONDS=${run.seconds}\`), ${run.startedAt.toISOString()} – ${run.finishedAt.toISOString()},`)
  w(`at commit \`${m.commit}\`${m.dirty ? ' with local changes' : ''}. Every figure below comes from that one run; compare ratios, not absolutes.`)
  w()
  w(`Machine: ${m.cpus} cores (${m.cpuModel}), ${m.memGb} GB, Node ${m.node}, ${m.workerd} (via Miniflare's API, no wrangler dev proxy),`)
  w(`load average ${m.loadBefore.map(f2).join(' / ')} before and ${m.loadAfter.map(f2).join(' / ')} after — the machine is shared, so figures are noisy.`)
  w(`Load: autocannon, ${run.connections} connections, ${run.seconds} s per run, from the same Node process, on 127.0.0.1.`)
  w(`Feeds of ${run.items} items from an archive of ${run.archive} realistic Vietnamese articles (~5 KB of HTML each), written through`)
  w('`buildArticle` and `articleStore.put`. Worker bundle (`npm run build`): ' + run.bundleSize + '.')
  w()
  w('## Goals')
  w()
  w('| goal | measured | |')
  w('|---|---|---|')
  w(`| cached ≥ 0.8 × ceiling (req/s) | ${FORMATS.map((f) => `${f} ${pairRatio(`cached ${f}`, `ceiling ${f}`)}`).join(', ')} | ${mark(cachedRatios.every((r) => r >= 0.8))} |`)
  w(
    `| ${run.items}-item uncached render ≤ 2 ms CPU | render in Node: ${render50.map((r) => `${r.format} ${f2(r.renderMs)}`).join(', ')} ms ` +
      `(in workerd: ${run.inWorkerd.map((r) => `${r.format} ${f2(r.ms)}`).join(', ')} ms); ` +
      `with model, UTF-8 and ETag (the whole uncached compute): ${render50.map((r) => `${r.format} ${f2(r.uncachedMs)}`).join(', ')} ms | ${mark(worst50 <= 2)} |`,
  )
  w(
    `| archive of ${run.bigArchive.toLocaleString('en')} ≤ 1.1 × archive of ${run.archive} per request | KV reads ${reads(bigProbe?.result.calls ?? null)} vs ${reads(smallProbe?.result.calls ?? null)}; ` +
      `uncached req/s ${Math.round(big.rps)} vs ${Math.round(small.rps)} (cost ${f2(archiveCost)}×); workerd CPU/req ${f2(big.serverCpuMs)} vs ${f2(small.serverCpuMs)} ms (${f2(archiveCpu)}×) | ${mark(kvSame && archiveCost <= 1.1 && archiveCpu <= 1.1)} |`,
  )
  w()
  if (run.baseline) {
    const b = run.baseline
    const after = (r: RenderCpu) => run.renders.find((x) => x.items === r.items && x.format === r.format)
    w('## Before and after the fixes (same run)')
    w()
    w(`"Before" is commit \`${b.commit}\`, main just before the fixes below, extracted and measured in this same run: its`)
    w('renderers in Node, and its Worker bundled and loaded beside ours (A B B A). Fixes: article bodies handed to `feed` as short')
    w('tokens and put back once (xml-js copied every body once per nesting level); feeds rendered to pieces and encoded piece by')
    w('piece (the ~300 KB document was built as one string, which V8 puts in freshly mapped memory); the UTF-8 bytes encoded once')
    w('and sent by every response; concurrent requests sharing one revalidation. Main has gained other work since (admin API,')
    w('robustness, embeds), so the render rows isolate the fixes; the load rows compare the whole Worker then and now.')
    w()
    w('| measure | before | after | after / before |')
    w('|---|---:|---:|---:|')
    for (const r of b.renders) {
      const a = after(r)
      if (a) w(`| ${r.items}-item ${r.format}: model + render + UTF-8 + ETag, CPU ms | ${f2(r.uncachedMs)} | ${f2(a.uncachedMs)} | ${f2(a.uncachedMs / r.uncachedMs)}× |`)
    }
    for (const kind of ['cached', 'uncached']) {
      const before = run.loads[`before: ${kind} rss`]
      const now = run.loads[`after: ${kind} rss`]
      if (!before || !now) continue
      w(`| ${kind} rss: req/s | ${Math.round(before.rps)} | ${Math.round(now.rps)} | ${f2(now.rps / before.rps)}× |`)
      w(`| ${kind} rss: workerd CPU ms per request | ${f2(before.serverCpuMs)} | ${f2(now.serverCpuMs)} | ${f2(now.serverCpuMs / before.serverCpuMs)}× |`)
    }
    w()
    const local = run.loads['uncached rss']
    const memory = run.loads[`archive ${run.archive} uncached rss`]
    if (local && memory)
      w(
        `The uncached rows go through Miniflare's local KV simulator, whose own work dominates them: an uncached request costs ` +
          `${f2(local.serverCpuMs)} ms of workerd CPU over it and ${f2(memory.serverCpuMs)} ms over in-memory KV (below), and that share ` +
          'varies from run to run. The render rows are the clean before/after.',
      )
    w()
  }
  w('## Load runs')
  w()
  w('Latency is per response (ms); "CPU/req" is the workerd process\'s CPU (user + system, from /proc, read once the requests')
  w('still in flight at the end have been served) divided by the requests sent — the runtime\'s whole cost: Miniflare\'s entry')
  w('Worker, the local KV simulator, and our code. "client" is the share of one core autocannon used; near 1.0 it, not the')
  w('server, set the pace.')
  w()
  w('| run | req/s | p50 | p99 | CPU/req | response | statuses | client |')
  w('|---|---:|---:|---:|---:|---:|---|---:|')
  for (const r of Object.values(run.loads)) w(loadRow(r))
  w()
  w('## Ratios (req/s)')
  w()
  w('| format | cached / ceiling | uncached / ceiling | cached / naive | uncached / naive |')
  w('|---|---:|---:|---:|---:|')
  for (const f of FORMATS) {
    const c = L(`cached ${f}`).rps
    const u = L(`uncached ${f}`).rps
    w(`| ${f} | ${pairRatio(`cached ${f}`, `ceiling ${f}`)} | ${ratio(u, L(`ceiling ${f}`).rps)} | ${ratio(c, L(`naive ${f}`).rps)} | ${ratio(u, L(`naive ${f}`).rps)} |`)
  }
  w(`| 304 (rss) | ${pairRatio('304 rss', 'ceiling 304 rss')} vs the ceiling's 304 | | ${ratio(L('304 rss').rps, L('naive rss').rps)} vs naive 200 | |`)
  const late = run.loads['cached json (after uncached load)']
  if (late) {
    w()
    w(`After the uncached runs (each request a new origin, so ~${Math.round(32 * 1024 / 310)} one-off documents fill the 32 MB render cache),`)
    w(`the same isolate serves hot json at ${pairRatio('cached json (after uncached load)', 'ceiling json (after uncached load)')} the ceiling, against`)
    w(`${pairRatio('cached json', 'ceiling json')} before them (see "Open" below).`)
  }
  w()
  w('## CPU of one render')
  w()
  w('In Node, on the real renderer (`renderFeedParts`), median and fastest of 9 batches of `process.cpuUsage()` (user + system);')
  w('"uncached" adds what an uncached request computes besides KV: `buildFeedModel`, the render, the UTF-8 bytes and their SHA-256')
  w('ETag (`rendered`);')
  w('"UTF-8 + ETag only" is that last step alone, on an already rendered document: what any renderer would pay for these bytes.')
  w()
  w('| items | format | size | render ms | (fastest) | of which system | UTF-8 + ETag only | uncached ms | (fastest) | of which system |')
  w('|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|')
  for (const r of run.renders)
    w(
      `| ${r.items} | ${r.format} | ${kb(r.bytes)} | ${f2(r.renderMs)} | ${f2(r.renderMinMs)} | ${f2(r.renderSysMs)} | ${f2(r.bytesMs)} | ` +
        `${f2(r.uncachedMs)} | ${f2(r.uncachedMinMs)} | ${f2(r.uncachedSysMs)} |`,
    )
  w()
  w(`Inside workerd (harness Worker, ${run.items} items, wall time of 40 renders minus 0, median of 7; workerd's clock only`)
  w(`advances on I/O, so this is timed from outside): ${run.inWorkerd.map((r) => `${r.format} ${f2(r.ms)} ms`).join(', ')} per render.`)
  w()
  w('## KV operations per request')
  w()
  w('Counted by running the real app over an instrumented binding (`fixtures/counting-kv.ts`), as Cloudflare bills them')
  w('(a bulk get of many keys is one operation).')
  w()
  w('| request | status | get | getWithMetadata | list | reads |')
  w('|---|---:|---:|---:|---:|---:|')
  for (const p of run.kvProbes) {
    const c = p.result.calls ?? {}
    w(`| ${p.label} | ${p.result.status} | ${c.get ?? 0} | ${c.getWithMetadata ?? 0} | ${c.list ?? 0} | ${reads(p.result.calls)} |`)
  }
  w(`The naive Worker makes 1 list + ${run.archive} gets per request on the same data (${run.archive + 1} reads, growing with the archive).`)
  w()
  w('## Open')
  w()
  w('- Noise floor: the trivial ceiling Worker alone, serving the same 320 KB body in identical 4 s runs, swung between 0.6 and')
  w('  2.6 ms of workerd CPU per request while workerd\'s memory grew from 260 to 750 MB and was collected (a separate check):')
  w('  the response buffers\' garbage collection dominates. Ratios within about ±30 % are not meaningful on this machine; the')
  w('  cycle ranges above show how far they move within one run.')
  w('- After the uncached runs (hundreds of one-off documents through the render cache) hot requests of that isolate measured')
  w('  slower against the ceiling (above; about half the throughput in a separate check). It may be the same garbage-collection')
  w('  effect rather than a cost of ours (idle CPU stays zero; a trivial Worker holding 32 MB of byte arrays does not slow')
  w('  down); unconfirmed. In production the render cache holds one entry per feed URL. Worth a look with `--inspect`.')
  w('- The Atom render stays above 2 ms: `feed`\'s Atom writer hands xml-js bare strings (ids, dates, names), which xml-js')
  w('  walks character by character (`for…in`) on every render; beyond what we control without replacing `feed`\'s Atom writer.')
  w()
  w('## Method')
  w()
  w('- **Bundles**: every Worker is bundled by `wrangler deploy --dry-run --outdir bench/.tmp/<name>` and run from that file')
  w('  with wrangler.toml\'s compatibility date, vars and KV binding (`unstable_getMiniflareWorkerOptions`). Each of ours, the')
  w('  naive Worker and the ceiling runs in its own Miniflare instance (one workerd process each), reached through Miniflare\'s')
  w('  entry socket like any client. Runs are sequential; pairs compared by a ratio (ours and the ceiling, the two 304s, before')
  w('  and after, the two archives) alternate A B B A (three times; once for uncached pairs) in pieces adding up to the run')
  w('  length each, then are pooled, so the load other processes put on the shared machine falls on both sides alike. Each')
  w('  piece starts with one lone request.')
  w('- **Ceiling** (`bench/ceiling.ts`): answers each feed path with the exact status, headers and body ours served, held in a')
  w('  binding; for the 304 run it compares If-None-Match to the stored ETag and answers 304 with our 304\'s headers.')
  w('- **Cached**: the same URL over and over; the per-isolate render cache serves it, revalidating with one KV read a second.')
  w('- **Uncached**: right before the run the harness makes a real write (`articleStore.put` of the newest article), and each')
  w('  request carries a never-seen origin (Miniflare\'s `MF-Original-URL` header sets the request URL the Worker sees, as a')
  w('  distinct Host would in production). The origin is part of the render-cache key (self links use it), so every request')
  w('  misses and does what the first request after a write does: read the feed\'s version token, list and bulk-get the page,')
  w('  build the model, render, hash the ETag, keep the entry in memory (the cache keeps filling and evicting). As for a real')
  w('  first request after a write, the version is younger than `KV_SETTLE_MS`, so the render is not offered to the edge')
  w('  cache. A write per request would time the write instead; a bench-only switch in the Worker would not be the shipped code.')
  w('- **304**: If-None-Match with the current ETag.')
  w(`- **Naive** (\`bench/naive.ts\`): lists every \`art:\` key, gets each (${run.archive} gets), sorts, renders the newest ${run.items} with \`feed\`.`)
  w(`- **Archive of ${run.archive} vs ${run.bigArchive.toLocaleString('en')}**: Miniflare's local KV takes a few hundred writes a second (100,000 articles`)
  w('  would take over half an hour) and its list is `WHERE substr(key, 1, len) = prefix ORDER BY key LIMIT n`, a scan of every')
  w('  key sorting before the prefix — unlike Cloudflare\'s range read — so it would time the simulator, not our code. This')
  w('  comparison therefore runs the real app (bundled into `bench/harness.ts`) over an in-memory KV binding (`bench/memory-kv.ts`,')
  w('  binary-searched prefix list, values kept as bytes, no other work), through the same HTTP path and load generator.')
  w(`  Both archives are written through the real \`articleStore.put\`; the newest ${run.archive} are the same full articles built by`)
  w(`  \`buildArticle\`; the ${(run.bigArchive - run.archive).toLocaleString('en')} older ones are short (~400 bytes of text) copies of 32 built articles with their own`)
  w(`  title, id, date and URL, since a feed of the newest ${run.items} never reads them. Seeding took ${f1(run.seeding.smallMs / 1000)} s and ${f1(run.seeding.bigMs / 1000)} s.`)
  w('- **Render CPU**: `bench/render-cpu.ts` in Node (same V8 as workerd), cross-checked inside workerd as above.')
  w()
  return `${lines.join('\n')}\n`
}
