import { execFileSync, spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { SCOPES } from './clients/cases'
import { PYTHON } from './clients/process'
import { serveCases, type ServedCases } from './helpers/served-cases'

// The W3C Feed Validation Service's engine (bundled in ../shared/tools, beside every checkout in CI) on
// our RSS and Atom with the hard cases stored: no error, and no warning but UnknownNamespace for our own
// masthead namespace, which a feed with an extension namespace cannot avoid (issue 9).
const ROOT = resolve(import.meta.dirname, '../..')
const OWN_NAMESPACE = /^WARNING UnknownNamespace: .*https:\/\/vnfeeds\.dev\/ns\/masthead\/1\.0\b/
const RUNNER = 'tools/w3c-feedvalidator/validate'

/** W3C_FEEDVALIDATOR, else ../shared beside the checkout (for a git worktree, beside its main checkout too). */
function validatorCandidates(): string[] {
  if (process.env.W3C_FEEDVALIDATOR) return [resolve(process.env.W3C_FEEDVALIDATOR)]
  const beside = [join(ROOT, '../shared', RUNNER)]
  try {
    const common = execFileSync('git', ['rev-parse', '--path-format=absolute', '--git-common-dir'], { cwd: ROOT, encoding: 'utf8' })
    beside.push(join(dirname(dirname(common.trim())), 'shared', RUNNER))
  } catch {
    // not a git checkout: ../shared is the only place
  }
  return [...new Set(beside)]
}

const candidates = validatorCandidates()
const validator = candidates.find((path) => existsSync(path))
const MISSING =
  `The W3C feed validator is missing: looked for ${candidates.join(' and ')}. CI has it in ../shared beside ` +
  'the checkout; elsewhere set W3C_FEEDVALIDATOR=/path/to/w3c-feedvalidator/validate. Feeds are NOT validated.'

const FEEDS: Array<{ name: string; path: string; query?: string }> = [
  ...SCOPES.map(({ name, path }) => ({ name: `${name} feed`, path })),
  { name: 'site feed, a page of 4 (paging links)', path: '', query: '?limit=4' },
]

let served: ServedCases
beforeAll(async () => {
  served = await serveCases()
})
afterAll(() => served?.dispose())

it('the W3C feed validator is found', () => {
  expect(validator, MISSING).toBeDefined()
})

for (const { name, path, query } of FEEDS)
  describe(name, () => {
    for (const format of ['rss', 'atom'] as const)
      it(`${format}: no error, no warning but our own namespace`, async () => {
        if (!validator) throw new Error(MISSING)
        const feed = await served.feed(path, format, query)
        const run = spawnSync(PYTHON, [validator, feed.file, '--base', feed.url, '--content-type', feed.contentType], { encoding: 'utf8' })
        expect(run.stdout, `the validator did not run (exit ${run.status}): ${run.stderr}`).toMatch(/^w3c: \d+ error/m)
        const problems = run.stdout.split('\n').filter((line) => /^(ERROR|WARNING) /.test(line) && !OWN_NAMESPACE.test(line))
        expect(problems, `W3C validator on ${feed.url}`).toEqual([])
      })
  })
