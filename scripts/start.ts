/**
 * `npm start`: fill local KV with the demo articles, then serve the Worker with `wrangler dev`.
 *
 *   PORT=8787            port on 127.0.0.1 (default 8787)
 *   ADMIN_TOKEN=…        handed to the Worker as a var (`--var`, which wrangler keeps out of its logs)
 *
 * Seeding happens before wrangler dev starts, from Node, through the same store module the Worker uses,
 * into the same on-disk state wrangler dev then serves (`.wrangler/state`). A demo article is written
 * once: the ids written are remembered in `.wrangler/state/demo-seed.json`, so restarting neither
 * duplicates nor overwrites articles, and a demo article deleted through the API stays deleted. Ids
 * come from the file names; state seeded before that (ids from day + title) is recognised by legacy id.
 * New demo files are picked up on the next start. Delete `.wrangler/state` to start from scratch.
 *
 * wrangler dev runs no Cron Triggers by itself: it is started with --test-scheduled, and this script calls
 * the trigger (`/__scheduled`) every minute as the platform would, so scheduled articles are promoted and
 * (with WEBSUB_HUB and FEED_BASE_URL set) announced at their time; feed reads promote them too.
 *
 * Stop signals (SIGINT, SIGTERM, SIGHUP) are forwarded to wrangler dev, and this process exits with its
 * code. package.json runs `exec tsx …`: without exec, npm's SIGTERM kills only the intermediate `sh`
 * and leaves tsx, wrangler and workerd running.
 */
import { spawn } from 'node:child_process'
import { existsSync } from 'node:fs'
import { mkdir, readFile, writeFile } from 'node:fs/promises'
import { constants } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { keepLegacyIds } from '../src/articles/ids'
import { siteConfig } from '../src/config/masthead'
import type { Env } from '../src/env'
import { feedOutputs } from '../src/feeds/outputs'
import { itemContext } from '../src/feeds/view'
import { dumpsToArticles, formatProblem, type DumpFile } from '../src/ingest/files'
import { articleStore } from '../src/store/store'
import { errorMessage } from '../src/utils/error-message'
import { readDumpFiles } from './dump-sources'

const ROOT = fileURLToPath(new URL('..', import.meta.url))
const DEMO_DIR = 'demo/articles'
const STATE_DIR = '.wrangler/state'
const SEED_RECORD = join(ROOT, STATE_DIR, 'demo-seed.json')

function port(): number {
  const value = process.env.PORT?.trim() || '8787'
  const n = Number(value)
  if (!Number.isInteger(n) || n < 1 || n > 65535) {
    console.error(`PORT must be a port number (1-65535), got ${JSON.stringify(value)}`)
    process.exit(2)
  }
  return n
}

/** Every `.txt` under demo/articles, its section being the folder it sits in. Sorted: stable order. */
async function demoFiles(): Promise<DumpFile[]> {
  const dir = join(ROOT, DEMO_DIR)
  if (!existsSync(dir)) return []
  const { files, problems, warnings } = await readDumpFiles([dir])
  for (const problem of [...problems, ...warnings]) console.warn(`demo: ${problem}`)
  return files
}

async function seededIds(): Promise<Set<string>> {
  try {
    const record = JSON.parse(await readFile(SEED_RECORD, 'utf8')) as { ids?: unknown }
    return new Set(Array.isArray(record.ids) ? record.ids.filter((id): id is string => typeof id === 'string') : [])
  } catch {
    return new Set()
  }
}

