/**
 * The service's one configuration, like RSSHub's lib/config.ts: every Worker var read and checked
 * here, once per env object (once per isolate in production), and handed to handlers as `c.var.config`
 * (src/http/context.ts). Nothing else reads a var.
 */
import type { Env } from '../env'
import { batchLimits, type BatchLimits } from './batch'
import { cachePolicy, type CachePolicy } from './cache'
import { siteConfig, type SiteConfig } from './masthead'
import { httpUrl, secret, wholeNumber } from './vars'

export interface Config {
  site: SiteConfig
  cache: CachePolicy
  /** Milliseconds a KV read may take before the request gives up with 503. */
  kvTimeoutMs: number
  /** The WebSub hub the feeds advertise and writes ping; null for none. */
  websubHub: string | null
  /** What one admin batch may hold: its CPU grows with both (BATCH_MAX_ARTICLES, BATCH_MAX_BYTES). */
  batch: BatchLimits
  /** The admin API's bearer token; null keeps the API closed (503). */
  adminToken: string | null
  /** The deployed version's id (empty when unknown): keys the edge cache, so new code never serves old renders. */
  deployment: string
  /** Key of the paging cursors' HMAC (CURSOR_SECRET), so a cursor cannot be forged or altered. */
  cursorSecret: string
}

/**
 * The cursor key when CURSOR_SECRET is unset: fine for development and tests, but public (it is in the
 * source), so anyone could forge cursors with it. docs/deploy.md sets the secret for production.
 */
export const DEVELOPMENT_CURSOR_SECRET = 'vnfeeds development cursor key: set CURSOR_SECRET in production'

const DEFAULT_KV_TIMEOUT_MS = 2_500

/** Reads and checks every var; throws ConfigError naming the first that cannot be used. */
function readConfig(env: Partial<Env>): Config {
  return {
    site: siteConfig(env),
    cache: cachePolicy(env),
    kvTimeoutMs: wholeNumber('KV_TIMEOUT_MS', env.KV_TIMEOUT_MS, DEFAULT_KV_TIMEOUT_MS),
    websubHub: httpUrl('WEBSUB_HUB', env.WEBSUB_HUB),
    batch: batchLimits(env),
    adminToken: env.ADMIN_TOKEN?.trim() || null,
    deployment: env.CF_VERSION_METADATA?.id ?? '',
    cursorSecret: secret('CURSOR_SECRET', env.CURSOR_SECRET) ?? DEVELOPMENT_CURSOR_SECRET,
  }
}

const configs = new WeakMap<object, Config>()

/** The configuration of this env, read on first use. */
export function configOf(env: Env): Config {
  let config = configs.get(env)
  if (!config) {
    config = readConfig(env)
    configs.set(env, config)
  }
  return config
}
