import { atom } from './atom'
import { json } from './json'
import type { FeedFormat } from './model'
import { rss } from './rss'
import type { FeedWriter } from './writer'

/** The writer of each format. */
export const WRITERS: Record<FeedFormat, FeedWriter> = { rss, atom, json }
