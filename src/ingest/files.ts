/**
 * From dump files to stored articles: the dump parser plus `buildArticle`, with every problem reported
 * as `path:line: reason`. Shared by the demo seeding in `npm start` and the importer CLI; no I/O here,
 * callers read the files (Node) or import them (tests in workerd).
 */
import { idClaims } from '../articles/batch'
import { idFromFileName, legacyId, type Pending } from '../articles/ids'
import type { Article } from '../articles/model'
import { buildArticle, type ArticleInput, type BuildContext } from '../articles/schema'
import { DEFAULT_MASTHEAD, type Masthead } from '../config/masthead'
import { parseDump, type DumpLines } from './dump'
import { compareFooter, type DumpFooter } from './footer'

export interface DumpFile {
  /** For messages only; any form the caller likes (relative paths read best). */
  path: string
  text: string
  /** Section slug or name; when absent the article lands in the default section. */
  section?: string
}

/** One problem in one file, printable as `path:line: reason`. */
export interface DumpProblem {
  path: string
  line: number
  reason: string
}

export type ParsedDumpFile =
  | { ok: true; path: string; input: ArticleInput; footer?: DumpFooter; lines: DumpLines; warnings: DumpProblem[] }
  | ({ ok: false } & DumpProblem)

export type DumpArticle =
  | {
      ok: true
      path: string
      article: Article
      /** The id an earlier version gave this dump (day + title), when it differs from the file's. */
      legacyId?: string
      warnings: DumpProblem[]
    }
  | ({ ok: false } & DumpProblem)

export interface DumpContext extends Pick<BuildContext, 'siteUrl' | 'timeZone'> {
  /** The configured masthead; the dump's footer is compared with it. */
  masthead?: Masthead
}

export function formatProblem(p: DumpProblem): string {
  return `${p.path}:${p.line}: ${p.reason}`
}

/** Parser warnings carry `line N: …` when they know the line; lift it out, else point at line 1. */
function toProblem(path: string, warning: string): DumpProblem {
  const m = /^line (\d+): (.*)$/su.exec(warning)
  return m ? { path, line: Number(m[1]), reason: m[2]! } : { path, line: 1, reason: warning }
}

/** Parses one dump file; `section` is passed through to the article input. */
export function parseDumpFile(
  text: string,
  options: { path: string; section?: string; timeZone?: string; masthead?: Masthead },
): ParsedDumpFile {
  const result = parseDump(text, {
    ...(options.section !== undefined && { section: options.section }),
    ...(options.timeZone !== undefined && { timeZone: options.timeZone }),
    ...(options.masthead !== undefined && { masthead: options.masthead }),
  })
  if (!result.ok) return { ok: false, path: options.path, line: result.line, reason: result.reason }
  return { ...result, path: options.path, warnings: result.warnings.map((w) => toProblem(options.path, w)) }
}

/** Which line a schema issue is about, so the importer can point into the file. */
function lineOf(field: string, lines: DumpLines): number {
  const top = field.split('.')[0]
  if (top === 'title' || top === 'id') return lines.title
  if (top === 'published' || top === 'updated') return lines.published
  if (top === 'byline' || top === 'authors') return lines.byline ?? lines.body
  return lines.body
}

/**
 * Parses one dump file and builds the article exactly as the admin API would. Its id is the file's
 * name (see src/articles/ids.ts), so a corrected title re-imports onto the same article.
 */
export function dumpToArticle(file: DumpFile, context: DumpContext): DumpArticle {
  const masthead = context.masthead ?? DEFAULT_MASTHEAD
  const parsed = parseDumpFile(file.text, {
    path: file.path,
    timeZone: context.timeZone,
    masthead,
    ...(file.section !== undefined && { section: file.section }),
  })
  if (!parsed.ok) return parsed
  const id = idFromFileName(file.path)
  const built = buildArticle({ ...parsed.input, ...(id !== undefined && { id }) }, { siteUrl: context.siteUrl, timeZone: context.timeZone })
  if (!built.ok) {
    const first = built.issues[0]!
    return {
      ok: false,
      path: file.path,
      line: lineOf(first.field, parsed.lines),
      reason: built.issues.map((i) => `${i.field}: ${i.reason}`).join('; '),
    }
  }
  const warnings = [...parsed.warnings]
  if (parsed.footer) {
    const differences = compareFooter(parsed.footer, masthead)
    if (differences.length > 0) {
      const what = differences.map(
        (d) => `${d.field} ${d.footer === null ? 'missing' : JSON.stringify(d.footer)} (masthead: ${JSON.stringify(d.masthead)})`,
      )
      warnings.push({ path: file.path, line: parsed.lines.footer ?? 1, reason: `footer differs from the masthead: ${what.join('; ')}` })
    }
  }
  const legacy = legacyId(built.article.title, new Date(built.article.published), context.timeZone)
  return {
    ok: true,
    path: file.path,
    article: built.article,
    ...(legacy !== undefined && legacy !== built.article.id && { legacyId: legacy }),
    warnings,
  }
}

/**
 * Ids handed out in one run, by the batch rule (articles/batch.ts): the first file with an id is
 * stored and a later one is an error, since it would overwrite the first. Two files with the same title
 * and day are two articles now (ids come from file names), which is worth a warning: it may be one
 * story saved twice.
 */
export function idRegistry(): (result: Extract<DumpArticle, { ok: true }>) => { error?: DumpProblem; warning?: DumpProblem } {
  const claim = idClaims()
  const paths: string[] = []
  const legacy = new Map<string, string>()
  return ({ path, article, legacyId: old }) => {
    const earlier = claim(article.id, paths.push(path) - 1)
    if (earlier !== undefined)
      return {
        error: { path, line: 1, reason: `same id ${article.id} as ${paths[earlier]}: one would overwrite the other; rename one file` },
      }
    const key = old ?? article.id
    const twin = legacy.get(key)
    legacy.set(key, twin ?? path)
    return twin === undefined ? {} : { warning: { path, line: 1, reason: `same title and day as ${twin}; imported as two articles` } }
  }
}

/**
 * Builds many files at once; a file whose id another file already has is an error. `pending` carries
 * each article with its legacy id, for keepLegacyIds.
 */
export function dumpsToArticles(
  files: DumpFile[],
  context: DumpContext,
): { articles: Article[]; pending: Pending[]; errors: DumpProblem[]; warnings: DumpProblem[] } {
  const pending: Pending[] = []
  const errors: DumpProblem[] = []
  const warnings: DumpProblem[] = []
  const claim = idRegistry()
  for (const file of files) {
    const result = dumpToArticle(file, context)
    if (!result.ok) {
      errors.push({ path: result.path, line: result.line, reason: result.reason })
      continue
    }
    warnings.push(...result.warnings)
    const { error, warning } = claim(result)
    if (warning) warnings.push(warning)
    if (error) errors.push(error)
    else pending.push({ article: result.article, ...(result.legacyId !== undefined && { legacyId: result.legacyId }) })
  }
  return { articles: pending.map((p) => p.article), pending, errors, warnings }
}

/**
 * The section of a file under a root of section folders: `demo/articles/the-thao/x.txt` → `the-thao`.
 * Undefined for a file directly in the root. Accepts `/` and `\` separators.
 */
export function sectionFromPath(path: string, root: string): string | undefined {
  const parts = path.replace(/\\/gu, '/').split('/')
  const rootParts = root.replace(/\\/gu, '/').replace(/\/+$/u, '').split('/')
  const rest = parts.slice(rootParts.length)
  const matches = rootParts.every((p, i) => parts[i] === p)
  return matches && rest.length >= 2 ? rest[0] : undefined
}
