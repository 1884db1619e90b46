/**
 * `npm run import -- [options] <files or folders…>`: loads newsroom text dumps into the article store.
 * docs/newsroom.md is the manual; `--help` prints the short form. Exit code 0 when every file was
 * imported, 1 when some were rejected (the others are imported all the same), 2 for a usage error or
 * when the target could not be written at all.
 */
import { spawn } from 'node:child_process'
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import { parseArgs } from 'node:util'
import { parse as parseToml } from 'smol-toml'
import type { Article } from '../src/articles/model'
import { articleKey } from '../src/store/keys'
import { articleStore, type PutManyResult } from '../src/store/store'
import { siteConfig, type SiteConfig } from '../src/config/masthead'
import type { Env } from '../src/env'
import { dumpToArticle, formatProblem, type DumpProblem } from '../src/ingest/files'
import { findSources, readText } from './dump-sources'
import { articleToInput, batches, formatSummary, recordingKv, sectionFor, type ImportTally } from '../src/ingest/importer'
import { BATCH_BODY_LIMIT, MAX_BATCH, type BatchItemResult } from '../src/articles/batch'
import { slugify } from '../src/text/normalize'

const USAGE = `usage: npm run import -- <target> [options] <files or folders…>

Reads newsroom text dumps (.txt; folders are searched recursively) and stores them as articles.
Re-importing a file replaces its article (the id is the local publication day and the title).

targets (exactly one):
  --url URL        through the admin API of a running service, e.g. http://127.0.0.1:8787
                   (needs --token or the ADMIN_TOKEN environment variable)
  --local          straight into the local KV that \`npm start\` / wrangler dev serves
  --remote         into the deployed KV namespace, through wrangler (needs \`wrangler login\`)
  --dry-run        print the parsed articles as JSON on stdout; write nothing

options:
  --token TOKEN    admin token for --url (prefer ADMIN_TOKEN=… in the environment: shell history)
  --section NAME   section (slug or name) for every file; by default a file's section is the first
                   folder below the folder given (dumps/the-thao/x.txt → the-thao), else the default
  --persist-to DIR local KV state for --local (default .wrangler/state, as npm start uses)
  --config FILE    wrangler configuration (default wrangler.toml)
  -q, --quiet      no warnings, no progress
  -h, --help       this text`

export class UsageError extends Error {}
/** The target cannot be written at all; stop, and say why. */
class FatalError extends Error {}

type TargetKind = 'url' | 'local' | 'remote' | 'dry-run'

export interface Options {
  target: TargetKind
  url?: URL
  token?: string
  section?: string
  persistTo: string
  config: string
  quiet: boolean
  paths: string[]
}

export function parseOptions(argv: string[]): Options | 'help' {
  let parsed
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        url: { type: 'string' },
        token: { type: 'string' },
        local: { type: 'boolean' },
        remote: { type: 'boolean' },
        'dry-run': { type: 'boolean' },
        section: { type: 'string' },
        'persist-to': { type: 'string' },
        config: { type: 'string' },
        quiet: { type: 'boolean', short: 'q' },
        help: { type: 'boolean', short: 'h' },
      },
    })
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error))
  }
  const { values, positionals } = parsed
  if (values.help) return 'help'
  const targets = (['url', 'local', 'remote', 'dry-run'] as const).filter((t) => values[t] !== undefined && values[t] !== false)
  if (targets.length !== 1) throw new UsageError(targets.length === 0 ? 'choose a target: --url, --local, --remote or --dry-run' : `choose one target, not ${targets.map((t) => `--${t}`).join(' and ')}`)
  const target = targets[0] as TargetKind
  if (positionals.length === 0) throw new UsageError('name the files or folders to import')
  let url: URL | undefined
  if (values.url !== undefined) {
    if (!URL.canParse(values.url) || !/^https?:$/.test(new URL(values.url).protocol)) throw new UsageError(`--url must be an http(s) URL, got ${JSON.stringify(values.url)}`)
    url = new URL(values.url)
  }
  if (values.token !== undefined && target !== 'url') throw new UsageError('--token goes with --url')
  if (values['persist-to'] !== undefined && target !== 'local') throw new UsageError('--persist-to goes with --local')
  const token = values.token ?? process.env.ADMIN_TOKEN?.trim()
  if (target === 'url' && !token) throw new UsageError('--url needs the admin token: --token TOKEN, or ADMIN_TOKEN in the environment')
  if (values.section !== undefined && slugify(values.section) === '') throw new UsageError(`--section must name a section, got ${JSON.stringify(values.section)}`)
  return {
    target,
    ...(url && { url }),
    ...(token && { token }),
    ...(values.section !== undefined && { section: values.section }),
    persistTo: values['persist-to'] ?? '.wrangler/state',
    config: values.config ?? 'wrangler.toml',
    quiet: values.quiet ?? false,
    paths: positionals,
  }
}


