import { cloudflareTest } from '@cloudflare/vitest-pool-workers'
import { defineConfig } from 'vitest/config'

// Tests that touch the app run inside workerd. Tests that drive processes or a browser (tests/node/)
// run in Node under vitest.node.config.ts.
export default defineConfig({
  plugins: [
    cloudflareTest({
      main: './src/index.ts',
      wrangler: { configPath: './wrangler.toml' },
      // The admin token the API tests authenticate with; tests of other setups pass their own env. A real
      // Rate Limiting binding, configured as docs/deploy.md says, for the tests that hand it to the app.
      miniflare: {
        bindings: { ADMIN_TOKEN: 'test-admin-token' },
        ratelimits: { TEST_LOGIN_LIMITER: { simple: { limit: 10, period: 60 } } },
      },
    }),
  ],
  test: {
    deps: { optimizer: { ssr: { enabled: true, include: ['sanitize-html'] } } },
    include: ['tests/**/*.test.ts'],
    exclude: ['tests/node/**', 'node_modules/**'],
    // Local KV writes take milliseconds each; with test files running side by side on two cores, tests that
    // write a hundred articles need more than the 5 s default.
    testTimeout: 30_000,
    // A fake WebSub hub, a real HTTP server the Worker publishes to (tests/helpers/fake-hub.ts).
    globalSetup: ['tests/helpers/fake-hub.ts'],
  },
})
