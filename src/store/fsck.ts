/**
 * The store's consistency check (`npm run fsck`): what the layout (keys.ts) says the namespace must
 * hold, given its articles, against what it holds. Pure: scripts/fsck/ lists and reads KV (local or
 * remote) and applies the repairs; this module decides them, with the store's own key functions.
 */
import type { Article } from '../articles/model'
import type { OutputRenderer } from '../articles/output'
import { scopesOf } from '../articles/scope'
import {
  dueKey,
  entryMeta,
  indexKeys,
  indexPrefix,
  OUTPUT_PREFIX,
  outputKey,
  parseDue,
  parseEntry,
  parseOutput,
  registryPrefix,
  versionKey,
  type EntryMeta,
} from './keys'
import type { OutputMeta } from './outputs'
import { displayName } from './registry'
import { isScheduled } from './schedule'

/** A key as KV lists it. */
export interface ListedKey {
  name: string
  metadata?: unknown
}

/** What the check needs of one stored article (its text is not kept: archives can be large). */
export interface ArticleFacts {
  id: string
  /** Its index entries, as the layout derives them (none while it is scheduled). */
  entries: string[]
  /** Its due key, which it has while scheduled (and until promoted once due). */
  due: string
  /** Its publication time is still ahead. */
  scheduled: boolean
  /** Its sections' and authors' registry keys (those its index entries put it in), with the names it gives them. */
  registry: Array<{ key: string; name: string }>
  /** Bytes of its stored JSON: the `s` its entries must carry. */
  bytes: number
  /** Written before revisions existed (a rewrite stamps it). */
  noRev: boolean
  /** Its revision, which its stored outputs must name (outputs.ts). */
  rev?: string
}

/** What the outputs stored with each article should be now: their names, and the stamp each is made under. */
export type ExpectedOutputs = Pick<OutputRenderer, 'names' | 'stamp'>

export interface Findings {
  articles: number
  entries: number
  /**
   * Index entries and due keys no stored article has at that place (or an index entry of an article that
   * is scheduled), and stored outputs of no article; `young` ones are left alone (KV may not have settled).
   */
  dead: Array<{ key: string; why: string; young: boolean }>
  /** Entries (or the due key of a scheduled article) a stored article must have and the namespace lacks. */
  missing: Array<{ key: string; meta: EntryMeta }>
  /** Right entries with no metadata or a wrong size (written before entries carried it). */
  unsized: Array<{ key: string; meta: EntryMeta }>
  /** Registry keys (`ver:sec:`, `ver:aut:`) of sections and authors without a published article. */
  emptyScopes: string[]
  /** Due keys whose time has passed, not promoted yet: the next feed read or the cron publishes them. */
  overdue: string[]
  /** Sections and authors with published articles but no registry key: their feeds answer 404. */
  unregistered: Array<{ key: string; name: string }>
  /** Articles whose stored outputs are missing or were made for another version or renderer: readers render them. */
  unrendered: string[]
}

const utf8 = new TextEncoder()

/** The facts of an article from its stored JSON, or why it cannot be read as one. */
export function articleFacts(key: string, json: string, now = Date.now()): ArticleFacts | { problem: string } {
  let article: Article
  try {
    article = JSON.parse(json) as Article
  } catch {
    return { problem: 'its value is not JSON' }
  }
  const id = key.slice('art:'.length)
  if (typeof article !== 'object' || article === null || article.id !== id) return { problem: `its JSON is not the article ${id}` }
  try {
    const scheduled = isScheduled(article, now)
    // A scheduled article is in no feed, so in no registry entry either.
    const entries = scheduled ? [] : indexKeys(article)
    // From the entries, so the registry follows the index whatever puts an article in it or not.
    const registry = scopesOf(article).flatMap((scope) =>
      scope.kind !== 'all' && entries.some((k) => k.startsWith(indexPrefix(scope)))
        ? [{ key: versionKey(scope), name: displayName(scope) }]
        : [],
    )
    const bytes = utf8.encode(json).length
    return {
      id,
      entries,
      due: dueKey(article),
      scheduled,
      registry,
      bytes,
      noRev: article.rev === undefined,
      ...(article.rev && { rev: article.rev }),
    }
  } catch {
    return { problem: 'it lacks fields every article has (published, section, authors)' }
  }
}

