import { describe, expect, it } from 'vitest'
import { configOf, DEVELOPMENT_CURSOR_SECRET } from '../../src/config'
import { DEFAULT_BATCH_LIMITS } from '../../src/config/batch'
import { DEFAULT_CACHE_POLICY } from '../../src/config/cache'
import { DEFAULT_MASTHEAD } from '../../src/config/masthead'
import type { Env } from '../../src/env'
import { ConfigError } from '../../src/errors/config-error'

/** The configuration of a fresh env object (configOf reads each object once), as the Worker reads it. */
const readConfig = (env: Partial<Env>) => configOf(env as Env)

describe('configuration', () => {
  it('gives the paper’s defaults when no var is set', () => {
    const config = readConfig({})
    expect(config.site.masthead).toEqual(DEFAULT_MASTHEAD)
    expect(config.site).toMatchObject({
      siteUrl: 'https://baonamdinh.vn',
      feedBaseUrl: null,
      logoUrl: null,
      embedHosts: ['baonamdinh.vn', 'www.baonamdinh.vn'],
      timeZone: 'Asia/Ho_Chi_Minh',
      ttlMinutes: 15,
    })
    expect(config.cache).toEqual(DEFAULT_CACHE_POLICY)
    expect(config.batch).toEqual(DEFAULT_BATCH_LIMITS)
    expect(config).toMatchObject({
      kvTimeoutMs: 2_500,
      websubHub: null,
      adminToken: null,
      deployment: '',
      cursorSecret: DEVELOPMENT_CURSOR_SECRET,
    })
  })

  it('reads every var, trimmed', () => {
    const config = readConfig({
      SITE_URL: ' https://bao.example/ ',
      FEED_BASE_URL: 'https://rss.bao.example/',
      DEPUTY_EDITORS: 'A, B ,,C',
      PAPER_NAME: ' Ba\u0001o Nam \uFFFEĐi\u0323nh ',
      FEED_TTL_MINUTES: '30',
      CACHE_MAX_AGE: '0',
      EDGE_CACHE: ' OFF ',
      KV_TIMEOUT_MS: '200',
      WEBSUB_HUB: ' https://hub.example/publish ',
      ADMIN_TOKEN: ' secret ',
      CURSOR_SECRET: ' a key of sixteen or more ',
      CF_VERSION_METADATA: { id: 'v42', tag: '', timestamp: '' },
      BATCH_MAX_ARTICLES: ' 25 ',
      BATCH_MAX_BYTES: '5242880',
    })
    expect(config.site).toMatchObject({ siteUrl: 'https://bao.example', feedBaseUrl: 'https://rss.bao.example', ttlMinutes: 30 })
    expect(config.site.masthead.deputyEditors).toEqual(['A', 'B', 'C'])
    // NFC, and without the characters XML 1.0 forbids: every feed prints the masthead as read here.
    expect(config.site.masthead.name).toBe('Bao Nam Định')
    expect(config.cache).toMatchObject({ maxAge: 0, edge: false })
    expect(config).toMatchObject({
      kvTimeoutMs: 200,
      websubHub: 'https://hub.example/publish',
      adminToken: 'secret',
      deployment: 'v42',
      cursorSecret: 'a key of sixteen or more',
      batch: { maxArticles: 25, maxBytes: 5 * 1024 * 1024 },
    })
  })

  it('reads the embed’s hosts: SITE_URL’s host and its www./bare variant, then EMBED_HOSTS', () => {
    const hosts = (env: Partial<Env>) => readConfig(env).site.embedHosts
    expect(hosts({ SITE_URL: 'https://www.bao.example/tin' })).toEqual(['www.bao.example', 'bao.example'])
    expect(hosts({ SITE_URL: 'https://bao.example', EMBED_HOSTS: ' CDN.bao.example ,, *.Anh.example ,bao.example' })).toEqual([
      'bao.example',
      'www.bao.example',
      'cdn.bao.example',
      '*.anh.example',
    ])
    // As browsers compare them: a non-ASCII name by its A-label; no www. for a one-label host or an address.
    expect(hosts({ SITE_URL: 'http://localhost:8787', EMBED_HOSTS: 'ảnh.báo.vn' })).toEqual(['localhost', 'xn--nh-k5s.xn--bo-mia.vn'])
    expect(hosts({ SITE_URL: 'http://127.0.0.1:8787' })).toEqual(['127.0.0.1'])
  })

  it('refuses a var it cannot use, naming it', () => {
    const cases: Array<[Partial<Env>, RegExp]> = [
      [{ CACHE_MAX_AGE: 'soon' }, /^CACHE_MAX_AGE must be a whole number/],
      [{ KV_TIMEOUT_MS: '-1' }, /^KV_TIMEOUT_MS must be a whole number/],
      [{ FEED_RECHECK_MS: '1.5' }, /^FEED_RECHECK_MS must be a whole number/],
      [{ FEED_TTL_MINUTES: '0' }, /^FEED_TTL_MINUTES must be a whole number from 1/],
      [{ EDGE_CACHE: 'yes' }, /^EDGE_CACHE must be "on" or "off"/],
      [{ SITE_URL: 'baonamdinh.vn' }, /^SITE_URL must be an absolute URL/],
      [{ LOGO_URL: '/logo.png' }, /^LOGO_URL must be an absolute URL/],
      [{ WEBSUB_HUB: 'ftp://hub.example' }, /^WEBSUB_HUB must be an absolute http\(s\) URL/],
      [{ CURSOR_SECRET: 'short' }, /^CURSOR_SECRET must be at least 16 characters/],
      [{ BATCH_MAX_ARTICLES: '0' }, /^BATCH_MAX_ARTICLES must be a whole number from 1 to 100, got "0"/],
      [{ BATCH_MAX_ARTICLES: '101' }, /^BATCH_MAX_ARTICLES must be a whole number from 1 to 100/],
      [{ BATCH_MAX_ARTICLES: 'nhiều' }, /^BATCH_MAX_ARTICLES must be a whole number/],
      [{ BATCH_MAX_BYTES: '1000' }, /^BATCH_MAX_BYTES must be a whole number from 4096 to 5242880, got "1000"/],
      [{ BATCH_MAX_BYTES: '48KB' }, /^BATCH_MAX_BYTES must be a whole number from 4096/],
      [{ BATCH_MAX_BYTES: String(5 * 1024 * 1024 + 1) }, /^BATCH_MAX_BYTES must be a whole number from 4096 to 5242880/],
      ...['GMT+7', 'Asia/Ha_Noi', 'Việt Nam'].map((zone): [Partial<Env>, RegExp] => [
        { TIME_ZONE: zone },
        /^TIME_ZONE must be an IANA time zone/,
      ]),
      ...[
        'https://cdn.bao.example',
        'cdn.bao.example/anh',
        'cdn.bao.example:8443',
        '*',
        '*.',
        'a..b',
        '-a.example',
        'a b',
        'user@cdn.example',
      ].map((host): [Partial<Env>, RegExp] => [{ EMBED_HOSTS: `cdn.ok.example, ${host}` }, /^EMBED_HOSTS must list host names/]),
    ]
    for (const [env, message] of cases) {
      expect(() => readConfig(env), JSON.stringify(env)).toThrow(ConfigError)
      expect(() => readConfig(env), JSON.stringify(env)).toThrow(message)
    }
  })

  it('is read once per env object', () => {
    const env = { CACHE_MAX_AGE: '60' } as Env
    expect(configOf(env)).toBe(configOf(env))
    expect(configOf({ ...env })).not.toBe(configOf(env))
  })
})
