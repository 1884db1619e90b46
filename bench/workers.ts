import { execFile, execFileSync } from 'node:child_process'
import { promisify } from 'node:util'
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { Miniflare, type WorkerOptions } from 'miniflare'
import { unstable_getMiniflareWorkerOptions } from 'wrangler'

export const OUT = 'bench/.tmp'

const run = promisify(execFile)
const WRANGLER_ENV = { ...process.env, CLOUDFLARE_CF_FETCH_ENABLED: 'false', WRANGLER_SEND_METRICS: 'false' }

export interface Bundle {
  path: string
  /** What wrangler reports for an upload: "254.67 KiB / gzip: 54.39 KiB". */
  size: string
}

/**
 * Bundles a Worker exactly as `wrangler deploy` would upload it (`--dry-run`). Without `entry`, the
 * service itself (wrangler.toml's `main`); with it, a benchmark Worker from bench/.
 */
export async function bundle(name: string, entry?: string): Promise<Bundle> {
  const outdir = join(OUT, name)
  const { stdout } = await run('npx', ['wrangler', 'deploy', '--dry-run', '--outdir', outdir, ...(entry ? [entry] : [])], {
    env: WRANGLER_ENV,
  })
  const file = readdirSync(outdir).find((f) => f.endsWith('.js'))
  if (!file) throw new Error(`wrangler wrote no bundle for ${name}`)
  return { path: join(outdir, file), size: /Total Upload: (.+)/.exec(stdout)?.[1]?.trim() ?? '?' }
}

/**
 * Every binding, var, compatibility date and flag wrangler.toml gives the Worker (what `wrangler dev`
 * would pass to Miniflare), so each Worker under test runs as deployed. Module rules are dropped: the
 * bench runs bundles.
 */
export function deployedOptions(): WorkerOptions {
  const { workerOptions } = unstable_getMiniflareWorkerOptions('wrangler.toml')
  const { modulesRules: _rules, ...options } = workerOptions
  return options as WorkerOptions
}

function workerdChildren(): Set<number> {
  const pids = new Set<number>()
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8')
      const comm = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'))
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1])
      if (comm === 'workerd' && ppid === process.pid) pids.add(Number(entry))
    } catch {
      // the process ended while we looked
    }
  }
  return pids
}

/** A Miniflare (one workerd process) serving the first of `workers` on its own port. */
export interface Runtime {
  mf: Miniflare
  url: URL
  /** The workerd process, for CPU accounting. */
  pid: number
}

export async function start(workers: WorkerOptions[]): Promise<Runtime> {
  const before = workerdChildren()
  const mf = new Miniflare({ host: '127.0.0.1', port: 0, workers })
  const url = await mf.ready
  const fresh = [...workerdChildren()].filter((pid) => !before.has(pid))
  if (fresh.length !== 1) throw new Error(`expected one new workerd process, found ${fresh.length}`)
  return { mf, url, pid: fresh[0] as number }
}

/** The workerd binary's version line, e.g. "workerd 2026-04-26". */
export function workerdVersion(): string {
  return execFileSync('npx', ['workerd', '--version'], { encoding: 'utf8' }).trim()
}

/** A Worker as Miniflare hands it out: fetch only. */
interface Fetcher {
  fetch(url: string): Promise<{ ok: boolean; status: number; text(): Promise<string>; arrayBuffer(): Promise<ArrayBuffer> }>
}

/**
 * Wall ms per repetition of the work `query` asks a bench Worker to repeat `reps` times: (time of reps − time
 * of 0) / reps, median of 7, after one untimed run. workerd's clock only advances on I/O, so the work is timed
 * from outside, and the request's own cost cancels out.
 */
export async function timedInWorkerd(worker: Fetcher, query: string, reps: number): Promise<number> {
  const timed = async (n: number) => {
    const t = performance.now()
    const response = await worker.fetch(`http://bench/?${query}&reps=${n}`)
    if (!response.ok) throw new Error(`bench worker ${query}: ${response.status} ${await response.text()}`)
    await response.arrayBuffer()
    return performance.now() - t
  }
  await timed(reps)
  const per: number[] = []
  for (let i = 0; i < 7; i++) per.push(((await timed(reps)) - (await timed(0))) / reps)
  return per.sort((a, b) => a - b)[3] as number
}
