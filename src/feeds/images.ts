import type { SiteConfig } from '../config/masthead'
import { ICONS, type IconPath } from '../icons/assets'

/** The paper's images as each format wants them, absolute URLs. */
export interface PaperImages {
  /** Square and small: Atom `<icon>`, JSON Feed `favicon`. */
  icon: string
  /** Square and large (JSON Feed asks for 512 × 512): JSON Feed `icon`. */
  largeIcon: string
  /** RSS `<image>`: a PNG, JPEG or GIF at most 144 × 400, with its size when known. */
  rssImage: { url: string; width?: number; height?: number }
  /** 2:1: Atom `<logo>`. */
  logo: string
}

/**
 * The images the service serves itself (src/routes/icons.ts), on the feeds' own base URL, unless the paper
 * configured its own (ICON_URL, LOGO_URL).
 */
export function paperImages(config: Pick<SiteConfig, 'iconUrl' | 'logoUrl'>, baseUrl: string): PaperImages {
  const ours = (path: IconPath) => `${baseUrl}${path}`
  const logo = config.logoUrl ?? ours('/logo.png')
  if (config.iconUrl) return { icon: config.iconUrl, largeIcon: config.iconUrl, rssImage: { url: config.iconUrl }, logo }
  const { width, height } = ICONS['/icon-144.png']
  return { icon: ours('/icon-64.png'), largeIcon: ours('/icon-512.png'), rssImage: { url: ours('/icon-144.png'), width, height }, logo }
}