/** Outcome of writing one article. */
type Written = { status: 'imported' | 'replaced' } | { status: 'rejected'; reason: string }

interface Target {
  /** Articles per write call. */
  chunk: number
  write(articles: Article[]): Promise<Written[]>
  /** Finishes the run (a deferred upload, an open proxy); throws FatalError when it could not. */
  close(): Promise<void>
}

function fromStore(results: PutManyResult[]): Written[] {
  return results.map((r) =>
    'error' in r ? { status: 'rejected', reason: `not stored: ${r.error instanceof Error ? r.error.message : String(r.error)}` } : { status: r.created ? 'imported' : 'replaced' },
  )
}

/** Articles written at once into local KV (1 000 files, one run: 105 s eight at a time, 30 s at 25). */
const LOCAL_CHUNK = 25

async function localTarget(options: Options): Promise<Target> {
  const { getPlatformProxy } = await import('wrangler')
  const proxy = await getPlatformProxy<Env>({ configPath: options.config, persist: { path: join(options.persistTo, 'v3') } })
  const store = articleStore(proxy.env.ARTICLES)
  // Every KV call crosses from Node into workerd, so the waits, not the work, dominate: keep many in flight.
  return {
    chunk: LOCAL_CHUNK,
    write: async (articles) => fromStore(await store.putMany(articles, LOCAL_CHUNK)),
    close: () => proxy.dispose(),
  }
}

async function post(endpoint: URL, token: string, body: string): Promise<Response> {
  // A batch is idempotent (explicit ids), so a lost connection or a 5xx is safe to retry.
  for (let attempt = 1; ; attempt++) {
    let response: Response | undefined
    try {
      response = await fetch(endpoint, { method: 'POST', headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' }, body })
    } catch (error) {
      if (attempt >= 3) {
        const cause = (error as { cause?: { code?: string } }).cause?.code ?? (error as Error).message
        throw new FatalError(`cannot reach ${endpoint.origin} (${cause}): is the service running (npm start)?`)
      }
    }
    if (response && (response.status < 500 || attempt >= 3)) return response
    await new Promise((r) => setTimeout(r, 1_000 * attempt))
  }
}

function urlTarget(options: Options, config: SiteConfig): Target {
  const endpoint = new URL('/api/articles', options.url)
  const token = options.token as string
  return {
    chunk: MAX_BATCH,
    async write(articles) {
      const inputs = articles.map((a) => JSON.stringify(articleToInput(a, config.siteUrl)))
      const out: Written[] = []
      // Leave room for the brackets and commas around the elements.
      for (const group of batches(inputs, MAX_BATCH, BATCH_BODY_LIMIT - 64 * 1024, (s) => Buffer.byteLength(s) + 1)) {
        const response = await post(endpoint, token, `[${group.join(',')}]`)
        const body = (await response.json().catch(() => null)) as { results?: BatchItemResult[]; detail?: string } | null
        if (!body?.results) {
          const why: Record<number, string> = {
            401: 'the server refused the token (401): check --token / ADMIN_TOKEN',
            503: 'the server has no admin token configured (503): start it with ADMIN_TOKEN=… npm start',
            404: `no admin API at ${endpoint.href} (404): is --url the vnfeeds service?`,
          }
          throw new FatalError(why[response.status] ?? `the server answered ${response.status}${body?.detail ? `: ${body.detail}` : ''}`)
        }
        for (const r of body.results) {
          if (r.status === 201) out.push({ status: 'imported' })
          else if (r.status === 200) out.push({ status: 'replaced' })
          else out.push({ status: 'rejected', reason: `server refused it (${r.status}): ${(r.errors ?? []).map((e) => `${e.field}: ${e.reason}`).join('; ')}` })
        }
      }
      return out
    },
    close: async () => {},
  }
}

/** Runs wrangler (the project's own) and returns its stdout; its chatter stays out of sight unless it fails. */
function wrangler(args: string[], configPath: string): Promise<string> {
  const bin = join(process.cwd(), 'node_modules', 'wrangler', 'bin', 'wrangler.js')
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, [bin, ...args, '--config', configPath], {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, CLOUDFLARE_CF_FETCH_ENABLED: 'false', WRANGLER_SEND_METRICS: 'false' },
    })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString('utf8')))
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString('utf8')))
    child.on('error', (error) => reject(new FatalError(`cannot run wrangler: ${error.message}`)))
    child.on('close', (code) =>
      code === 0 ? resolvePromise(stdout) : reject(new FatalError(`wrangler ${args.slice(0, 3).join(' ')} failed (exit ${code}):\n${(stderr || stdout).trim()}`)),
    )
  })
}

