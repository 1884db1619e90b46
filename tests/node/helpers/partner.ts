import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'

/** A partner's web site: static pages on its own loopback origin, a different origin from the Worker's. */
export interface PartnerSite {
  origin: string
  close(): Promise<void>
}

export async function servePartner(pages: (origin: string) => Record<string, string>): Promise<PartnerSite> {
  let table: Record<string, string> = {}
  const server = createServer((req, res) => {
    const page = table[new URL(req.url ?? '/', 'http://partner').pathname]
    if (page === undefined) {
      res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' }).end('not found')
      return
    }
    res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' }).end(page)
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  table = pages(origin)
  return {
    origin,
    close: () => new Promise((resolve, reject) => server.close((error) => (error ? reject(error) : resolve()))),
  }
}
