/**
 * The --url target: batches through the admin API of a running service. Every answer is checked to
 * account for each article sent (readBatchAnswer); one that does not stops the run (exit 2). A batch
 * the server finds too large (413) is split until the one file at fault is refused on its own.
 */
import { BATCH_BODY_LIMIT, MAX_BATCH } from '../../src/articles/batch'
import type { Pending } from '../../src/articles/ids'
import { articleToInput, batches, readBatchAnswer } from '../../src/ingest/importer'
import { FatalError, type Target, type Written } from './targets'

/** POST with retries: a batch is idempotent (explicit ids), so a lost connection or a 5xx is safe to send again. */
async function post(endpoint: URL, token: string, body: string): Promise<Response> {
  for (let attempt = 1; ; attempt++) {
    let response: Response | undefined
    try {
      response = await fetch(endpoint, {
        method: 'POST',
        headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
        body,
      })
    } catch (error) {
      if (attempt >= 3) {
        const cause = (error as { cause?: { code?: string } }).cause?.code ?? (error as Error).message
        throw new FatalError(`cannot reach ${endpoint.origin} (${cause}): is the service running (npm start)?`)
      }
    }
    if (response && (response.status < 500 || attempt >= 3)) return response
    await response?.body?.cancel()
    await new Promise((r) => setTimeout(r, 1_000 * attempt))
  }
}

const REFUSALS: Record<number, string> = {
  401: 'the server refused the token (401): check --token / ADMIN_TOKEN',
  503: 'the server has no admin token configured (503): start it with ADMIN_TOKEN=… npm start',
  404: 'no admin API there (404): is --url the vnfeeds service?',
}

export function urlTarget(url: URL, token: string, siteUrl: string): Target {
  const endpoint = new URL('/api/articles', url)

  async function send(group: Array<{ item: Pending; json: string }>): Promise<Written[]> {
    const response = await post(endpoint, token, `[${group.map((g) => g.json).join(',')}]`)
    if (response.status === 413) {
      await response.body?.cancel()
      if (group.length === 1) return [{ status: 'rejected', reason: 'the server refused it as too large (413)' }]
      const half = Math.ceil(group.length / 2)
      return [...(await send(group.slice(0, half))), ...(await send(group.slice(half)))]
    }
    const text = await response.text()
    let body: unknown = null
    try {
      body = JSON.parse(text)
    } catch {
      // Not JSON: said below, with the status.
    }
    const detail = (body as { detail?: unknown } | null)?.detail
    if (!Array.isArray((body as { results?: unknown } | null)?.results))
      throw new FatalError(
        REFUSALS[response.status] ??
          `the server answered ${response.status}${typeof detail === 'string' ? `: ${detail}` : ' without a results list'}`,
      )
    const answer = readBatchAnswer(
      body,
      group.map(({ item }) => ({ id: item.article.id, ...(item.legacyId !== undefined && { legacyId: item.legacyId }) })),
    )
    if (!answer.ok)
      throw new FatalError(
        `the server's answer (${response.status}) does not account for every article sent: ${answer.problems.slice(0, 5).join('; ')}`,
      )
    return answer.fates.map((f) =>
      f.status === 'rejected' ? { status: 'rejected', reason: `server refused it (${f.code}): ${f.reason}` } : f,
    )
  }

  return {
    chunk: MAX_BATCH,
    async write(items) {
      const inputs = items.map((item) => ({
        item,
        json: JSON.stringify({ ...articleToInput(item.article, siteUrl), ...(item.legacyId !== undefined && { legacyId: item.legacyId }) }),
      }))
      const out: Written[] = []
      // Leave room for the brackets and commas around the elements.
      for (const group of batches(inputs, MAX_BATCH, BATCH_BODY_LIMIT - 64 * 1024, (g) => Buffer.byteLength(g.json) + 1))
        out.push(...(await send(group)))
      return out
    },
    close: async () => {},
  }
}
