/**
 * The --remote target: into a KV namespace through `wrangler kv bulk`. The current versions of the
 * articles (under their new and legacy ids) are fetched, the store runs against a recording KV, and its
 * writes are uploaded at the end with one bulk put and one bulk delete, so nothing is uploaded if the
 * run stops before the end. `location` is `--remote`; tests point it at a local state folder instead.
 */
import { spawn } from 'node:child_process'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { recordingKv } from '../../src/ingest/importer'
import { articleKey } from '../../src/store/keys'
import { articleStore } from '../../src/store/store'
import { FatalError, writeThroughStore, type Target } from './targets'

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

/** KV's bulk read takes at most 100 keys: two per article (its id and its legacy id). */
const BULK_GET_MAX = 100

export function wranglerKvTarget(configPath: string, location: string[], siteUrl: string): Target {
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
    chunk: BULK_GET_MAX / 2,
    async write(items) {
      const keys = [...new Set(items.flatMap(({ article, legacyId }) => [article.id, ...(legacyId ? [legacyId] : [])]).map(articleKey))]
      recorder.preload(parseBulkGet(await wrangler(['kv', 'bulk', 'get', await file('keys.json', keys), ...binding], configPath)))
      return writeThroughStore(store, items, siteUrl)
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
