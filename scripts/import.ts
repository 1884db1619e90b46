/**
 * `npm run import -- [options] <files or folders…>`: loads newsroom text dumps into the article store.
 * docs/newsroom.md is the manual; `--help` prints the short form. Exit code 0 when every file was
 * imported, 1 when some were rejected (the others are imported all the same), 2 for a usage error or
 * when the target could not be written at all or answered what cannot be trusted.
 *
 * The run lives in scripts/import/: options, run (the loop), targets (local KV, dry run), api-target
 * (--url), wrangler-kv (--remote).
 */
import { resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import { commandLine, UsageError } from './cli'
import { parseOptions, USAGE } from './import/options'
import { run } from './import/run'

async function main(): Promise<void> {
  const options = commandLine(parseOptions, USAGE)
  if (typeof options === 'number') {
    process.exitCode = options
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

// Run as a script, not when imported.
if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) await main()
