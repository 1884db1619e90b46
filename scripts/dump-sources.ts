/**
 * Finding and reading newsroom dump files on disk, shared by the importer CLI, `npm start`'s demo
 * seeding and the feed validation script.
 */
import { readdir, readFile, stat } from 'node:fs/promises'
import { sep } from 'node:path'
import { formatProblem, type DumpFile, type DumpProblem } from '../src/ingest/files'
import { sectionFor } from '../src/ingest/importer'

/** A file to import, with the folder it was found under (for its section). */
export interface Source {
  path: string
  root?: string
}

/** Every `.txt` under the given folders (sorted, so runs are repeatable) and every file named. */
export async function findSources(paths: string[]): Promise<{ sources: Source[]; problems: string[] }> {
  const sources: Source[] = []
  const problems: string[] = []
  for (const given of paths) {
    let info
    try {
      info = await stat(given)
    } catch (error) {
      problems.push(`${given}: ${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file or folder' : (error as Error).message}`)
      continue
    }
    if (!info.isDirectory()) {
      sources.push({ path: given })
      continue
    }
    const names = (await readdir(given, { recursive: true })).filter((n) => n.toLowerCase().endsWith('.txt')).sort()
    if (names.length === 0) problems.push(`${given}: no .txt files in this folder`)
    const root = given.replace(/[\\/]+$/u, '')
    for (const name of names) sources.push({ path: [root, ...name.split(sep)].join('/'), root })
  }
  return { sources, problems }
}

/**
 * The file's text. UTF-8 (a BOM is fine), or UTF-16 with a BOM as Windows tools write it; bytes that
 * are not UTF-8 are an error at their line rather than replacement characters in a feed.
 */
export async function readText(path: string): Promise<{ text: string } | DumpProblem> {
  let bytes: Buffer
  try {
    bytes = await readFile(path)
  } catch (error) {
    return { path, line: 1, reason: `cannot read: ${(error as Error).message}` }
  }
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { text: new TextDecoder('utf-16le').decode(bytes) }
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { text: new TextDecoder('utf-16be').decode(bytes) }
  try {
    return { text: new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes) }
  } catch {
    const loose = new TextDecoder('utf-8').decode(bytes)
    const line = loose.slice(0, loose.indexOf('\uFFFD')).split('\n').length
    return { path, line, reason: 'not valid UTF-8: save the dump as UTF-8' }
  }
}

/**
 * Every dump under the given files or folders, read, each with the section its folder names
 * (`demo/articles/the-thao/x.txt` → the-thao). Unreadable files are problems, not exceptions.
 */
export async function readDumpFiles(paths: string[]): Promise<{ files: DumpFile[]; problems: string[] }> {
  const { sources, problems } = await findSources(paths)
  const files: DumpFile[] = []
  for (const source of sources) {
    const read = await readText(source.path)
    if (!('text' in read)) {
      problems.push(formatProblem(read))
      continue
    }
    const section = sectionFor(source.path, source.root)
    files.push({ path: source.path, text: read.text, ...(section && { section }) })
  }
  return { files, problems }
}
