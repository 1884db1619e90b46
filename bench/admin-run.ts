/**
 * The admin batch part of `npm run bench` alone, before and after: `npx tsx bench/admin-run.ts` measures the
 * batch bodies (./admin-batch.ts) through this tree and through an older one (BENCH_ADMIN_BASELINE, a commit;
 * by default the one before the batch path was made cheaper; "none" to skip), in Node and inside workerd (the
 * batch Worker, ./admin-worker.ts, bundled against each tree), in one run, and prints the RESULTS.md section and goal row.
 * BENCH_BATCH_ARTICLES / BENCH_BATCH_BYTES measure other limits than the defaults (to size them).
 */
import { execFileSync } from 'node:child_process'
import { copyFileSync, mkdirSync, rmSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import { DEFAULT_BATCH_LIMITS, type BatchLimits } from '../src/config/batch'
import type { BatchCode } from './admin-batch'
import { batchCpuInNode, batchCpuInWorkerd, batchGoalRow, batchQuery, batchSection } from './admin-cpu'
import { bundle, deployedOptions, OUT, start, timedInWorkerd } from './workers'

const BASELINE = process.env.BENCH_ADMIN_BASELINE ?? 'fa4acae'

const limits: BatchLimits = {
  maxArticles: Number(process.env.BENCH_BATCH_ARTICLES ?? DEFAULT_BATCH_LIMITS.maxArticles),
  maxBytes: Number(process.env.BENCH_BATCH_BYTES ?? DEFAULT_BATCH_LIMITS.maxBytes),
}

/** The baseline's src/ under bench/.tmp with this tree's batch bench files beside it (they import only what it has too). */
function extractBaseline(): string {
  const dir = join(OUT, 'admin-baseline')
  rmSync(dir, { recursive: true, force: true })
  mkdirSync(join(dir, 'bench'), { recursive: true })
  execFileSync('sh', ['-c', 'git archive "$0" src | tar -x -C "$1"', BASELINE, dir])
  for (const file of ['admin-worker.ts', 'admin-batch.ts', 'corpus.ts']) copyFileSync(join('bench', file), join(dir, 'bench', file))
  return dir
}

async function loadCode(dir: string): Promise<BatchCode> {
  const load = <T>(path: string) => import(pathToFileURL(resolve(dir, path)).href) as Promise<T>
  const [{ buildArticle }, { sanitizeHtml }] = await Promise.all([
    load<typeof import('../src/articles/schema')>('src/articles/schema.ts'),
    load<typeof import('../src/text/html')>('src/text/html.ts'),
  ])
  return { buildArticle, sanitizeHtml }
}

async function main(): Promise<void> {
  const baseline = BASELINE === 'none' ? null : extractBaseline()
  console.error(`limits ${JSON.stringify(limits)}; baseline ${baseline ? BASELINE : 'none'}`)
  const rows = await batchCpuInNode(limits)
  if (baseline) {
    const before = await batchCpuInNode(limits, await loadCode(baseline))
    rows.forEach((row, i) => (row.before = { nodeMs: (before[i] as (typeof before)[number]).nodeMs }))
  }
  const bundles = await Promise.all([
    bundle('admin', 'bench/admin-worker.ts'),
    ...(baseline ? [bundle('admin-before', join(baseline, 'bench/admin-worker.ts'))] : []),
  ])
  const deployed = deployedOptions()
  const names = ['after', 'before'].slice(0, bundles.length)
  const runtime = await start(bundles.map((b, i) => ({ ...deployed, name: names[i], modules: true, scriptPath: b.path })))
  try {
    const after = await runtime.mf.getWorker('after')
    if (!baseline) await batchCpuInWorkerd(after, rows, limits)
    else {
      const before = await runtime.mf.getWorker('before')
      // Alternating, so the load other processes put on the shared machine falls on both alike.
      for (const row of rows) {
        const query = batchQuery(row, limits)
        const b1 = await timedInWorkerd(before, query, 10)
        row.workerdMs = await timedInWorkerd(after, query, 10)
        const b2 = await timedInWorkerd(before, query, 10)
        row.before = { ...(row.before as { nodeMs: number }), workerdMs: (b1 + b2) / 2 }
      }
    }
  } finally {
    await runtime.mf.dispose()
  }
  const lines = [...batchSection(rows, limits, baseline ? `commit \`${BASELINE}\`` : undefined), batchGoalRow(rows, limits)]
  console.log(lines.join('\n'))
}

await main()
