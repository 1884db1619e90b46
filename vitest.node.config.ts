import { defineConfig } from 'vitest/config'

// Node-side tests: the importer CLI as a process, feeds checked by Python feedparser/xmllint/jing,
// and the embed widget in Debian's Chromium. They start their own workerd through Miniflare.
export default defineConfig({
  test: {
    include: ['tests/node/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    fileParallelism: false,
    // Failure messages quote what a client showed in full (a title is longer than chai's default 40 characters).
    chaiConfig: { truncateThreshold: 0 },
  },
})
