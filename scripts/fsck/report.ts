/** fsck's report, for a person at a terminal: what was found, where, and what --fix does about it. */
import type { Findings } from '../../src/store/fsck'
import type { RepairPlan } from '../../src/store/fsck-plan'

/** What fsck finds of the articles themselves (the index is in Findings). */
export interface Problems {
  /** Article values that are not an article at all. */
  unreadable: Array<{ key: string; why: string }>
  /** Articles written before revisions. */
  noRev: string[]
  /** Articles today's rules refuse, and why. */
  refused: Array<{ id: string; why: string }>
}

export interface Report extends Problems {
  where: string
  findings: Findings
}

/** Lines of one section, at most this many items each (the count says how many there are). */
const SHOWN = 100

function section(title: string, action: string, lines: string[]): string[] {
  if (lines.length === 0) return []
  const more = lines.length > SHOWN ? [`  … and ${lines.length - SHOWN} more`] : []
  return [`${title}: ${lines.length} (${action})`, ...lines.slice(0, SHOWN).map((l) => `  ${l}`), ...more]
}

export function formatReport(report: Report): string {
  const f = report.findings
  const young = f.dead.filter((d) => d.young).length
  const lines = [
    `fsck: ${report.where}: ${f.articles} articles, ${f.entries} index entries`,
    ...section(
      'dead index entries',
      '--fix removes them',
      f.dead.map((d) => `${d.key}: ${d.why}${d.young ? ' (written less than a minute ago: left alone)' : ''}`),
    ),
    ...section(
      'missing index entries',
      '--fix adds them',
      f.missing.map((m) => m.key),
    ),
    ...section(
      "index entries without their article's size",
      '--fix gives them their size',
      f.unsized.map((u) => `${u.key}: ${u.meta.s} bytes`),
    ),
    ...section('feeds without articles', '--fix removes them from the registry', f.emptyScopes),
    ...section(
      'feeds with articles missing from the registry',
      '--fix puts them back',
      f.unregistered.map((u) => `${u.key} (${u.name})`),
    ),
    ...section(
      'articles without current stored feed items',
      '--fix renders and stores them; until then a fresh isolate renders them',
      f.unrendered,
    ),
    ...section('scheduled articles past their time', 'report only: the next feed read or the cron publishes them', f.overdue),
    ...section(
      'values that are not articles',
      'report only: remove or rewrite them',
      report.unreadable.map((u) => `${u.key}: ${u.why}`),
    ),
    ...section('articles written before revisions', 'report only: their next write stamps one', report.noRev),
    ...section(
      "articles today's rules refuse",
      'report only: correct them through the admin API or the importer',
      report.refused.map((r) => `${r.id}: ${r.why}`),
    ),
  ]
  if (lines.length === 1) lines.push('nothing to report')
  else if (young > 0)
    lines.push(`(${young} dead entr${young === 1 ? 'y is' : 'ies are'} younger than KV's settle time: run fsck again later)`)
  return lines.join('\n')
}

/** How many keys a plan writes or deletes. */
export function sizeOf(plan: RepairPlan): number {
  return plan.put.length + plan.delete.length + plan.register.length + plan.unregister.length + plan.render.length
}

/** What --fix did, and what it left because the articles changed after they were listed. */
export function formatFixed(done: RepairPlan, planned: RepairPlan): string {
  const skipped = sizeOf(planned) - sizeOf(done)
  const registry =
    done.register.length + done.unregister.length > 0
      ? `; registry: removed ${done.unregister.length}, put back ${done.register.length}`
      : ''
  const rendered = done.render.length > 0 ? `; stored the feed items of ${done.render.length} articles` : ''
  return `fixed: removed ${done.delete.length} dead entries, put ${done.put.length} entries (missing or without their size)${registry}${rendered}${skipped > 0 ? `; left ${skipped} that changed meanwhile` : ''}`
}
