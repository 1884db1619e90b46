import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { CASES, FILES, type Format } from '../clients/cases'
import type { ServedFeed } from '../clients/client'
import { startWorker, type RunningWorker } from './worker'

/** The Worker as deployed, with the hard cases stored through the real schema and store. */
export interface ServedCases {
  worker: RunningWorker
  /**
   * GETs a feed once (`feed('/chuyen-muc/doi-song', 'atom', '?limit=4')`); its bytes are also kept in a
   * file for clients that read files. Anything but a 200 is an error naming the answer.
   */
  feed(scopePath: string, format: Format, query?: string): Promise<ServedFeed>
  /** The article's link on the paper's site, which every client shows and items are matched by. */
  link(id: string): string
  dispose(): Promise<void>
}

export async function serveCases(): Promise<ServedCases> {
  const worker = await startWorker()
  const dir = await mkdtemp(join(tmpdir(), 'vnfeeds-readers-'))
  const dispose = async () => {
    await worker.dispose()
    await rm(dir, { recursive: true, force: true })
  }
  try {
    await worker.seed(CASES.map((c) => c.input))
  } catch (error) {
    await dispose()
    throw error
  }
  const feeds = new Map<string, Promise<ServedFeed>>()
  const get = async (url: string, format: Format): Promise<ServedFeed> => {
    const response = await fetch(url)
    const body = await response.text()
    if (response.status !== 200) throw new Error(`GET ${url} answered ${response.status}: ${body.slice(0, 500)}`)
    const file = join(dir, `${feeds.size}-${FILES[format]}`)
    await writeFile(file, body)
    return { format, url, body, file, contentType: response.headers.get('content-type') ?? '' }
  }
  return {
    worker,
    feed(scopePath, format, query = '') {
      const url = `${worker.origin}${scopePath}/${FILES[format]}${query}`
      if (!feeds.has(url)) feeds.set(url, get(url, format))
      return feeds.get(url)!
    },
    link: (id) => `${worker.config.siteUrl}/${id}`,
    dispose,
  }
}
