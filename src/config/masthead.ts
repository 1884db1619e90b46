import type { Env } from '../env'
import { DEFAULT_TIME_ZONE } from '../time/zone'

/** The paper's tòa soạn, as printed in its footer. Every feed carries all of it. */
export interface Masthead {
  name: string
  editorInChief: string
  deputyEditors: string[]
  address: string
  phone: string
  email: string
  language: string
}

/** Everything a feed needs to know about the paper and where it lives. */
export interface SiteConfig {
  masthead: Masthead
  siteUrl: string
  /** Base for self links; null means "the origin the request came in on". */
  feedBaseUrl: string | null
  /** The paper's 2:1 logo (Atom `<logo>`); null: the one the service serves (src/icons). */
  logoUrl: string | null
  /** The paper's square icon (RSS `<image>`, Atom `<icon>`, JSON Feed `icon`/`favicon`); null: the service's own. */
  iconUrl: string | null
  timeZone: string
  ttlMinutes: number
}

export const DEFAULT_MASTHEAD: Masthead = {
  name: 'Báo Nam Định điện tử',
  editorInChief: 'Phạm Văn Trường',
  deputyEditors: ['Trần Vân Anh', 'Nguyễn Thị Thu Thủy'],
  address: 'Số 68 Trần Phú, TP Nam Định, tỉnh Nam Định',
  phone: '0228.3849386',
  email: 'toasoanbnd@gmail.com',
  language: 'vi',
}

const DEFAULT_SITE_URL = 'https://baonamdinh.vn'

function nonEmpty(value: string | undefined): string | undefined {
  const trimmed = value?.trim()
  return trimmed ? trimmed.normalize('NFC') : undefined
}

function absoluteUrl(name: string, value: string): string {
  try {
    return new URL(value).toString().replace(/\/$/, '')
  } catch {
    throw new Error(`${name} must be an absolute URL, got ${JSON.stringify(value)}`)
  }
}

/** Reads the site configuration from the Worker's vars; unset vars take the paper's defaults. */
export function siteConfig(env: Partial<Env>): SiteConfig {
  const deputies = nonEmpty(env.DEPUTY_EDITORS)
  const ttl = Number(nonEmpty(env.FEED_TTL_MINUTES) ?? 15)
  if (!Number.isInteger(ttl) || ttl < 1) throw new Error('FEED_TTL_MINUTES must be a positive whole number')
  const feedBase = nonEmpty(env.FEED_BASE_URL)
  const logo = nonEmpty(env.LOGO_URL)
  const icon = nonEmpty(env.ICON_URL)
  return {
    masthead: {
      name: nonEmpty(env.PAPER_NAME) ?? DEFAULT_MASTHEAD.name,
      editorInChief: nonEmpty(env.EDITOR_IN_CHIEF) ?? DEFAULT_MASTHEAD.editorInChief,
      deputyEditors: deputies ? deputies.split(',').map((d) => d.trim()).filter(Boolean) : DEFAULT_MASTHEAD.deputyEditors,
      address: nonEmpty(env.NEWSROOM_ADDRESS) ?? DEFAULT_MASTHEAD.address,
      phone: nonEmpty(env.NEWSROOM_PHONE) ?? DEFAULT_MASTHEAD.phone,
      email: nonEmpty(env.NEWSROOM_EMAIL) ?? DEFAULT_MASTHEAD.email,
      language: DEFAULT_MASTHEAD.language,
    },
    siteUrl: absoluteUrl('SITE_URL', nonEmpty(env.SITE_URL) ?? DEFAULT_SITE_URL),
    feedBaseUrl: feedBase ? absoluteUrl('FEED_BASE_URL', feedBase) : null,
    logoUrl: logo ? absoluteUrl('LOGO_URL', logo) : null,
    iconUrl: icon ? absoluteUrl('ICON_URL', icon) : null,
    timeZone: nonEmpty(env.TIME_ZONE) ?? DEFAULT_TIME_ZONE,
    ttlMinutes: ttl,
  }
}
