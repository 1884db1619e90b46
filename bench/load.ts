import autocannon from 'autocannon'
import { readFileSync } from 'node:fs'

/** One fixed-duration load run against one URL, with the server's and the load generator's CPU. */
export interface LoadResult {
  name: string
  requests: number
  rps: number
  p50: number
  p99: number
  /** Status codes seen, e.g. { 200: 5123 }. */
  statuses: Record<number, number>
  errors: number
  /** Mean response size in bytes (headers and body). */
  bytes: number
  /** workerd CPU (user + system) per request, ms: the runtime's whole cost, our code included. */
  serverCpuMs: number
  /** Share of one core the load generator used; near 1 means it, not the server, set the pace. */
  clientCpu: number
  /**
   * What merging runs needs: every latency (sorted), seconds elapsed, CPU ms of server and client, and
   * requests sent (those still in flight when the run stopped are served anyway, and cost CPU too).
   */
  raw: { latencies: Float64Array; seconds: number; serverMs: number; clientMs: number; bytes: number; sent: number }
}

export interface LoadOptions {
  name: string
  url: string
  /** workerd process serving the URL, for CPU accounting. */
  pid: number
  seconds: number
  connections: number
  headers?: Record<string, string>
  /** Headers computed per request (e.g. a fresh origin so each request misses the render cache). */
  perRequest?: () => Record<string, string>
}

const CLOCK_TICKS_PER_SECOND = 100

/** utime + stime of a process, ms (Linux /proc). */
function processCpuMs(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
  // Fields after the parenthesised command name, which may itself contain spaces.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS_PER_SECOND
}

function percentile(sorted: Float64Array, p: number): number {
  if (sorted.length === 0) return NaN
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] as number
}

export async function load(o: LoadOptions): Promise<LoadResult> {
  // Latency from each response's own timing (autocannon's histogram keeps whole ms and only 2xx).
  const latencies: number[] = []
  const statuses: Record<number, number> = {}
  let bytes = 0
  const perRequest = o.perRequest
  const serverBefore = processCpuMs(o.pid)
  const clientBefore = process.cpuUsage()
  const started = performance.now()
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      {
        url: o.url,
        connections: o.connections,
        duration: o.seconds,
        // Identity, as the edge would hand a Worker: Miniflare's entry Worker would otherwise gzip RSS
        // (and not Atom or JSON Feed) in the runtime, emulating compression Cloudflare does outside it.
        headers: { 'Accept-Encoding': 'identity', ...o.headers },
        ...(perRequest && {
          requests: [{ setupRequest: (request) => ({ ...request, headers: { ...request.headers, ...perRequest() } }) }],
        }),
      },
      (error, done) => (error ? reject(error) : resolve(done)),
    )
    instance.on('response', (_client, status, size, ms) => {
      latencies.push(ms)
      statuses[status] = (statuses[status] ?? 0) + 1
      bytes += size
    })
  })
  const elapsed = (performance.now() - started) / 1000
  const client = process.cpuUsage(clientBefore)
  // Let the server finish what was in flight when the run stopped (its CPU stops moving), so that work
  // is counted here, against the requests sent.
  let serverAfter = processCpuMs(o.pid)
  for (let waited = 0; waited < 3_000; waited += 100) {
    await new Promise((r) => setTimeout(r, 100))
    const now = processCpuMs(o.pid)
    if (now === serverAfter) break
    serverAfter = now
  }
  const serverMs = serverAfter - serverBefore
  return summary(
    o.name,
    {
      latencies: Float64Array.from(latencies).sort(),
      seconds: elapsed,
      serverMs,
      clientMs: (client.user + client.system) / 1000,
      bytes,
      sent: Math.max(result.requests.sent, latencies.length),
    },
    statuses,
    result.errors + result.timeouts,
  )
}

function summary(name: string, raw: LoadResult['raw'], statuses: Record<number, number>, errors: number): LoadResult {
  const requests = raw.latencies.length
  return {
    name,
    requests,
    rps: requests / raw.seconds,
    p50: percentile(raw.latencies, 50),
    p99: percentile(raw.latencies, 99),
    statuses,
    errors,
    bytes: requests ? raw.bytes / requests : 0,
    serverCpuMs: raw.sent ? raw.serverMs / raw.sent : NaN,
    clientCpu: raw.clientMs / 1000 / raw.seconds,
    raw,
  }
}

/** Several runs of one scenario as one: requests over total time, latencies pooled. */
export function merge(name: string, runs: LoadResult[]): LoadResult {
  const statuses: Record<number, number> = {}
  for (const r of runs) for (const [status, n] of Object.entries(r.statuses)) statuses[Number(status)] = (statuses[Number(status)] ?? 0) + n
  const sum = (pick: (r: LoadResult['raw']) => number) => runs.reduce((total, r) => total + pick(r.raw), 0)
  const latencies = new Float64Array(sum((r) => r.latencies.length))
  let at = 0
  for (const r of runs) {
    latencies.set(r.raw.latencies, at)
    at += r.raw.latencies.length
  }
  const raw = {
    latencies: latencies.sort(),
    seconds: sum((r) => r.seconds),
    serverMs: sum((r) => r.serverMs),
    clientMs: sum((r) => r.clientMs),
    bytes: sum((r) => r.bytes),
    sent: sum((r) => r.sent),
  }
  return summary(
    name,
    raw,
    statuses,
    runs.reduce((n, r) => n + r.errors, 0),
  )
}
