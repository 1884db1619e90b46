/**
 * The admin batch path's CPU (./admin-batch.ts) in Node and inside workerd, and its part of RESULTS.md.
 * The goal is the Workers free plan's 10 ms of CPU per request, with room for what the route does besides
 * (auth, the KV writes' serialisation and revs, the answer).
 */
import { MAX_BATCH } from '../src/articles/batch'
import { siteConfig } from '../src/config/masthead'
import { BATCH_KINDS, BATCH_PARTS, batchBody, runBatch, type BatchKind, type BatchPart } from './admin-batch'
import { measure } from './render-cpu'
import { timedInWorkerd } from './workers'

export interface BatchCpu {
  kind: BatchKind
  part: BatchPart
  /** UTF-8 size of the request body. */
  bytes: number
  nodeMs: number
  workerdMs?: number
}

const FREE_PLAN_MS = 10
const f2 = (n: number) => n.toFixed(2)

export async function batchCpuInNode(): Promise<BatchCpu[]> {
  const { siteUrl, timeZone } = siteConfig({})
  const rows: BatchCpu[] = []
  for (const kind of BATCH_KINDS) {
    const body = batchBody(kind)
    for (const part of BATCH_PARTS) {
      const cpu = await measure(() => runBatch(part, body, { siteUrl, timeZone }), kind === 'html-max' ? 400 : 40)
      rows.push({ kind, part, bytes: new TextEncoder().encode(body).byteLength, nodeMs: cpu.user + cpu.system })
    }
  }
  return rows
}

/** Adds the workerd figure to each row, from the render Worker's `?batch=` route. */
export async function batchCpuInWorkerd(worker: Parameters<typeof timedInWorkerd>[0], rows: BatchCpu[]): Promise<void> {
  for (const row of rows)
    row.workerdMs = await timedInWorkerd(worker, `batch=${row.kind}&part=${row.part}`, row.kind === 'html-max' ? 1 : 10)
}

const worst = (rows: BatchCpu[], kind: BatchKind, part: BatchPart) => {
  const row = rows.find((r) => r.kind === kind && r.part === part)
  return row ? Math.max(row.nodeMs, row.workerdMs ?? 0) : NaN
}

/** The goal row of RESULTS.md's table. */
export function batchGoalRow(rows: BatchCpu[]): string {
  const cells = (['paragraphs', 'html'] as const).map((kind) => {
    const ms = worst(rows, kind, 'build')
    return `${kind} ${f2(ms)} ms (${f2(ms / FREE_PLAN_MS)}× the plan), of which sanitize-html ${f2(worst(rows, kind, 'sanitize'))}`
  })
  const met = (['paragraphs', 'html'] as const).every((kind) => worst(rows, kind, 'build') <= FREE_PLAN_MS / 2)
  return `| admin batch of ${MAX_BATCH} full articles, validation + sanitize, ≤ ${FREE_PLAN_MS} ms CPU with room (≤ ${FREE_PLAN_MS / 2}) | slower of Node and workerd: ${cells.join('; ')} | ${met ? '**met**' : '**missed**'} |`
}

/** The section of RESULTS.md. */
export function batchSection(rows: BatchCpu[]): string[] {
  const lines = [
    '## Admin batch CPU',
    '',
    `What \`POST /api/articles\` computes for a batch of ${MAX_BATCH} before any KV write (\`bench/admin-batch.ts\`): JSON.parse of the body and`,
    '`buildArticle` for each element (zod validation, byline grammar, ids, summary, the size check and sanitize-html), and',
    'sanitize-html alone over the same bodies. Node: median of 9 batches of `process.cpuUsage()`; workerd: the render Worker',
    'timed from outside as above. ms per request, and per KB of request body:',
    '',
    '| batch | body | part | Node ms | workerd ms | Node µs/KB | workerd µs/KB |',
    '|---|---:|---|---:|---:|---:|---:|',
  ]
  for (const r of rows) {
    const kb = r.bytes / 1024
    const wd = r.workerdMs
    lines.push(
      `| ${r.kind} | ${f2(kb)} KB | ${r.part} | ${f2(r.nodeMs)} | ${wd === undefined ? '–' : f2(wd)} | ${Math.round((1000 * r.nodeMs) / kb)} | ${wd === undefined ? '–' : Math.round((1000 * wd) / kb)} |`,
    )
  }
  return [...lines, '']
}