/** Why an entry belongs to no article: its article is gone, or sits elsewhere. */
function deadBecause(key: string, facts: ReadonlyMap<string, ArticleFacts>): string {
  const output = parseOutput(key)
  if (output) return `output of no article ${output.id}`
  const due = parseDue(key)
  if (due) return facts.has(due.id) ? `article ${due.id} is due at ${facts.get(due.id)?.due}` : `no article ${due.id}`
  const entry = parseEntry(key)
  if (!entry) return 'not a key of the layout'
  const article = facts.get(entry.id)
  if (!article) return `no article ${entry.id}`
  if (article.scheduled) return `article ${entry.id} is scheduled: it enters its feeds at its time`
  const there = article.entries.find((k) => k.startsWith(entry.prefix))
  return there ? `article ${entry.id} is at ${there}` : `article ${entry.id} is not in this feed`
}

/** The articles (with a rev) whose stored outputs do not all name their rev and today's stamps. */
function unrenderedOf(
  listed: ReadonlyMap<string, ListedKey>,
  facts: ReadonlyMap<string, ArticleFacts>,
  outputs: ExpectedOutputs,
): string[] {
  const current = (article: ArticleFacts, name: string) => {
    const meta = listed.get(outputKey(name, article.id))?.metadata as Partial<OutputMeta> | undefined
    return meta?.rev === article.rev && meta?.stamp === outputs.stamp(name)
  }
  return [...facts.values()].filter((a) => a.rev && !outputs.names.every((name) => current(a, name))).map((a) => a.id)
}

/**
 * Checks every listed key against the articles' facts. `settleMs`: how recent an entry counts as young;
 * `outputs`: what each article's stored outputs should be (not checked without it).
 */
export function checkStore(
  keys: readonly ListedKey[],
  facts: ReadonlyMap<string, ArticleFacts>,
  now: number,
  settleMs: number,
  outputs?: ExpectedOutputs,
): Findings {
  const listed = new Map(keys.map((k) => [k.name, k]))
  const expected = new Map<string, number>()
  const overdue = new Set<string>()
  for (const article of facts.values()) {
    for (const key of article.entries) expected.set(key, article.bytes)
    // Its due key is right while it waits, and once due until a promotion moves it into its entries.
    if (article.scheduled || listed.has(article.due)) expected.set(article.due, article.bytes)
    if (!article.scheduled && listed.has(article.due)) overdue.add(article.id)
  }
  const findings: Findings = {
    articles: facts.size,
    entries: 0,
    dead: [],
    missing: [],
    unsized: [],
    emptyScopes: [],
    overdue: [],
    unregistered: [],
    unrendered: outputs ? unrenderedOf(listed, facts, outputs) : [],
  }
  for (const key of keys) {
    // An output needs only its article: a reader checks it against the article's version (outputs.ts).
    if (key.name.startsWith(OUTPUT_PREFIX)) {
      const id = parseOutput(key.name)?.id
      if (id === undefined || !facts.has(id)) findings.dead.push({ key: key.name, why: deadBecause(key.name, facts), young: false })
      continue
    }
    if (!key.name.startsWith('idx:') && !parseDue(key.name)) continue
    if (key.name.startsWith('idx:')) findings.entries++
    const meta = entryMeta(key.metadata)
    const size = expected.get(key.name)
    if (size === undefined)
      findings.dead.push({ key: key.name, why: deadBecause(key.name, facts), young: meta.t !== undefined && now - meta.t < settleMs })
    else if (meta.s !== size) findings.unsized.push({ key: key.name, meta: { t: meta.t ?? now, s: size } })
  }
  for (const [key, s] of expected) {
    const id = parseEntry(key)?.id
    // An overdue article's entries are promotion's to write (with its version bumps and hub pings).
    if (!listed.has(key) && !(id !== undefined && overdue.has(id))) findings.missing.push({ key, meta: { t: now, s } })
  }
  findings.overdue = [...facts.values()].filter((a) => overdue.has(a.id)).map((a) => a.due)
  const wanted = new Map<string, string>()
  // An overdue article's feeds are promotion's to register, as its entries are.
  for (const article of facts.values())
    if (!overdue.has(article.id)) for (const { key, name } of article.registry) if (!wanted.has(key)) wanted.set(key, name)
  const registry = [registryPrefix('section'), registryPrefix('author')]
  findings.emptyScopes = keys.map((k) => k.name).filter((name) => registry.some((p) => name.startsWith(p)) && !wanted.has(name))
  findings.unregistered = [...wanted].filter(([key]) => !listed.has(key)).map(([key, name]) => ({ key, name }))
  return findings
}
