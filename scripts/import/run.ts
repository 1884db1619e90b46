/**
 * One import run: find the files, read and build each one, hand them to the target a chunk at a time,
 * and report every file's fate. A file that cannot be read, parsed or stored is reported as
 * `file:line: reason` and the others go on; only a target that fails as a whole (or answers what
 * cannot be trusted) stops the run.
 */
import { DEFAULT_BATCH_LIMITS } from '../../src/config/batch'
import type { Pending } from '../../src/articles/ids'
import { siteConfig } from '../../src/config/masthead'
import { feedOutputs } from '../../src/feeds/outputs'
import { itemContext } from '../../src/feeds/view'
import { dumpToArticle, formatProblem, idRegistry, type DumpProblem } from '../../src/ingest/files'
import { formatSummary, sectionFor, type ImportTally } from '../../src/ingest/importer'
import { errorMessage } from '../../src/utils/error-message'
import { findSources, readText } from '../dump-sources'
import { urlTarget } from './api-target'
import { readVars, type Options } from './options'
import { dryRunTarget, localTarget, type Target } from './targets'
import { wranglerKvTarget } from './wrangler-kv'

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

/** Returns the exit code: 0 all imported, 1 some files rejected, 2 the run stopped. */
export async function run(options: Options): Promise<number> {
  const started = performance.now()
  const config = siteConfig(await readVars(options.config))
  // Written straight into KV, articles get their feed items stored beside them as the API's writes do.
  const outputs = feedOutputs(itemContext(config))
  const { sources, problems, warnings } = await findSources(options.paths)
  for (const p of problems) console.error(p)
  if (!options.quiet) for (const w of warnings) console.error(`${w} (warning)`)

  const target: Target =
    options.target === 'local'
      ? await localTarget(options, config.siteUrl, outputs)
      : options.target === 'url'
        ? urlTarget(options.url!, options.token!, config.siteUrl)
        : options.target === 'remote'
          ? wranglerKvTarget(options.config, ['--remote'], config.siteUrl, outputs)
          : dryRunTarget(DEFAULT_BATCH_LIMITS.maxArticles)
  const tally: ImportTally = { files: sources.length, imported: 0, replaced: 0, rejected: problems.length }
  const claim = idRegistry()
  const bar = progress(sources.length, options.quiet)
  const say = (p: DumpProblem, warning = false) => {
    if (warning && options.quiet) return
    bar.end()
    console.error(`${formatProblem(p)}${warning ? ' (warning)' : ''}`)
  }
  const reject = (p: DumpProblem) => {
    tally.rejected++
    say(p)
  }
  let fatal: unknown
  try {
    for (let i = 0; i < sources.length; i += target.chunk) {
      const chunk: Array<{ path: string; item: Pending }> = []
      for (const source of sources.slice(i, i + target.chunk)) {
        const read = await readText(source.path)
        if (!('text' in read)) {
          reject(read)
          continue
        }
        if (read.warning) say(read.warning, true)
        const section = options.section ?? sectionFor(source.path, source.root)
        const result = dumpToArticle({ path: source.path, text: read.text, ...(section !== undefined && { section }) }, config)
        if (!result.ok) {
          reject(result)
          continue
        }
        for (const w of result.warnings) say(w, true)
        const { error, warning } = claim(result)
        if (warning) say(warning, true)
        if (error) reject(error)
        else
          chunk.push({
            path: source.path,
            item: { article: result.article, ...(result.legacyId !== undefined && { legacyId: result.legacyId }) },
          })
      }
      const written = chunk.length > 0 ? await target.write(chunk.map((c) => c.item)) : []
      written.forEach((w, j) => {
        if (w.status === 'rejected') reject({ path: chunk[j]!.path, line: 1, reason: w.reason })
        else tally[w.status]++
      })
      bar.update(Math.min(i + target.chunk, sources.length))
    }
    await target.close()
  } catch (error) {
    fatal = error
  }
  bar.end()
  const summary = formatSummary(tally, (performance.now() - started) / 1000, options.target === 'dry-run')
  if (fatal !== undefined) {
    console.error(`import stopped: ${errorMessage(fatal)}`)
    console.error(`${options.target === 'remote' ? 'nothing was uploaded; ' : ''}before stopping: ${summary}`)
    return 2
  }
  ;(options.target === 'dry-run' ? console.error : console.log)(summary)
  return tally.rejected > 0 ? 1 : 0
}
