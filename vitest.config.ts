import { cloudflareTest } from '@cloudflare/vitest-pool-workers'
import { defineConfig } from 'vitest/config'

export default defineConfig({
  plugins: [
    cloudflareTest({
      main: './src/index.ts',
      wrangler: { configPath: './wrangler.toml' },
      // The admin token the API tests authenticate with; tests of other setups pass their own env.
      miniflare: { bindings: { ADMIN_TOKEN: 'test-admin-token' } },
    }),
  ],
  test: { include: ['tests/**/*.test.ts'], globalSetup: ['tests/fake-hub.ts'] },
})
