import type { SiteConfig } from '../config/masthead'
import { EMBED_LIMIT } from './options'
import { SHADOW_CSS } from './style'
import { widget, type WidgetSettings } from './widget'

function widgetSettings(config: SiteConfig): WidgetSettings {
  return {
    css: SHADOW_CSS,
    paper: config.masthead.name,
    home: config.siteUrl,
    timeZone: config.timeZone,
    limit: EMBED_LIMIT,
    hosts: config.embedHosts,
  }
}

/**
 * The text of /embed.js: one strict-mode call of the widget's own source with this paper's settings. No
 * build step, so it is the same under wrangler dev, vitest and deploy.
 */
export function widgetScript(config: SiteConfig): string {
  return `'use strict';(${widget.toString()})(document.currentScript,${JSON.stringify(widgetSettings(config))});\n`
}
