/**
 * A fake WebSub hub: a real HTTP server (Node, started once by vitest's globalSetup) that the Worker
 * under test publishes to over the network, as it would to a real hub. It records every request by
 * path; the path also picks its behaviour, so tests running in parallel never share a log:
 *   POST /<name>            → 204
 *   POST /<name>/flaky      → 503 for a topic's first ping, 204 after
 *   POST /<name>/refuse     → 400 always
 *   POST /<name>/down       → 503 always
 *   GET  /__log/<name>...   → JSON list of what was posted under that path
 */
import { createServer, type Server } from 'node:http'
import type { TestProject } from 'vitest/node'

export interface HubRequest {
  method: string
  path: string
  contentType: string
  /** Every form field as sent, repeated ones in order. */
  form: Array<[string, string]>
  status: number
}

declare module 'vitest' {
  export interface ProvidedContext {
    fakeHub: string
  }
}

let server: Server | undefined

export async function setup(project: TestProject): Promise<void> {
  const log: HubRequest[] = []
  const seen = new Set<string>()
  server = createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (c: Buffer) => chunks.push(c))
    req.on('end', () => {
      const path = req.url ?? '/'
      if (req.method === 'GET' && path.startsWith('/__log/')) {
        const prefix = path.slice('/__log'.length)
        res.writeHead(200, { 'Content-Type': 'application/json' })
        res.end(JSON.stringify(log.filter((r) => r.path === prefix || r.path.startsWith(`${prefix}/`))))
        return
      }
      const form = [...new URLSearchParams(Buffer.concat(chunks).toString('utf8'))]
      const topic = form.find(([k]) => k === 'hub.url')?.[1] ?? ''
      let status = 204
      if (path.endsWith('/refuse')) status = 400
      else if (path.endsWith('/down')) status = 503
      else if (path.endsWith('/flaky') && !seen.has(path + topic)) {
        seen.add(path + topic)
        status = 503
      }
      log.push({ method: req.method ?? '', path, contentType: req.headers['content-type'] ?? '', form, status })
      res.writeHead(status)
      res.end()
    })
  })
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve))
  const address = server.address()
  if (address === null || typeof address === 'string') throw new Error('fake hub has no port')
  project.provide('fakeHub', `http://127.0.0.1:${address.port}`)
}

export async function teardown(): Promise<void> {
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()))
}
