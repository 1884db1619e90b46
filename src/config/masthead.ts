import type { Env } from '../env'
import { DEFAULT_TIME_ZONE } from '../time/zone'
import { embedHosts } from './embed-hosts'
import { absoluteUrl, text, timeZone, wholeNumber } from './vars'

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
  /** Hosts the partner widget may link to and show images from (config/embed-hosts.ts). */
  embedHosts: string[]
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

/** Reads the site configuration from the Worker's vars; unset vars take the paper's defaults. */
export function siteConfig(env: Partial<Env>): SiteConfig {
  const deputies = text(env.DEPUTY_EDITORS)
  const siteUrl = absoluteUrl('SITE_URL', env.SITE_URL) ?? DEFAULT_SITE_URL
  return {
    masthead: {
      name: text(env.PAPER_NAME) ?? DEFAULT_MASTHEAD.name,
      editorInChief: text(env.EDITOR_IN_CHIEF) ?? DEFAULT_MASTHEAD.editorInChief,
      deputyEditors: deputies
        ? deputies
            .split(',')
            .map((d) => d.trim())
            .filter(Boolean)
        : DEFAULT_MASTHEAD.deputyEditors,
      address: text(env.NEWSROOM_ADDRESS) ?? DEFAULT_MASTHEAD.address,
      phone: text(env.NEWSROOM_PHONE) ?? DEFAULT_MASTHEAD.phone,
      email: text(env.NEWSROOM_EMAIL) ?? DEFAULT_MASTHEAD.email,
      language: DEFAULT_MASTHEAD.language,
    },
    siteUrl,
    feedBaseUrl: absoluteUrl('FEED_BASE_URL', env.FEED_BASE_URL) ?? null,
    logoUrl: absoluteUrl('LOGO_URL', env.LOGO_URL) ?? null,
    iconUrl: absoluteUrl('ICON_URL', env.ICON_URL) ?? null,
    embedHosts: embedHosts(env.EMBED_HOSTS, siteUrl),
    timeZone: timeZone('TIME_ZONE', env.TIME_ZONE) ?? DEFAULT_TIME_ZONE,
    ttlMinutes: wholeNumber('FEED_TTL_MINUTES', env.FEED_TTL_MINUTES, 15, 1),
  }
}