/** `wrangler kv bulk get` prints JSON then "Success!"; values come as `{value}` (local) or bare (API). */
function parseBulkGet(stdout: string): Map<string, string | null> {
  const json = JSON.parse(stdout.slice(stdout.indexOf('{'), stdout.lastIndexOf('}') + 1)) as Record<string, unknown>
  return new Map(
    Object.entries(json).map(([key, entry]) => {
      const value = entry !== null && typeof entry === 'object' && 'value' in entry ? (entry as { value: unknown }).value : entry
      return [key, typeof value === 'string' ? value : value === null || value === undefined ? null : JSON.stringify(value)]
    }),
  )
}

/** KV's bulk read takes at most 100 keys. */
const BULK_GET_MAX = 100

/**
 * Into a namespace through `wrangler kv bulk`: the current versions of the articles are fetched (to
 * know what replaces what and which index entries go stale), the store runs against a recording KV,
 * and its writes are uploaded at the end with one bulk put and one bulk delete. `location` is
 * `--remote` for the deployed namespace; tests point it at a local state folder instead.
 */
export function wranglerKvTarget(configPath: string, location: string[]): Target {
  const recorder = recordingKv()
  const store = articleStore(recorder.kv)
  const binding = ['--binding', 'ARTICLES', ...location]
  let scratch: string | undefined
  const file = async (name: string, data: unknown) => {
    scratch ??= await mkdtemp(join(tmpdir(), 'vnfeeds-import-'))
    const path = join(scratch, name)
    await writeFile(path, JSON.stringify(data))
    return path
  }
  return {
    chunk: BULK_GET_MAX,
    async write(articles) {
      const keys = articles.map((a) => articleKey(a.id))
      recorder.preload(parseBulkGet(await wrangler(['kv', 'bulk', 'get', await file('keys.json', keys), ...binding], configPath)))
      return fromStore(await store.putMany(articles))
    },
    async close() {
      try {
        const plan = recorder.plan()
        if (plan.put.length > 0) await wrangler(['kv', 'bulk', 'put', await file('put.json', plan.put), ...binding], configPath)
        if (plan.delete.length > 0) await wrangler(['kv', 'bulk', 'delete', await file('delete.json', plan.delete), ...binding, '--force'], configPath)
      } finally {
        if (scratch) await rm(scratch, { recursive: true, force: true })
      }
    },
  }
}

function dryRunTarget(): Target {
  let first = true
  process.stdout.write('[')
  return {
    chunk: MAX_BATCH,
    async write(articles) {
      for (const article of articles) {
        process.stdout.write(`${first ? '\n' : ',\n'}${JSON.stringify(article, null, 2).replace(/^/gmu, '  ')}`)
        first = false
      }
      return articles.map(() => ({ status: 'imported' }))
    },
    close: async () => void process.stdout.write(first ? ']\n' : '\n]\n'),
  }
}

/** One line on a terminal, redrawn; on a pipe or file, a line every `every` files. */
function progress(total: number, quiet: boolean, every = 500): { update(done: number): void; end(): void } {
  const tty = process.stderr.isTTY === true
  let last = 0
  let drawn = false
  return {
    update(done) {
      if (quiet || total < 2) return
      if (tty) {
        const now = Date.now()
        if (now - last < 100 && done < total) return
        last = now
        process.stderr.write(`\r\x1b[Kimporting: ${done}/${total} files (${Math.floor((100 * done) / total)}%)`)
        drawn = true
      } else if (done % every === 0 && done < total) {
        process.stderr.write(`importing: ${done}/${total} files\n`)
      }
    },
    end() {
      if (drawn) process.stderr.write('\r\x1b[K')
    },
  }
}

