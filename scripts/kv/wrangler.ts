/**
 * `wrangler kv` as the scripts run it (the importer's --remote, fsck's --remote): the project's own
 * wrangler as a child process, JSON files for its bulk commands in a scratch folder, and its bulk-get
 * output read back. `location` is `--remote`, or `--local --persist-to DIR` in tests.
 */
import { spawn } from 'node:child_process'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

/** wrangler could not be run, or failed: the run cannot go on. */
class WranglerFailed extends Error {}

/** Runs wrangler (the project's own) and returns its stdout; its chatter stays out of sight unless it fails. */
export function wrangler(args: string[], configPath: string): Promise<string> {
  const bin = join(process.cwd(), 'node_modules', 'wrangler', 'bin', 'wrangler.js')
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, [bin, ...args, '--config', configPath], {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, CLOUDFLARE_CF_FETCH_ENABLED: 'false', WRANGLER_SEND_METRICS: 'false' },
    })
    let stdout = ''
    let stderr = ''
    // Decoded as a stream: a chunk may end inside a multi-byte character (decoding chunk by chunk
    // turned `ộ` into U+FFFD in long Vietnamese values).
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d))
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d))
    child.on('error', (error) => reject(new WranglerFailed(`cannot run wrangler: ${error.message}`)))
    child.on('close', (code) =>
      code === 0
        ? resolvePromise(stdout)
        : reject(new WranglerFailed(`wrangler ${args.slice(0, 3).join(' ')} failed (exit ${code}):\n${(stderr || stdout).trim()}`)),
    )
  })
}

/** `wrangler kv bulk get` prints JSON then "Success!"; values come as `{value}` (local) or bare (API). */
export function parseBulkGet(stdout: string): Map<string, string | null> {
  const json = JSON.parse(stdout.slice(stdout.indexOf('{'), stdout.lastIndexOf('}') + 1)) as Record<string, unknown>
  return new Map(
    Object.entries(json).map(([key, entry]) => {
      const value = entry !== null && typeof entry === 'object' && 'value' in entry ? (entry as { value: unknown }).value : entry
      return [key, typeof value === 'string' ? value : value === null || value === undefined ? null : JSON.stringify(value)]
    }),
  )
}

/** Every key under `prefix`, with its metadata (`wrangler kv key list` prints one JSON array). */
export async function listKeys(
  prefix: string,
  binding: string[],
  configPath: string,
): Promise<Array<{ name: string; metadata?: unknown }>> {
  const stdout = await wrangler(['kv', 'key', 'list', '--prefix', prefix, ...binding], configPath)
  return JSON.parse(stdout.slice(stdout.indexOf('['), stdout.lastIndexOf(']') + 1)) as Array<{ name: string; metadata?: unknown }>
}

/** A scratch folder for wrangler's input files, made on first use. */
export function scratchFiles(prefix: string): { file(name: string, data: unknown): Promise<string>; remove(): Promise<void> } {
  let folder: string | undefined
  return {
    async file(name, data) {
      folder ??= await mkdtemp(join(tmpdir(), prefix))
      const path = join(folder, name)
      await writeFile(path, JSON.stringify(data))
      return path
    },
    remove: async () => {
      if (folder) await rm(folder, { recursive: true, force: true })
    },
  }
}
