import fc from 'fast-check'
import { parseAtomFeed, parseJsonFeed, parseRssFeed } from 'feedsmith'
import { beforeAll, describe, expect, it } from 'vitest'
import { cleanText } from '../../../src/text/normalize'
import { call as adminCall, snapshotKv } from '../../helpers/admin'
import { call, coldCaches } from '../../helpers/app'
import { clearKv } from '../../helpers/kv'
import { all, htmlToText, one, parseXml } from '../../feeds/xml'

/** Code points that break feeds written without care. */
const NASTY = [
  '\u0000',
  '\u0008',
  '\u000B',
  '\u001F',
  '\uFFFE',
  '\uFFFF',
  '\uD800',
  '\uDFFF',
  ']]>',
  ']]',
  '<![CDATA[',
  '&amp;',
  '<b>',
  '"',
  "'",
  'e\u0301',
  'Đ',
  'ươ\u0300',
  '\u{1F600}',
  '\u{10FFFF}',
  '\u202E',
  '\r\n',
  '\t',
  '\u00A0',
]
const unit = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...NASTY) },
  { weight: 3, arbitrary: fc.integer({ min: 0, max: 0x10ffff }).map((cp) => String.fromCodePoint(cp)) },
  { weight: 1, arbitrary: fc.integer({ min: 0xd800, max: 0xdfff }).map((cu) => String.fromCharCode(cu)) },
  { weight: 4, arbitrary: fc.constantFrom('a', 'ă', 'ê', ' ', 'Nam Định', '1') },
)
const nasty = (maxLength: number) =>
  fc.oneof(
    { weight: 30, arbitrary: fc.string({ unit, maxLength }) },
    { weight: 1, arbitrary: fc.string({ unit, minLength: 501, maxLength: 1_200 }) },
  )

const input = fc.record({
  title: nasty(40),
  summary: nasty(40),
  section: nasty(20),
  byline: nasty(20),
  paragraphs: fc.array(nasty(60), { minLength: 1, maxLength: 3 }),
  tags: fc.array(nasty(15), { maxLength: 3 }),
  image: fc.record({ url: fc.constant('https://baonamdinh.vn/anh/a.jpg'), caption: nasty(30) }),
})

const FIELDS = ['title', 'summary', 'section', 'byline', 'paragraphs', 'tags', 'image', 'id', '(body)']
const visible = (s: string) => cleanText(s).trim()
/** Line ends as readers see them: XML parsers normalise them (XML 1.0 §2.11), and JSON Feed is made to match. */
const xmlLines = (s: string) => s.replace(/\r\n?/g, '\n')
/** Paragraph text as it appears in content HTML, whitespace runs aside. */
const squash = (s: string) => s.replace(/\s+/g, ' ')

describe('property: arbitrary Unicode in every field through the admin API', () => {
  beforeAll(() => clearKv())

  it('is refused naming the field, storage untouched, or stored with every feed well-formed and showing the text', async () => {
    await fc.assert(
      fc.asyncProperty(input, async (fields) => {
        const before = await snapshotKv()
        // JSON.stringify escapes lone surrogates (\ud800), so they reach the server as such.
        const response = await adminCall('PUT', '/api/articles/bai-thu-unicode', {
          body: JSON.stringify({ published: '08:04, 01/04/2016', ...fields }),
        })
        if (response.status >= 400) {
          expect(response.status).toBeLessThan(500)
          expect(response.headers.get('Content-Type')).toMatch(/^application\/problem\+json/)
          const problem = (await response.json()) as { errors: Array<{ field: string }> }
          expect(problem.errors.length).toBeGreaterThan(0)
          for (const e of problem.errors) expect(FIELDS).toContain(e.field.split('.')[0])
          expect(await snapshotKv()).toEqual(before)
          return
        }
        expect([200, 201]).toContain(response.status)
        const title = visible(fields.title)
        const first = fields.paragraphs.map(visible).find(Boolean)
        coldCaches()

        const rss = await (await call('/rss.xml')).text()
        const rssItem = one(one(parseXml(rss).root, 'channel'), 'item')
        expect(one(rssItem, 'title').text).toBe(xmlLines(title))
        expect(parseRssFeed(rss).items?.[0]?.title).toBeDefined()

        const atom = await (await call('/atom.xml')).text()
        const entry = one(parseXml(atom).root, 'entry')
        // Titles are plain text in Atom too (issue 9): the element's text is the title itself.
        expect(one(entry, 'title').text).toBe(xmlLines(title))
        // Content HTML is re-serialised by the ingest sanitizer (`"` needs no escape in text): compare what it says.
        if (first) expect(squash(htmlToText(all(entry, 'content')[0]?.text ?? ''))).toContain(squash(first))
        expect(parseAtomFeed(atom).entries?.[0]?.title).toBeDefined()

        const jsonText = await (await call('/feed.json')).text()
        const json = JSON.parse(jsonText) as { items: Array<{ title: string; content_html: string }> }
        expect(json.items[0]?.title).toBe(xmlLines(title))
        if (first) expect(squash(htmlToText(json.items[0]?.content_html ?? ''))).toContain(squash(first))
        expect(parseJsonFeed(jsonText).items?.[0]?.title).toBe(xmlLines(title))
        // Nothing XML-illegal and nothing un-normalised anywhere in the output.
        for (const out of [rss, atom, jsonText]) {
          expect(cleanText(out)).toBe(out)
        }
      }),
      { numRuns: 40 },
    )
  }, 120_000)
})
