/**
 * Size of /embed.js as served and minified, each raw and gzipped: the figure docs/embed.md states.
 * Bundles src/embed/script.ts with the esbuild wrangler uses (keep_names off, as in wrangler.toml), so
 * the text is the Worker's (tests/node/embed.browser.test.ts checks how close). Run: npm run embed:size
 */
import { gzipSync } from 'node:zlib'
import { fileURLToPath } from 'node:url'
import { build, transform } from 'esbuild'

export interface WidgetSize {
  served: { bytes: number; gzip: number }
  minified: { bytes: number; gzip: number }
}

const sizes = (text: string) => ({ bytes: Buffer.byteLength(text), gzip: gzipSync(text, { level: 9 }).length })

/** Sizes of one /embed.js text, as it is and minified by esbuild. */
export async function measure(served: string): Promise<WidgetSize> {
  const minified = (await transform(served, { minify: true, loader: 'js' })).code
  return { served: sizes(served), minified: sizes(minified) }
}

/**
 * /embed.js for the default configuration, bundled on its own. wrangler's whole-Worker bundle may rename
 * a few of the widget's locals (`author` → `author2`) to avoid clashes with other modules, so the served
 * text differs by a few bytes; the browser test compares the two.
 */
export async function widgetSize(): Promise<WidgetSize> {
  const bundle = await build({
    stdin: {
      contents: `import { siteConfig } from './src/config/masthead'\nimport { widgetScript } from './src/embed/script'\nexport const served = widgetScript(siteConfig({}))`,
      resolveDir: fileURLToPath(new URL('..', import.meta.url)),
      loader: 'ts',
    },
    bundle: true,
    format: 'esm',
    platform: 'neutral',
    write: false,
    keepNames: false,
    logLevel: 'silent',
  })
  const code = bundle.outputFiles[0]?.text ?? ''
  const { served } = (await import(`data:text/javascript;base64,${Buffer.from(code).toString('base64')}`)) as { served: string }
  return measure(served)
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const size = await widgetSize()
  console.log(`embed.js served:   ${size.served.bytes} B, ${size.served.gzip} B gzipped`)
  console.log(`embed.js minified: ${size.minified.bytes} B, ${size.minified.gzip} B gzipped`)
}
