import { cloudflareTest } from '@cloudflare/vitest-pool-workers'
import { defineConfig } from 'vitest/config'

// Tests that touch the app run inside workerd. Tests that drive processes or a browser (tests/node/)
// run in Node under vitest.node.config.ts.
export default defineConfig({
  plugins: [
    cloudflareTest({
      main: './src/index.ts',
      wrangler: { configPath: './wrangler.toml' },
      // The admin token the API tests authenticate with; tests of other setups pass their own env.
      miniflare: { bindings: { ADMIN_TOKEN: 'test-admin-token' } },
    }),
  ],
  test: {
    include: ['tests/**/*.test.ts'],
    exclude: ['tests/node/**', 'node_modules/**'],
    // A fake WebSub hub, a real HTTP server the Worker publishes to (tests/fake-hub.ts).
    globalSetup: ['tests/fake-hub.ts'],
  },
})
