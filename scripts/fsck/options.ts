/** fsck's command line. */
import { parseArgs } from 'node:util'
import { errorMessage } from '../../src/utils/error-message'
import { UsageError } from '../cli'

export const USAGE = `usage: npm run fsck -- --local | --remote [--fix] [options]

Checks the article store's KV namespace against its own layout (docs/storage.md, "Checking and
repairing the store"): index entries whose article is gone or elsewhere (dead), entries an article
lacks (missing), entries without their article's size, feeds without articles, articles written
before revisions, and articles today's rules would refuse. With --fix it removes dead entries (those
older than a minute), adds missing ones and gives entries their sizes; the rest it only reports.

where (exactly one):
  --local          the local KV that \`npm start\` / wrangler dev serves
  --remote         the deployed KV namespace, through wrangler (needs \`wrangler login\`)

options:
  --fix            repair what can be repaired (articles are read again first; entries written less
                   than a minute ago are left alone)
  --persist-to DIR local KV state for --local (default .wrangler/state, as npm start uses)
  --config FILE    wrangler configuration (default wrangler.toml)
  -h, --help       this text

exit status: 0 nothing to report (after --fix: nothing left), 1 findings remain, 2 usage or access error`

export interface FsckOptions {
  where: 'local' | 'remote'
  fix: boolean
  persistTo: string
  config: string
}

export function parseOptions(argv: string[]): FsckOptions | 'help' {
  let parsed
  try {
    parsed = parseArgs({
      args: argv,
      options: {
        local: { type: 'boolean' },
        remote: { type: 'boolean' },
        fix: { type: 'boolean' },
        'persist-to': { type: 'string' },
        config: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    })
  } catch (error) {
    throw new UsageError(errorMessage(error))
  }
  const { values } = parsed
  if (values.help) return 'help'
  if (values.local === values.remote)
    throw new UsageError(values.local ? 'choose --local or --remote, not both' : 'choose where to check: --local or --remote')
  if (values['persist-to'] !== undefined && !values.local) throw new UsageError('--persist-to goes with --local')
  return {
    where: values.local ? 'local' : 'remote',
    fix: values.fix ?? false,
    persistTo: values['persist-to'] ?? '.wrangler/state',
    config: values.config ?? 'wrangler.toml',
  }
}
