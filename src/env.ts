/** Bindings and vars the Worker receives (wrangler.toml, .dev.vars, secrets). */
export interface Env {
  ARTICLES: KVNamespace
  SITE_URL?: string
  /** Absolute base for feed self links; when unset, the request's own origin is used. */
  FEED_BASE_URL?: string
  TIME_ZONE?: string
  LOGO_URL?: string
  PAPER_NAME?: string
  EDITOR_IN_CHIEF?: string
  /** Comma-separated. */
  DEPUTY_EDITORS?: string
  NEWSROOM_ADDRESS?: string
  NEWSROOM_PHONE?: string
  NEWSROOM_EMAIL?: string
  FEED_TTL_MINUTES?: string
  ADMIN_TOKEN?: string
  WEBSUB_HUB?: string
}
