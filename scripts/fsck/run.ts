/**
 * One fsck run over a KV source: list every key, read the articles a hundred at a time (keeping only
 * what the check needs of each), check, report, and with --fix repair what the articles, read again
 * just before, still call for.
 */
import { DEFAULT_CACHE_POLICY } from '../../src/config/cache'
import type { SiteConfig } from '../../src/config/masthead'
import type { Article } from '../../src/articles/model'
import { buildArticle } from '../../src/articles/schema'
import { articleToInput } from '../../src/ingest/importer'
import { articleFacts, checkStore, type ArticleFacts, type ExpectedOutputs, type ListedKey } from '../../src/store/fsck'
import { idsOf, repairPlan, stillNeeded, type RepairPlan } from '../../src/store/fsck-plan'
import { articleKey, DUE_PREFIX, indexPrefixOfRegistryKey, OUTPUT_PREFIX } from '../../src/store/keys'
import { outputWrites } from '../../src/store/outputs'
import { feedOutputs } from '../../src/feeds/outputs'
import { itemContext } from '../../src/feeds/view'
import type { OutputRenderer } from '../../src/articles/output'
import { errorMessage } from '../../src/utils/error-message'
import { formatFixed, formatReport, sizeOf, type Problems, type Report } from './report'
import { BULK_READ, type KvSource, type KvWrite } from './sources'

/** Dead entries younger than this may be a write KV has not spread yet: left alone (KV_SETTLE_MS's default). */
const SETTLE_MS = DEFAULT_CACHE_POLICY.settleMs

/** Why today's rules (the admin API's and the importer's) would refuse the stored article, if they would. */
function refusedToday(json: string, site: SiteConfig): string | undefined {
  try {
    const article = JSON.parse(json) as Article
    const built = buildArticle(articleToInput(article, site.siteUrl), { siteUrl: site.siteUrl, timeZone: site.timeZone, id: article.id })
    return built.ok ? undefined : built.issues.map((i) => `${i.field}: ${i.reason}`).join('; ')
  } catch (error) {
    return `cannot be checked: ${errorMessage(error)}`
  }
}

/** The facts of the articles under these keys; what cannot be read or is refused goes to `report`. */
async function readFacts(source: KvSource, keys: string[], site: SiteConfig, report?: Problems): Promise<Map<string, ArticleFacts>> {
  const facts = new Map<string, ArticleFacts>()
  for (let i = 0; i < keys.length; i += BULK_READ) {
    const values = await source.read(keys.slice(i, i + BULK_READ))
    for (const [key, json] of values) {
      if (json === null) continue // deleted since it was listed
      const fact = articleFacts(key, json)
      if ('problem' in fact) {
        report?.unreadable.push({ key, why: fact.problem })
        continue
      }
      facts.set(fact.id, fact)
      if (!report) continue
      if (fact.noRev) report.noRev.push(fact.id)
      const refused = refusedToday(json, site)
      if (refused) report.refused.push({ id: fact.id, why: refused })
    }
  }
  return facts
}

/** Stored at once: a wrangler bulk put takes at most 10 000 pairs and 100 MB; the items of 1 000 articles fit both. */
const OUTPUTS_PER_PUT = 3_000

/** Renders and stores the current outputs of these articles, read again now a hundred at a time, without holding them all. */
async function storeOutputs(source: KvSource, ids: string[], renderer: OutputRenderer): Promise<void> {
  let pending: KvWrite[] = []
  for (let i = 0; i < ids.length; i += BULK_READ) {
    for (const json of (await source.read(ids.slice(i, i + BULK_READ).map(articleKey))).values()) {
      const article = json === null ? null : (JSON.parse(json) as Article)
      if (article?.rev) pending.push(...outputWrites(article, article.rev, await renderer.render(article)))
    }
    if (pending.length >= OUTPUTS_PER_PUT || i + BULK_READ >= ids.length) {
      await source.put(pending)
      pending = []
    }
  }
}

/** What --fix still has to do once the articles it touches are read again: writes since the listing win. */
async function confirmedPlan(
  source: KvSource,
  keys: ListedKey[],
  facts: Map<string, ArticleFacts>,
  plan: RepairPlan,
  site: SiteConfig,
  outputs: ExpectedOutputs,
): Promise<RepairPlan> {
  const ids = idsOf(plan)
  const fresh = await readFacts(source, ids.map(articleKey), site)
  const now = new Map(facts)
  for (const id of ids) {
    const fact = fresh.get(id)
    if (fact) now.set(id, fact)
    else now.delete(id)
  }
  const confirmed = stillNeeded(plan, repairPlan(checkStore(keys, now, Date.now(), SETTLE_MS, outputs)))
  // A write since the listing may have given a section or author an article (and its registry key) again;
  // dead entries this plan deletes do not count.
  const dead = new Set(confirmed.delete)
  const stillEmpty = await Promise.all(
    confirmed.unregister.map(async (key) => (await source.list(indexPrefixOfRegistryKey(key))).every((entry) => dead.has(entry.name))),
  )
  return { ...confirmed, unregister: confirmed.unregister.filter((_, i) => stillEmpty[i]) }
}

/** Checks (and with `fix`, repairs) the store; prints the report; returns the exit status. */
export async function fsck(source: KvSource, site: SiteConfig, fix: boolean, print: (text: string) => void): Promise<number> {
  const keys = [
    ...(await source.list('art:')),
    ...(await source.list('idx:')),
    ...(await source.list(DUE_PREFIX)),
    ...(await source.list('ver:')),
    ...(await source.list(OUTPUT_PREFIX)),
  ]
  const problems: Problems = { unreadable: [], noRev: [], refused: [] }
  const articleKeys = keys.filter((k) => k.name.startsWith('art:')).map((k) => k.name)
  const facts = await readFacts(source, articleKeys, site, problems)
  // Each article's feed items as the service would store them now (src/feeds/outputs.ts).
  const renderer = feedOutputs(itemContext(site))
  const report: Report = { where: source.where, findings: checkStore(keys, facts, Date.now(), SETTLE_MS, renderer), ...problems }
  print(formatReport(report))
  const plan = repairPlan(report.findings)
  let repaired = 0
  if (fix && sizeOf(plan) > 0) {
    const confirmed = await confirmedPlan(source, keys, facts, plan, site, renderer)
    await source.apply(confirmed)
    await storeOutputs(source, confirmed.render, renderer)
    repaired = sizeOf(confirmed)
    print(formatFixed(confirmed, plan))
  }
  const { dead, missing, unsized, emptyScopes, unregistered, unrendered } = report.findings
  const found =
    unrendered.length +
    dead.length +
    missing.length +
    unsized.length +
    emptyScopes.length +
    unregistered.length +
    report.unreadable.length +
    report.noRev.length +
    report.refused.length
  return found - repaired > 0 ? 1 : 0
}
