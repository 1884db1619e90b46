import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { CASES, PAPER, SCOPES, type Format, type HardCase } from './clients/cases'
import type { Client, ReaderItem, Shown } from './clients/client'
import { feedExtractor } from './clients/feed-extractor'
import { feedsmith } from './clients/feedsmith'
import { newsboat } from './clients/newsboat'
import { nodeFeedparser } from './clients/node-feedparser'
import { pythonFeedparser } from './clients/python-feedparser'
import { rowanmanningFeedParser } from './clients/rowanmanning'
import { rssParser } from './clients/rss-parser'
import { sfeed } from './clients/sfeed'
import { serveCases, type ServedCases } from './helpers/served-cases'

// What real feed clients show for the articles that trip them (issue 9): every client × format × feed ×
// hard case × property is one test, so a failure names exactly who shows what wrong, next to what the
// client showed (vitest prints the value received). Expectations come from the newsroom's intent (clients/cases.ts).
const CLIENTS: Client[] = [pythonFeedparser, newsboat, sfeed, rssParser, rowanmanningFeedParser, feedsmith, nodeFeedparser, feedExtractor]

interface Property {
  name: string
  /** What the client must show for the property to be asserted; title and time every client shows. */
  needs?: Shown
  check(item: ReaderItem, c: HardCase, what: string): void
}

/** The names a client shows, one each: a client may join several writers into one string (newsboat: "A, B"). */
const shownNames = (item: ReaderItem) => item.authors.flatMap((a) => a.split(/, | và /u))

const PROPERTIES: Property[] = [
  { name: 'title', check: (item, c, what) => expect(item.title, what).toBe(c.expect.title) },
  {
    name: 'author',
    needs: 'authors',
    check: (item, c, what) =>
      expect(shownNames(item)[0] ?? PAPER, `${what} (the first writer; unsigned: none or the paper)`).toBe(c.expect.writers[0] ?? PAPER),
  },
  {
    name: 'no one else as author',
    needs: 'authors',
    check(item, c, what) {
      const allowed = c.expect.writers.length ? c.expect.writers : [PAPER]
      expect(
        shownNames(item).filter((a) => !allowed.includes(a)),
        `${what} (never the photographer, editor-in-chief, an email, the source)`,
      ).toEqual([])
    },
  },
  { name: 'instant', check: (item, c, what) => expect(item.published, what).toBe(c.expect.published) },
  { name: 'photo', needs: 'image', check: (item, c, what) => expect(item.image, what).toBe(c.expect.image) },
  {
    name: 'section',
    needs: 'categories',
    check: (item, c, what) => expect(item.categories, `${what} (its Vietnamese name)`).toContain(c.expect.section),
  },
]

let served: ServedCases
beforeAll(async () => {
  served = await serveCases()
})
afterAll(() => served?.dispose())

/** Each client reads each feed once, however many assertions look at the result. */
const reads = new Map<string, Promise<ReaderItem[]>>()
function itemsOf(client: Client, scopePath: string, format: Format): Promise<ReaderItem[]> {
  const key = `${client.name} ${scopePath} ${format}`
  if (!reads.has(key))
    reads.set(
      key,
      served.feed(scopePath, format).then((feed) => client.read(feed)),
    )
  return reads.get(key)!
}

for (const client of CLIENTS)
  describe(client.name, () => {
    for (const [format, shown] of Object.entries(client.shows) as Array<[Format, readonly Shown[]]>)
      for (const scope of SCOPES)
        for (const c of CASES.filter(scope.has))
          describe(`${format} · ${scope.name} feed · ${c.key}`, () => {
            for (const property of PROPERTIES.filter((p) => !p.needs || shown.includes(p.needs))) {
              const limit = client.cannotShow?.find(
                (l) => (l.case ?? c.key) === c.key && (l.format ?? format) === format && l.property === property.name,
              )
              if (limit) it.skip(`${property.name}: the client cannot show it (${limit.why})`)
              else
                it(property.name, async () => {
                  const link = served.link(c.input.id)
                  const item = (await itemsOf(client, scope.path, format)).find((i) => i.link === link)
                  expect(item, `${client.name} shows no item linking to ${link}`).toBeDefined()
                  property.check(item!, c, `${client.name}, ${format}, ${scope.name} feed, "${c.key}": ${property.name}`)
                })
            }
          })
  })
