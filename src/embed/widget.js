// @ts-check
/**
 * The script form of the headlines widget, run in the partner's browser. `/embed.js` serves this
 * function's own source text, called at once with the loading <script> element and the service's
 * settings. So the function must be self-contained: it may use nothing from this module's scope (the
 * source is all the browser gets) and defines no globals. wrangler.toml sets keep_names = false so the
 * bundler does not wrap its inner functions in a module-level `__name` helper.
 *
 * It shows what the JSON Feed shows (same items, same order), built as DOM with text nodes only, inside an
 * open shadow root. Any failure (unreachable service, HTTP error, bad option) leaves the page unchanged
 * and logs one console.warn.
 *
 * @param {HTMLScriptElement | null} script
 * @param {import('./widget').WidgetSettings} settings
 */
export function widget(script, settings) {
  /** @param {string} reason */
  const warn = (reason) => console.warn(`[${settings.paper}] Không hiển thị được tin mới (headlines widget): ${reason}`)
  if (!script || !script.src) {
    warn('embed.js must be loaded by a classic <script src> tag (not a module, not injected as text)')
    return
  }
  const data = script.dataset
  const slug = /^[a-z0-9]+(?:-[a-z0-9]+)*$/
  const section = (data.section || '').trim()
  const author = (data.author || '').trim()
  const which = section ? 'section' : 'author'
  const path = section ? `/chuyen-muc/${section}/feed.json` : author ? `/tac-gia/${author}/feed.json` : '/feed.json'
  if ((section || author) && !slug.test(section || author)) {
    warn(`data-${which}="${section || author}" is not a slug such as "thoi-su"`)
    return
  }
  // Same rule as the iframe's limit (src/embed/options.ts): whole numbers are capped, anything else is the default.
  const limitText = data.limit || ''
  const n = /^\s*\d{1,6}\s*$/.test(limitText) ? Number(limitText) : 0
  const limit = n >= 1 ? Math.min(n, settings.limit.max) : settings.limit.default
  const theme = data.theme === 'light' || data.theme === 'dark' ? data.theme : ''
  const linkTarget = data.linkTarget === '_blank' ? '_blank' : '_top'
  const feedUrl = `${new URL(script.src).origin}${path}?limit=${limit}`

  /**
   * An absolute http(s) URL, or null: feed data never becomes a javascript: or data: link.
   * @param {unknown} value
   */
  const httpUrl = (value) => {
    if (typeof value !== 'string') return null
    try {
      const url = new URL(value)
      return url.protocol === 'https:' || url.protocol === 'http:' ? url : null
    } catch {
      return null
    }
  }
  // Same rule as the iframe's (src/embed/hosts.ts): only the hosts the paper configured; `*.x` is any subdomain of x.
  /** @param {URL} url */
  const onPaperHost = (url) => settings.hosts.some((h) => (h.startsWith('*.') ? url.hostname.endsWith(h.slice(1)) : url.hostname === h))
  const clock = new Intl.DateTimeFormat('en-GB', {
    timeZone: settings.timeZone,
    hourCycle: 'h23',
    hour: '2-digit',
    minute: '2-digit',
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
  })
  /**
   * `HH:mm, dd/MM/yyyy` in the newsroom's zone, built from parts so no locale's punctuation leaks in.
   * @param {Date} instant
   */
  const localTime = (instant) => {
    /** @type {Record<string, string>} */
    const part = {}
    for (const p of clock.formatToParts(instant)) part[p.type] = p.value
    return `${part.hour}:${part.minute}, ${part.day}/${part.month}/${part.year}`
  }
  /**
   * An element with a class and, optionally, text (as a text node, never parsed).
   * @template {keyof HTMLElementTagNameMap} K
   * @param {K} tag
   * @param {string} className
   * @param {string} [text]
   * @returns {HTMLElementTagNameMap[K]}
   */
  const el = (tag, className, text) => {
    const node = document.createElement(tag)
    node.className = className
    if (text !== undefined) node.textContent = text
    return node
  }
  /**
   * @param {HTMLAnchorElement} node
   * @param {string} href
   */
  const link = (node, href) => {
    node.href = href
    node.target = linkTarget
    if (linkTarget === '_blank') node.rel = 'noopener'
    return node
  }

  /**
   * The widget's host element, complete, not yet in the page.
   * @param {unknown} feed
   */
  const build = (feed) => {
    const items = feed && typeof feed === 'object' ? /** @type {{ items?: unknown }} */ (feed).items : undefined
    if (!Array.isArray(items)) throw new Error('the response is not a JSON Feed')
    const title = String(/** @type {{ title?: unknown }} */ (feed).title || '')
    const host = document.createElement('vnfeeds-headlines')
    const root = host.attachShadow({ mode: 'open' })
    // A constructed stylesheet is not subject to the page's CSP style-src; <style> is the fallback.
    if ('adoptedStyleSheets' in root && typeof CSSStyleSheet === 'function' && 'replaceSync' in CSSStyleSheet.prototype) {
      const sheet = new CSSStyleSheet()
      sheet.replaceSync(settings.css)
      root.adoptedStyleSheets = [sheet]
    } else {
      root.appendChild(el('style', '', settings.css))
    }
    const box = el('div', 'vnf')
    if (theme) box.dataset.theme = theme
    box.lang = 'vi'
    const head = el('header', 'head')
    head.appendChild(link(el('a', 'paper', settings.paper), settings.home))
    const prefix = `${settings.paper} – `
    if (title.startsWith(prefix)) head.appendChild(el('span', 'scope', title.slice(prefix.length)))
    box.appendChild(head)
    if (items.length === 0) box.appendChild(el('p', 'empty', 'Chưa có tin bài.'))
    else {
      const list = el('ol', 'list')
      for (const item of /** @type {Array<Record<string, unknown>>} */ (items.slice(0, limit))) {
        // A link elsewhere leads to the paper's home; a thumbnail elsewhere (or over http) is left out.
        const target = httpUrl(item.url)
        const row = target ? link(el('a', 'link'), onPaperHost(target) ? target.href : settings.home) : el('span', 'link')
        const image = httpUrl(item.image)
        const thumb = image && image.protocol === 'https:' && onPaperHost(image) ? image.href : null
        if (thumb) {
          const img = el('img', 'thumb')
          img.alt = ''
          img.width = 72
          img.height = 48
          img.loading = 'lazy'
          img.decoding = 'async'
          img.referrerPolicy = 'no-referrer'
          img.src = thumb
          row.appendChild(img)
        }
        const text = el('span', 'text')
        text.appendChild(el('span', 'title', String(item.title ?? '')))
        const published = new Date(String(item.date_published))
        if (!Number.isNaN(published.getTime())) {
          const time = el('time', 'time', localTime(published))
          time.dateTime = String(item.date_published)
          text.appendChild(time)
        }
        row.appendChild(text)
        const li = el('li', 'item')
        li.appendChild(row)
        list.appendChild(li)
      }
      box.appendChild(list)
    }
    root.appendChild(box)
    return host
  }

  /**
   * Puts the widget in place: into data-target, or just before this script tag.
   * @param {HTMLElement} host
   */
  const place = (host) => {
    const selector = data.target
    if (selector) {
      /** @type {Element | null} */
      let target = null
      try {
        target = document.querySelector(selector)
      } catch {
        // an invalid selector is reported like a missing element
      }
      if (!target) throw new Error(`data-target="${selector}" matches no element`)
      target.replaceChildren(host)
    } else {
      if (!script.parentNode) throw new Error('the <script> tag was removed from the page before the headlines arrived')
      script.parentNode.insertBefore(host, script)
    }
  }

  fetch(feedUrl, { credentials: 'omit', headers: { Accept: 'application/feed+json, application/json' } })
    .then(
      (response) => {
        if (!response.ok) throw new Error(`${feedUrl} answered HTTP ${response.status}`)
        return response.json()
      },
      (error) => {
        throw new Error(`${feedUrl} could not be reached (${error instanceof Error ? error.message : String(error)})`)
      },
    )
    .then((feed) => {
      const host = build(feed)
      // The target may come later in the page than this async script.
      if (document.readyState !== 'loading') return place(host)
      return new Promise((resolve, reject) => {
        document.addEventListener(
          'DOMContentLoaded',
          () => {
            try {
              resolve(place(host))
            } catch (error) {
              reject(error)
            }
          },
          { once: true },
        )
      })
    })
    .catch((error) => warn(error instanceof Error ? error.message : String(error)))
}
