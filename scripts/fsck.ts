/**
 * `npm run fsck -- --local | --remote [--fix]`: checks (and repairs) the article store's KV namespace
 * against its layout. docs/storage.md explains what it checks; `--help` prints the options. The work
 * is in scripts/fsck/ (options, sources, run, report) and src/store/fsck.ts (the check itself).
 */
import { resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import { siteConfig } from '../src/config/masthead'
import { errorMessage } from '../src/utils/error-message'
import { readVars } from './import/options'
import { commandLine } from './cli'
import { parseOptions, USAGE } from './fsck/options'
import { fsck } from './fsck/run'
import { localSource, wranglerSource } from './fsck/sources'

async function main(): Promise<number> {
  const options = commandLine(parseOptions, USAGE)
  if (typeof options === 'number') return options
  try {
    const site = siteConfig(await readVars(options.config))
    const source =
      options.where === 'local' ? await localSource(options.config, options.persistTo) : wranglerSource(options.config, ['--remote'])
    try {
      return await fsck(source, site, options.fix, (text) => console.log(text))
    } finally {
      await source.close()
    }
  } catch (error) {
    console.error(`fsck stopped: ${errorMessage(error)}`)
    return 2
  }
}

// Run as a script, not when imported.
if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) process.exitCode = await main()
