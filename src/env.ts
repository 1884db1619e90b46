/** Bindings and vars the Worker receives (wrangler.toml, .dev.vars, secrets). */
export interface Env {
  ARTICLES: KVNamespace
  SITE_URL?: string
  /** Absolute base for feed self links; when unset, the request's own origin is used. */
  FEED_BASE_URL?: string
  TIME_ZONE?: string
  /** The paper's logo, 2:1 (Atom `<logo>`); by default the service's own /logo.png. */
  LOGO_URL?: string
  /**
   * The paper's square icon, a PNG, JPEG or GIF at most 144 px wide for RSS readers (RSS `<image>`, Atom
   * `<icon>`, JSON Feed `icon`/`favicon`); by default the service's own /icon-*.png.
   */
  ICON_URL?: string
  /** Comma-separated hosts besides SITE_URL's that the partner widget may link to and load images from. */
  EMBED_HOSTS?: string
  PAPER_NAME?: string
  EDITOR_IN_CHIEF?: string
  /** Comma-separated. */
  DEPUTY_EDITORS?: string
  NEWSROOM_ADDRESS?: string
  NEWSROOM_PHONE?: string
  NEWSROOM_EMAIL?: string
  FEED_TTL_MINUTES?: string
  ADMIN_TOKEN?: string
  /** Secret key signing paging cursors (HMAC-SHA256), so a forged or altered cursor is refused. */
  CURSOR_SECRET?: string
  /** Workers Rate Limiting binding counting failed admin logins per client ([[ratelimits]] in wrangler.toml). */
  ADMIN_LOGIN_LIMITER?: RateLimit
  WEBSUB_HUB?: string
  /** Seconds; Cache-Control max-age of feeds and discovery documents (default 300). */
  CACHE_MAX_AGE?: string
  /** Seconds; Cache-Control stale-while-revalidate (default 600). */
  CACHE_STALE_WHILE_REVALIDATE?: string
  /** Milliseconds a rendered document is served from memory before one KV read revalidates it (default 1000). */
  FEED_RECHECK_MS?: string
  /**
   * Milliseconds after a write during which KV may still show other locations old data (default 60000);
   * renders made that soon after a write are re-made rather than trusted until the next write.
   */
  KV_SETTLE_MS?: string
  /** Milliseconds a KV read may take before the request gives up with 503 (default 2500). */
  KV_TIMEOUT_MS?: string
  /** Articles one admin batch (POST /api/articles) may hold (default sized for the free plan's CPU; src/articles/batch.ts). */
  BATCH_MAX_ARTICLES?: string
  /** Bytes one admin batch's body may hold (default sized for the free plan's CPU; src/articles/batch.ts). */
  BATCH_MAX_BYTES?: string
  /** "off" disables the Workers Cache API layer (it is skipped on *.workers.dev, where it does nothing). */
  EDGE_CACHE?: string
  /** Version metadata binding: its id keys the edge cache, so a deploy never serves the old code's renders. */
  CF_VERSION_METADATA?: WorkerVersionMetadata
}
