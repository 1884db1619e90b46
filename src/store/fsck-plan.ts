/**
 * What `npm run fsck -- --fix` does about the check's findings (./fsck.ts): the plan, and what of it a
 * second look, just before applying it, still calls for.
 */
import type { FeedVersion } from './versions'
import type { Findings } from './fsck'
import { parseDue, parseEntry, parseOutput, type EntryMeta } from './keys'

/**
 * What --fix writes: entries to put (with metadata) and keys to delete, then registry keys to put and delete,
 * and the articles whose outputs to render and store.
 */
export interface RepairPlan {
  put: Array<{ key: string; value: string; metadata: EntryMeta }>
  delete: string[]
  register: Array<{ key: string; value: string; metadata: { name: string } }>
  unregister: string[]
  render: string[]
}

/**
 * The repairs --fix makes: dead entries (not young) deleted, missing ones added, unsized ones given their
 * size; registry keys of feeds without articles deleted, missing ones put (a fresh token dated `now`).
 */
export function repairPlan(findings: Findings, now = Date.now()): RepairPlan {
  const at = new Date(now).toISOString()
  return {
    put: [...findings.missing, ...findings.unsized].map(({ key, meta }) => ({ key, value: '', metadata: meta })),
    delete: findings.dead.filter((d) => !d.young).map((d) => d.key),
    register: findings.unregistered.map(({ key, name }) => {
      const version: FeedVersion = { token: crypto.randomUUID(), at }
      // Percent-encoded as the store writes it (registry.ts).
      return { key, value: JSON.stringify(version), metadata: { name: encodeURIComponent(name) } }
    }),
    unregister: findings.emptyScopes,
    render: findings.unrendered,
  }
}

/** The plan's repairs that a second look (articles read again just before fixing) still calls for. */
export function stillNeeded(plan: RepairPlan, again: RepairPlan): RepairPlan {
  const puts = new Set([...again.put, ...again.register].map((p) => p.key))
  const deletes = new Set([...again.delete, ...again.unregister])
  const renders = new Set(again.render)
  return {
    put: plan.put.filter((p) => puts.has(p.key)),
    delete: plan.delete.filter((k) => deletes.has(k)),
    register: plan.register.filter((p) => puts.has(p.key)),
    unregister: plan.unregister.filter((k) => deletes.has(k)),
    render: plan.render.filter((id) => renders.has(id)),
  }
}

/** The article ids a plan touches: those to read again before applying it. */
export function idsOf(plan: RepairPlan): string[] {
  const keyed = [...plan.put.map((p) => p.key), ...plan.delete].flatMap(
    (key) => parseEntry(key)?.id ?? parseDue(key)?.id ?? parseOutput(key)?.id ?? [],
  )
  return [...new Set([...keyed, ...plan.render])]
}