async function seed(): Promise<void> {
  const files = await demoFiles()
  if (files.length === 0) return
  const done = await seededIds()
  // Imported here, not at the top: importing wrangler registers exit hooks, which must be counted as
  // seeding's own (see below).
  const { getPlatformProxy } = await import('wrangler')
  const proxy = await getPlatformProxy<Env>({ configPath: join(ROOT, 'wrangler.toml'), persist: { path: join(ROOT, STATE_DIR, 'v3') } })
  try {
    const config = siteConfig(proxy.env)
    const { pending, errors } = dumpsToArticles(files, { siteUrl: config.siteUrl, timeZone: config.timeZone, masthead: config.masthead })
    // A broken demo file is reported and skipped; it must not keep the server from starting.
    for (const e of errors) console.error(`demo: ${formatProblem(e)}`)
    const store = articleStore(proxy.env.ARTICLES, { outputs: feedOutputs(itemContext(config)) })
    // State seeded by an earlier version keys demo articles by day + title: those stay where they are.
    const resolved = await keepLegacyIds(pending, async (id) => (await store.get(id)) !== null, config.siteUrl)
    let written = 0
    for (const { article, legacyId } of resolved) {
      if (done.has(article.id) || (legacyId !== undefined && done.has(legacyId))) continue
      // Present but not recorded (a record lost, or the same id created through the API): keep it.
      if ((await store.get(article.id)) === null) {
        await store.put(article)
        written++
      }
      done.add(article.id)
    }
    await mkdir(dirname(SEED_RECORD), { recursive: true })
    await writeFile(SEED_RECORD, `${JSON.stringify({ ids: [...done].sort() }, null, 2)}\n`)
    if (written > 0) console.log(`demo: wrote ${written} article(s) from ${DEMO_DIR} into local KV`)
  } finally {
    await proxy.dispose()
  }
}

function serve(listenPort: number): void {
  const wrangler = join(ROOT, 'node_modules', 'wrangler', 'bin', 'wrangler.js')
  const token = process.env.ADMIN_TOKEN?.trim()
  const args = [
    'dev',
    '--ip',
    '127.0.0.1',
    '--port',
    String(listenPort),
    '--persist-to',
    STATE_DIR,
    '--test-scheduled',
    ...(token ? ['--var', `ADMIN_TOKEN:${token}`] : []),
  ]
  const child = spawn(process.execPath, [wrangler, ...args], {
    cwd: ROOT,
    stdio: 'inherit',
    env: { ...process.env, CLOUDFLARE_CF_FETCH_ENABLED: 'false', WRANGLER_SEND_METRICS: 'false' },
  })
  // Forward stop signals; stay alive until wrangler has shut workerd down, then exit as it did.
  for (const signal of STOP_SIGNALS) process.on(signal, () => child.kill(signal))
  child.on('error', (error) => {
    console.error(`could not start wrangler: ${error.message}`)
    process.exit(1)
  })
  child.on('exit', (code, signal) => {
    process.exit(code ?? (signal ? 128 + (constants.signals[signal] ?? 0) : 1))
  })
}

/** Calls the Worker's Cron Trigger (wrangler.toml: every minute) through wrangler dev's --test-scheduled route. */
function runCronEachMinute(listenPort: number): void {
  const url = `http://127.0.0.1:${listenPort}/__scheduled?cron=${encodeURIComponent('* * * * *')}`
  const timer = setInterval(() => {
    fetch(url)
      .then((response) => response.body?.cancel())
      .catch((error: unknown) => console.warn(`cron: ${errorMessage(error)}`))
  }, 60_000)
  // Never what keeps this process alive: wrangler dev is.
  timer.unref()
}

const STOP_SIGNALS: NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP']

const listenPort = port()
const ownListeners = new Map(STOP_SIGNALS.map((s) => [s, new Set(process.listeners(s))]))
try {
  await seed()
} catch (error) {
  console.error(`demo: seeding local KV failed: ${errorMessage(error)}`)
  process.exit(1)
}
// Importing wrangler leaves exit hooks behind that call process.exit() on SIGINT/SIGTERM even after
// dispose(); they would run before our forwarding and orphan wrangler dev. Drop what seeding added
// (listeners that were there before, such as tsx's, stay).
for (const signal of STOP_SIGNALS) {
  for (const listener of process.listeners(signal)) if (!ownListeners.get(signal)!.has(listener)) process.off(signal, listener)
}
serve(listenPort)
runCronEachMinute(listenPort)
