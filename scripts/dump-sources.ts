/**
 * Finding and reading newsroom dump files on disk, shared by the importer CLI, `npm start`'s demo
 * seeding and the feed validation script. Only regular files are read: a FIFO named `*.txt` would block
 * a read for ever, a device never ends, and a symlink loop would be walked until the path is too long.
 */
import { constants } from 'node:fs'
import { open, readdir, realpath, stat } from 'node:fs/promises'
import { MAX_ARTICLE_BYTES } from '../src/articles/size'
import { decodeDump } from '../src/ingest/decode'
import { formatProblem, type DumpFile, type DumpProblem } from '../src/ingest/files'
import { sectionFor } from '../src/ingest/importer'

/** A file to import, with the folder it was found under (for its section). */
export interface Source {
  path: string
  root?: string
}

/** What was found: files to read, given paths that cannot be read (errors), things skipped (warnings). */
export interface Found {
  sources: Source[]
  problems: string[]
  warnings: string[]
}

const kindOf = (info: { isFIFO(): boolean; isSocket(): boolean; isCharacterDevice(): boolean; isBlockDevice(): boolean }) =>
  info.isFIFO()
    ? 'a FIFO'
    : info.isSocket()
      ? 'a socket'
      : info.isCharacterDevice() || info.isBlockDevice()
        ? 'a device'
        : 'not a regular file'

/** Walks one folder (sorted, so runs are repeatable); `seen` holds real paths of folders walked, against loops. */
async function walk(dir: string, root: string, seen: Set<string>, found: Found): Promise<void> {
  const entries = (await readdir(dir, { withFileTypes: true })).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
  for (const entry of entries) {
    const path = `${dir}/${entry.name}`
    let info
    try {
      info = entry.isSymbolicLink() ? await stat(path) : entry
    } catch {
      found.warnings.push(`${path}: broken symbolic link; skipped`)
      continue
    }
    if (info.isDirectory()) {
      const real = await realpath(path)
      if (seen.has(real)) {
        found.warnings.push(`${path}: a folder already walked (a symbolic link loop?); skipped`)
        continue
      }
      seen.add(real)
      await walk(path, root, seen, found)
    } else if (entry.name.toLowerCase().endsWith('.txt')) {
      if (info.isFile()) found.sources.push({ path, root })
      else found.warnings.push(`${path}: ${kindOf(info)}, not a dump; skipped`)
    }
  }
}

/** Every `.txt` under the given folders, and every file named. */
export async function findSources(paths: string[]): Promise<Found> {
  const found: Found = { sources: [], problems: [], warnings: [] }
  for (const given of paths) {
    let info
    try {
      info = await stat(given)
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code
      found.problems.push(
        `${given}: ${code === 'ENOENT' ? 'no such file or folder' : code === 'ELOOP' ? 'a symbolic link loop' : (error as Error).message}`,
      )
      continue
    }
    if (info.isFile()) {
      found.sources.push({ path: given })
    } else if (info.isDirectory()) {
      const root = given.replace(/[\\/]+$/u, '')
      const before = found.sources.length
      await walk(root, root, new Set([await realpath(root)]), found)
      if (found.sources.length === before) found.problems.push(`${given}: no .txt files in this folder`)
    } else {
      found.problems.push(`${given}: ${kindOf(info)}, not a dump`)
    }
  }
  return found
}

/** No dump this large can become an article (MAX_ARTICLE_BYTES stored, even in UTF-16): not even read. */
const MAX_DUMP_BYTES = 4 * MAX_ARTICLE_BYTES

/**
 * The file's text: UTF-8 (a BOM is fine), UTF-16 with a BOM, or Vietnamese in Windows-1258 or TCVN3,
 * which is converted with a warning naming the encoding (src/ingest/decode.ts). Anything else is an
 * error at its line rather than replacement characters in a feed. Opened without blocking, so a FIFO
 * that appeared since the walk is refused instead of waited on.
 */
export async function readText(path: string): Promise<{ text: string; warning?: DumpProblem } | DumpProblem> {
  let bytes: Uint8Array
  try {
    const handle = await open(path, constants.O_RDONLY | constants.O_NONBLOCK)
    try {
      const info = await handle.stat()
      if (!info.isFile()) return { path, line: 1, reason: `${kindOf(info)}, not a dump` }
      if (info.size > MAX_DUMP_BYTES)
        return {
          path,
          line: 1,
          reason: `${info.size} bytes: no article that large can be stored (at most ${MAX_ARTICLE_BYTES / 1024} KiB stored); split it`,
        }
      bytes = await handle.readFile()
    } finally {
      await handle.close()
    }
  } catch (error) {
    return { path, line: 1, reason: `cannot read: ${(error as Error).message}` }
  }
  const decoded = decodeDump(bytes)
  if (!decoded.ok) return { path, line: decoded.line, reason: decoded.reason }
  if (decoded.encoding === 'UTF-8' || decoded.encoding === 'UTF-16LE' || decoded.encoding === 'UTF-16BE') return { text: decoded.text }
  const capitals =
    decoded.encoding === 'TCVN3 (VN3)' ? '; VN3 has no capital toned letters: capitals were restored in all-caps words, check the text' : ''
  return {
    text: decoded.text,
    warning: { path, line: 1, reason: `read as ${decoded.encoding}, converted to Unicode (NFC)${capitals}; save dumps as UTF-8` },
  }
}

/**
 * Every dump under the given files or folders, read, each with the section its folder names
 * (`demo/articles/the-thao/x.txt` → the-thao). Unreadable files are problems, not exceptions.
 */
export async function readDumpFiles(paths: string[]): Promise<{ files: DumpFile[]; problems: string[]; warnings: string[] }> {
  const { sources, problems, warnings } = await findSources(paths)
  const files: DumpFile[] = []
  for (const source of sources) {
    const read = await readText(source.path)
    if (!('text' in read)) {
      problems.push(formatProblem(read))
      continue
    }
    if (read.warning) warnings.push(formatProblem(read.warning))
    const section = sectionFor(source.path, source.root)
    files.push({ path: source.path, text: read.text, ...(section && { section }) })
  }
  return { files, problems, warnings }
}
