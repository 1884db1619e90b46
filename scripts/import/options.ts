/** The importer's command line: usage text, options, and the Worker's vars from the wrangler configuration. */
import { readFile } from 'node:fs/promises'
import { parseArgs } from 'node:util'
import { parse as parseToml } from 'smol-toml'
import type { Env } from '../../src/env'
import { slugify } from '../../src/text/normalize'
import { errorMessage } from '../../src/utils/error-message'
import { UsageError } from '../cli'

export const USAGE = `usage: npm run import -- <target> [options] <files or folders…>

Reads newsroom text dumps (.txt; folders are searched recursively) and stores them as articles.
An article's id is its file's name (000_5943433bb8521991.txt → 000-5943433bb8521991): re-importing a
file, even with a corrected title, replaces its article.

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

export { UsageError }

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
    throw new UsageError(errorMessage(error))
  }
  const { values, positionals } = parsed
  if (values.help) return 'help'
  const targets = (['url', 'local', 'remote', 'dry-run'] as const).filter((t) => values[t] !== undefined && values[t] !== false)
  if (targets.length !== 1)
    throw new UsageError(
      targets.length === 0
        ? 'choose a target: --url, --local, --remote or --dry-run'
        : `choose one target, not ${targets.map((t) => `--${t}`).join(' and ')}`,
    )
  const target = targets[0] as TargetKind
  if (positionals.length === 0) throw new UsageError('name the files or folders to import')
  let url: URL | undefined
  if (values.url !== undefined) {
    if (!URL.canParse(values.url) || !/^https?:$/.test(new URL(values.url).protocol))
      throw new UsageError(`--url must be an http(s) URL, got ${JSON.stringify(values.url)}`)
    url = new URL(values.url)
  }
  if (values.token !== undefined && target !== 'url') throw new UsageError('--token goes with --url')
  if (values['persist-to'] !== undefined && target !== 'local') throw new UsageError('--persist-to goes with --local')
  const token = values.token ?? process.env.ADMIN_TOKEN?.trim()
  if (target === 'url' && !token) throw new UsageError('--url needs the admin token: --token TOKEN, or ADMIN_TOKEN in the environment')
  if (values.section !== undefined && slugify(values.section) === '')
    throw new UsageError(`--section must name a section, got ${JSON.stringify(values.section)}`)
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

/**
 * The Worker's vars from the wrangler configuration (site URL, time zone, masthead), which decide URLs
 * and legacy ids. TOML and JSON are read directly: importing wrangler costs seconds, only worth it for --local.
 */
export async function readVars(path: string): Promise<Partial<Env>> {
  let config: { vars?: unknown }
  try {
    const text = await readFile(path, 'utf8')
    config = path.endsWith('.toml')
      ? parseToml(text)
      : path.endsWith('.json')
        ? (JSON.parse(text) as { vars?: unknown })
        : (await import('wrangler')).unstable_readConfig({ config: path })
  } catch (error) {
    throw new UsageError(`cannot read the wrangler configuration ${path}: ${errorMessage(error)}`)
  }
  return (config.vars ?? {}) as Partial<Env>
}
