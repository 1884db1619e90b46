import { spawnSync } from 'node:child_process'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { expect, it } from 'vitest'

// The outside checks aggregators and validators make: libxml2 well-formedness, RFC 4287's RELAX NG
// grammar (jing), Python feedparser with bozo = 0, exact +07:00/+0700 dates, and the full masthead —
// over the demo articles and hostile samples (scripts/render-samples.ts). npm test installs the tools (scripts/test-deps.sh).
it('every sample feed, the demo feed included, passes xmllint, jing and feedparser', () => {
  const out = mkdtempSync(join(tmpdir(), 'vnfeeds-validate-'))
  const python = process.platform === 'linux' ? '/usr/bin/python3' : 'python3'
  const run = spawnSync(python, ['scripts/validate-feeds.py', out], { encoding: 'utf8', timeout: 120_000 })
  expect(run.stdout + run.stderr).toMatch(/feeds checked in .*: all valid/)
  expect(run.status).toBe(0)
}, 180_000)