/**
 * The Worker's vars from the wrangler configuration (site URL, time zone, masthead), which decide ids
 * and URLs. TOML and JSON are read directly: importing wrangler costs seconds, only worth it for --local.
 */
async function readVars(path: string): Promise<Partial<Env>> {
  let config: { vars?: unknown }
  try {
    const text = await readFile(path, 'utf8')
    config = path.endsWith('.toml') ? parseToml(text) : path.endsWith('.json') ? (JSON.parse(text) as { vars?: unknown }) : (await import('wrangler')).unstable_readConfig({ config: path })
  } catch (error) {
    throw new UsageError(`cannot read the wrangler configuration ${path}: ${error instanceof Error ? error.message : String(error)}`)
  }
  return (config.vars ?? {}) as Partial<Env>
}

async function run(options: Options): Promise<number> {
  const started = performance.now()
  const config = siteConfig(await readVars(options.config))
  const { sources, problems } = await findSources(options.paths)
  for (const p of problems) console.error(p)

  const target =
    options.target === 'local'
      ? await localTarget(options)
      : options.target === 'url'
        ? urlTarget(options, config)
        : options.target === 'remote'
          ? wranglerKvTarget(options.config, ['--remote'])
          : dryRunTarget()
  const tally: ImportTally = { files: sources.length, imported: 0, replaced: 0, rejected: problems.length }
  const seen = new Map<string, string>()
  const bar = progress(sources.length, options.quiet)
  const reject = (p: DumpProblem) => {
    tally.rejected++
    bar.end()
    console.error(formatProblem(p))
  }
  let done = 0
  let fatal: unknown
  try {
    for (let i = 0; i < sources.length; i += target.chunk) {
      const chunk: Array<{ path: string; article: Article }> = []
      for (const source of sources.slice(i, i + target.chunk)) {
        const read = await readText(source.path)
        if (!('text' in read)) {
          reject(read)
          continue
        }
        const section = options.section ?? sectionFor(source.path, source.root)
        const result = dumpToArticle({ path: source.path, text: read.text, ...(section !== undefined && { section }) }, { siteUrl: config.siteUrl, timeZone: config.timeZone, masthead: config.masthead })
        if (!result.ok) {
          reject(result)
          continue
        }
        if (!options.quiet) for (const w of result.warnings) console.error(`${formatProblem(w)} (warning)`)
        const other = seen.get(result.article.id)
        if (other !== undefined) {
          reject({ path: source.path, line: 1, reason: `same id ${result.article.id} as ${other} (same title on the same day); one of them would overwrite the other` })
          continue
        }
        seen.set(result.article.id, source.path)
        chunk.push({ path: source.path, article: result.article })
      }
      const written = chunk.length > 0 ? await target.write(chunk.map((c) => c.article)) : []
      written.forEach((w, j) => {
        if (w.status === 'rejected') reject({ path: chunk[j]!.path, line: 1, reason: w.reason })
        else tally[w.status]++
      })
      done = Math.min(i + target.chunk, sources.length)
      bar.update(done)
    }
    await target.close()
  } catch (error) {
    fatal = error
  }
  bar.end()
  const summary = formatSummary(tally, (performance.now() - started) / 1000, options.target === 'dry-run')
  if (fatal !== undefined) {
    console.error(`import stopped: ${fatal instanceof Error ? fatal.message : String(fatal)}`)
    console.error(`${options.target === 'remote' ? 'nothing was uploaded; ' : ''}before stopping: ${summary}`)
    return 2
  }
  ;(options.target === 'dry-run' ? console.error : console.log)(summary)
  return tally.rejected > 0 ? 1 : 0
}

async function main(): Promise<void> {
  let options
  try {
    options = parseOptions(process.argv.slice(2))
  } catch (error) {
    if (!(error instanceof UsageError)) throw error
    console.error(`${error.message}\n\n${USAGE}`)
    process.exit(2)
  }
  if (options === 'help') {
    console.log(USAGE)
    return
  }
  try {
    process.exitCode = await run(options)
  } catch (error) {
    if (!(error instanceof UsageError)) throw error
    console.error(error.message)
    process.exitCode = 2
  }
}

// Run as a script, not when imported (the Node-side tests import parseOptions and wranglerKvTarget).
if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) await main()
