/**
 * What one admin batch (POST /api/articles) may hold. Validating an article (above all sanitizing its
 * HTML) costs CPU by the byte, and storing it renders its feed items, so these two bound a request's CPU;
 * the KV budget (src/articles/batch.ts) may allow fewer articles still.
 */
import type { Env } from '../env'
import { wholeNumber } from './vars'

export interface BatchLimits {
  maxArticles: number
  /** UTF-8 bytes of the request body. */
  maxBytes: number
}

/**
 * Sized for the Workers free plan's 10 ms of CPU per request, with half of it to spare: the worst batch
 * these allow costs at most 5 ms in workerd, its articles' feed items rendered included (bench/RESULTS.md,
 * "Admin batch CPU"). Raise them with BATCH_MAX_ARTICLES and BATCH_MAX_BYTES on the paid plan.
 */
export const DEFAULT_BATCH_LIMITS: BatchLimits = { maxArticles: 4, maxBytes: 24 * 1024 }

/**
 * The range a deployment may set them in: more articles than 100 could never pass the KV budget, a body
 * under 4 KiB holds hardly one article, and 5 MiB is what the route took before the limits were sized.
 */
const ARTICLES_RANGE = [1, 100] as const
const BYTES_RANGE = [4 * 1024, 5 * 1024 * 1024] as const

export function batchLimits(env: Partial<Env>): BatchLimits {
  return {
    maxArticles: wholeNumber('BATCH_MAX_ARTICLES', env.BATCH_MAX_ARTICLES, DEFAULT_BATCH_LIMITS.maxArticles, ...ARTICLES_RANGE),
    maxBytes: wholeNumber('BATCH_MAX_BYTES', env.BATCH_MAX_BYTES, DEFAULT_BATCH_LIMITS.maxBytes, ...BYTES_RANGE),
  }
}
