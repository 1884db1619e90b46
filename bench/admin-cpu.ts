/**
 * The admin batch path's CPU (./admin-batch.ts) in Node and inside workerd, and its part of RESULTS.md.
 * The goal: the worst batch the route accepts under the default limits costs at most half the Workers
 * free plan's 10 ms of CPU, with each article's feed items rendered at write time (RENDER_MS_PER_ARTICLE)
 * counted in, leaving the rest for what the route does besides (auth, the KV writes' serialisation, the answer).
 */
import { DEFAULT_BATCH_LIMITS, type BatchLimits } from '../src/config/batch'
import { siteConfig } from '../src/config/masthead'
import {
  BATCH_KINDS,
  BATCH_PARTS,
  batchBody,
  REFERENCE_ARTICLES,
  runBatch,
  type BatchCode,
  type BatchKind,
  type BatchPart,
} from './admin-batch'
import { measure } from './render-cpu'
import { timedInWorkerd } from './workers'

export interface BatchCpu {
  kind: BatchKind
  part: BatchPart
  /** UTF-8 size of the request body. */
  bytes: number
  articles: number
  nodeMs: number
  workerdMs?: number
  /** The same body through an older tree (./admin-run.ts), when measured. */
  before?: { nodeMs: number; workerdMs?: number }
}

const FREE_PLAN_MS = 10
const GOAL_MS = FREE_PLAN_MS / 2
/**
 * Rendering an article's items in the three formats when it is written (~0.1 ms each, warm), allowed for per
 * article where it is not measured (admin-run.ts); `npm run bench` measures it (render-worker.ts, `mode=outputs`).
 */
export const RENDER_MS_PER_ARTICLE = 0.4
const f2 = (n: number) => n.toFixed(2)
const utf8Length = (text: string) => new TextEncoder().encode(text).byteLength

/** Each kind and part of a batch in Node, through this tree's code or `code` (an older tree's). */
export async function batchCpuInNode(limits: BatchLimits = DEFAULT_BATCH_LIMITS, code?: BatchCode): Promise<BatchCpu[]> {
  const { siteUrl, timeZone } = siteConfig({})
  const rows: BatchCpu[] = []
  for (const kind of BATCH_KINDS) {
    const body = batchBody(kind, limits)
    const articles = kind === 'html-max' ? limits.maxArticles : REFERENCE_ARTICLES
    for (const part of BATCH_PARTS) {
      const cpu = await measure(() => runBatch(part, body, { siteUrl, timeZone }, code), 40)
      rows.push({ kind, part, bytes: utf8Length(body), articles, nodeMs: cpu.user + cpu.system })
    }
  }
  return rows
}

/** The query that has a bench Worker's `?batch=` route (./admin-worker.ts, which the render Worker serves too) run a row's work. */
export const batchQuery = (row: Pick<BatchCpu, 'kind' | 'part'>, limits: BatchLimits) =>
  `batch=${row.kind}&part=${row.part}&articles=${limits.maxArticles}&bytes=${limits.maxBytes}`

/** Adds the workerd figure to each row, from a bench Worker's `?batch=` route. */
export async function batchCpuInWorkerd(
  worker: Parameters<typeof timedInWorkerd>[0],
  rows: BatchCpu[],
  limits: BatchLimits = DEFAULT_BATCH_LIMITS,
): Promise<void> {
  for (const row of rows) row.workerdMs = await timedInWorkerd(worker, batchQuery(row, limits), 10)
}

/** The goal row of RESULTS.md's table: the worst accepted batch, validated and rendered, in workerd (the goal's runtime). */
export function batchGoalRow(
  rows: BatchCpu[],
  limits: BatchLimits = DEFAULT_BATCH_LIMITS,
  /** Measured ms per article of rendering its items at write time, in workerd; the allowance when absent. */
  renderMs?: number,
): string {
  const worst = rows.find((r) => r.kind === 'html-max' && r.part === 'build')
  const build = worst?.workerdMs ?? NaN
  const perArticle = renderMs ?? RENDER_MS_PER_ARTICLE
  const render = limits.maxArticles * perArticle
  const total = build + render
  return (
    `| worst accepted admin batch (${limits.maxArticles} articles, ${limits.maxBytes / 1024} KiB of HTML), validation + sanitize + ` +
    `rendering its feed items (${f2(perArticle)} ms/article, ${renderMs === undefined ? 'allowed for' : 'measured'}), ≤ ${GOAL_MS} ms CPU in workerd (half the free plan) | ` +
    `${f2(build)} + ${f2(render)} = ${f2(total)} ms (${f2(total / FREE_PLAN_MS)}× the plan); Node ${f2(worst?.nodeMs ?? NaN)} + ${f2(render)} | ` +
    `${total <= GOAL_MS ? '**met**' : '**missed**'} |`
  )
}

const perKb = (ms: number | undefined, bytes: number) => (ms === undefined ? '–' : String(Math.round((1000 * ms) / (bytes / 1024))))
const ms = (value: number | undefined) => (value === undefined ? '–' : f2(value))

/** The section of RESULTS.md. */
export function batchSection(rows: BatchCpu[], limits: BatchLimits = DEFAULT_BATCH_LIMITS, before?: string): string[] {
  const withBefore = rows.some((r) => r.before)
  const lines = [
    '## Admin batch CPU',
    '',
    'What `POST /api/articles` computes for a batch before any KV write (`bench/admin-batch.ts`): JSON.parse of the body and',
    '`buildArticle` for each element (zod validation, byline grammar, ids, summary, the size check and sanitize-html), and',
    `sanitize-html alone over the same bodies. \`paragraphs\` and \`html\`: ${REFERENCE_ARTICLES} full articles (~5 KB), the batch measured`,
    `before the limits were sized (no longer accepted); \`html-max\`: the worst batch the default limits accept (${limits.maxArticles}`,
    `articles filling ${limits.maxBytes} bytes). Node: median of 9 batches of \`process.cpuUsage()\`; workerd: the batch Worker timed`,
    'from outside as above. ms per request, and per KB of request body:',
    '',
  ]
  if (withBefore) {
    lines.push(
      `"Before" is ${before ?? 'an older tree'}, the same bodies through its code, in the same run (\`bench/admin-run.ts\`).`,
      '',
      '| batch | articles | body | part | Node ms before | Node ms | workerd ms before | workerd ms | workerd µs/KB before | workerd µs/KB |',
      '|---|---:|---:|---|---:|---:|---:|---:|---:|---:|',
    )
    for (const r of rows)
      lines.push(
        `| ${r.kind} | ${r.articles} | ${f2(r.bytes / 1024)} KB | ${r.part} | ${ms(r.before?.nodeMs)} | ${f2(r.nodeMs)} | ${ms(r.before?.workerdMs)} | ` +
          `${ms(r.workerdMs)} | ${perKb(r.before?.workerdMs, r.bytes)} | ${perKb(r.workerdMs, r.bytes)} |`,
      )
  } else {
    lines.push(
      '| batch | articles | body | part | Node ms | workerd ms | Node µs/KB | workerd µs/KB |',
      '|---|---:|---:|---|---:|---:|---:|---:|',
    )
    for (const r of rows)
      lines.push(
        `| ${r.kind} | ${r.articles} | ${f2(r.bytes / 1024)} KB | ${r.part} | ${f2(r.nodeMs)} | ${ms(r.workerdMs)} | ${perKb(r.nodeMs, r.bytes)} | ${perKb(r.workerdMs, r.bytes)} |`,
      )
  }
  return [...lines, '']
}
